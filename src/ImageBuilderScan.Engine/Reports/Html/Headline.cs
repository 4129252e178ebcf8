using System.Reflection;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>The report's first lines: the verdict, the counts by severity, and when and against what it was made.</summary>
internal static class Headline
{
    public static void Write(HtmlWriter html, HtmlReportContent content)
    {
        var gated = content.Images.Where(i => i.Gate is not null).ToList();
        if (gated.Count > 0)
        {
            var failed = gated.Count(i => i.Gate!.Passed == false);
            html.Element("p", failed == 0 ? $"PASSED: {gated.Count} of {gated.Count} build(s) passed the gate." : $"FAILED: {failed} of {gated.Count} build(s) failed the gate.",
                ("class", failed == 0 ? "verdict pass" : "verdict fail"), ("id", "verdict"));
        }

        var (counts, from) = Totals(content);
        if (counts is not null)
        {
            html.Element("p", from, ("class", "muted"));
            html.Open("ul", ("class", "totals"), ("id", "totals"));
            foreach (var (key, word, value) in counts)
            {
                html.Open("li", ("data-severity", key)).Element("span", word, ("class", $"badge sev-{key}")).Text(" ")
                    .Element("strong", value is { } v ? HtmlText.Number(v) : "unknown").Close();
            }
            html.Close();
        }

        html.Open("dl");
        html.Element("dt", "Made");
        html.Element("dd", HtmlText.DateTime(content.MadeAt) + Version());
        html.Element("dt", "Against");
        html.Element("dd", Against(content));
        if (gated.Count > 0)
        {
            html.Element("dt", "Gate");
            html.Element("dd", Policy(gated[0].Gate!.Policy));
        }
        html.Close();
    }

    /// <summary>Counts of the builds shown (gate results or findings), else of each pipeline's newest build with counts.</summary>
    /// <remarks>A total over a count the service did not send is unknown (null), never a sum that took it as 0.</remarks>
    private static ((string Key, string Word, long? Value)[]? Counts, string From) Totals(HtmlReportContent content)
    {
        if (content.Images.Count > 0)
        {
            var c = content.Images.Select(i => i.Counts).Aggregate(SeverityCounts.None, (a, b) => new SeverityCounts(a.Critical + b.Critical, a.High + b.High,
                a.Medium + b.Medium, a.Low + b.Low, a.Informational + b.Informational, a.Untriaged + b.Untriaged));
            return ([("critical", "CRITICAL", c.Critical), ("high", "HIGH", c.High), ("medium", "MEDIUM", c.Medium), ("other", "LOW AND OTHER", c.Low + c.Other)],
                $"Findings that count, over {content.Images.Count} build(s):");
        }

        var newest = content.History.GroupBy(h => h.ImagePipelineArn).Select(g => g.LastOrDefault(h => h.ScanComplete)).OfType<History.BuildHistoryEntry>().ToList();
        if (newest.Count == 0) return (null, "");
        return ([("critical", "CRITICAL", Sum(newest, h => h.Critical)), ("high", "HIGH", Sum(newest, h => h.High)), ("medium", "MEDIUM", Sum(newest, h => h.Medium)),
            ("other", "LOW AND OTHER", Sum(newest, h => h.All - h.Critical - h.High - h.Medium))],
            $"Findings of the newest scanned build of {newest.Count} pipeline(s):");
    }

    /// <summary>The sum of a count over builds; null (unknown) when one of them is.</summary>
    private static long? Sum(IEnumerable<History.BuildHistoryEntry> entries, Func<History.BuildHistoryEntry, long?> count)
    {
        long total = 0;
        foreach (var entry in entries)
        {
            if (count(entry) is not { } n) return null;
            total += n;
        }
        return total;
    }

    private static string Against(HtmlReportContent content)
    {
        var arns = content.Images.Select(i => i.ImageBuildVersionArn).Concat(content.History.Select(h => h.ImageBuildVersionArn))
            .Concat(content.Changes.SelectMany(c => new[] { c.ReferenceImageBuildVersionArn, c.DifferenceImageBuildVersionArn })).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();
        var regions = arns.Select(ImageBuilderArn.RegionOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var accounts = arns.Select(ImageBuilderArn.AccountOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pipelines = content.History.Select(h => h.ImagePipelineArn).Distinct(StringComparer.Ordinal).Count();
        var parts = new List<string> { $"{arns.Count} build(s)" };
        if (pipelines > 0) parts.Add($"{pipelines} pipeline(s)");
        if (regions.Count > 0) parts.Add($"region {string.Join(", ", regions)}");
        if (accounts.Count > 0) parts.Add($"account {string.Join(", ", accounts)}");
        if (content.Changes.Count > 0) parts.Add($"{content.Changes.Count} change(s) between builds");
        return string.Join("; ", parts);
    }

    private static string Policy(GatePolicy policy)
    {
        var parts = new List<string> { $"fails on {SeverityRank.ToServiceName(policy.FailOn)} and above" };
        parts.AddRange(policy.MaxCount.OrderByDescending(m => m.Key).Select(m => $"allows {m.Value} {SeverityRank.ToServiceName(m.Key)}"));
        if (policy.FixableOnly) parts.Add("fixable findings only");
        if (policy.AllowIncompleteScan) parts.Add("incomplete scans allowed");
        if (policy.Exceptions.Entries.Count > 0) parts.Add($"{policy.Exceptions.Entries.Count} exception(s){(policy.Exceptions.Source is { } file ? $" from {file}" : "")}");
        return string.Join("; ", parts);
    }

    private static string Version()
    {
        var version = typeof(Headline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? "" : $" by ImageBuilderScan {version.Split('+')[0]}";
    }
}
