using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// One bad query: the rule it breaks and how (its <see cref="Label"/>, the test's display name), the query, the
/// parameter its error must name, and text the error's expected form must contain.
/// </summary>
public sealed record BadQuery(string Label, ListingQuery Query, string Parameter, string FormFragment)
{
    /// <summary>The bad value (the last filter value, else the token), for checks that it is not echoed whole.</summary>
    public string? Value => Query.Values.Count > 0 ? Query.Values[^1] : Query.NextToken;

    public override string ToString() => Label;
}

/// <summary>
/// The one source of hostile input for the validator's tests (engine, against a fake API) and the reliability
/// tests (against a live emulator): named cases per rule of <see cref="QueryValidator"/>, each labelled
/// "rule: example (operation)" so adding one renames nothing, and a seeded fuzz. Linked into both projects.
/// </summary>
public static partial class HostileInput
{
    public const string ImageArn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4";
    public const string PipelineArn = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server-pipeline";
    public const string Account = "123456789012";
    public const string Cve = "CVE-2025-38064";
    public const string ValueForm = "1 to 1024 characters";

    /// <summary>A kind of filter value: the filter, the parameter errors name, a good value, its form, the operations.</summary>
    public sealed record Kind(string Filter, string Parameter, string Good, string Form, bool Aggregations, bool Findings, string? ValuesParameter = null);

    public static readonly Kind Pipeline = new(FilterNames.ImagePipelineArn, "ImagePipelineArn", PipelineArn, ":image-pipeline/<lower-case name>", true, true);
    public static readonly Kind Image = new(FilterNames.ImageBuildVersionArn, "ImageBuildVersionArn", ImageArn, ":image/<lower-case name>/<x.y.z>/<build number>", true, true);
    public static readonly Kind AccountId = new(FilterNames.AccountId, "AccountId", Account, "12 digits", true, false);
    public static readonly Kind Vulnerability = new(FilterNames.VulnerabilityId, "VulnerabilityId", Cve, "CVE-YYYY-NNNN", true, true);
    public static readonly Kind Severity = new(FilterNames.Severity, "Severity", "HIGH", "one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED", false, true);
    /// <summary>A filter the validator does not know, through the escape hatch: only the model's value pattern applies.</summary>
    public static readonly Kind Custom = new("customFilter", "FilterValue", "any value: 1, 2", ValueForm, true, true, QueryValidator.EscapeHatchParameterName);

    public static readonly Kind[] Kinds = [Pipeline, Image, AccountId, Vulnerability, Severity, Custom];

    /// <summary>Characters outside the model's value pattern <c>[0-9a-zA-Z./_ :,{}"-]</c>: controls, shell and SQL metacharacters, invisible and look-alike characters.</summary>
    public static readonly char[] Forbidden =
        ['\0', '\u0001', '\a', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u00a0', '\u00e9', '\u0430', '\u03bf', '\u2011', '\u2013',
         '\u200b', '\u200e', '\u202e', '\u2028', '\u2029', '\ufeff', '\uff1a', '\u0661', '\ud800',
         '<', '>', ';', '\'', '`', '$', '|', '&', '*', '?', '\\', '%', '#', '=', '!', '[', ']', '(', ')', '+', '~', '^', '@'];

    /// <summary>The query for one value kind and operation, with these values (and optionally a token or a first-page-only mode).</summary>
    public static ListingQuery Query(Kind kind, bool findings, IReadOnlyList<string> values, string? valuesParameter = null, string? token = null, bool firstPageOnly = false) =>
        findings
            ? new FindingQuery { FilterName = kind.Filter, Values = values, ValuesParameterName = valuesParameter ?? kind.ValuesParameter, NextToken = token, FirstPageOnly = firstPageOnly }
            : new AggregationQuery { FilterName = kind.Filter, Values = values, ValuesParameterName = valuesParameter ?? kind.ValuesParameter, NextToken = token, FirstPageOnly = firstPageOnly };

    /// <summary>One case per operation the kind's filter applies to.</summary>
    private static IEnumerable<BadQuery> Each(Kind kind, string rule, string example, IReadOnlyList<string> values, string? valuesParameter = null)
    {
        var parameter = valuesParameter ?? kind.Parameter;
        if (kind.Aggregations) yield return new($"{rule}: {kind.Parameter} {example} (aggregations)", Query(kind, false, values, valuesParameter), parameter, kind.Form);
        if (kind.Findings) yield return new($"{rule}: {kind.Parameter} {example} (findings)", Query(kind, true, values, valuesParameter), parameter, kind.Form);
    }

    /// <summary>A label-safe, short rendering of a value: invisible and non-ASCII characters as \uXXXX.</summary>
    public static string Show(string value)
    {
        var shown = string.Concat(value.Take(40).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
        return value.Length > 40 ? $"{shown}... ({value.Length} characters)" : shown;
    }

    /// <summary>
    /// A fuzz seed from an environment variable: a fixed default so every run is the same, a given number to
    /// replay one, or "random" to explore.
    /// </summary>
    public static int Seed(string variable, int fallback)
    {
        var setting = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(setting)) return fallback;
        if (string.Equals(setting, "random", StringComparison.OrdinalIgnoreCase)) return System.Random.Shared.Next();
        return int.TryParse(setting, out var seed) ? seed : throw new ArgumentException($"{variable} is '{setting}': a number, or 'random'.");
    }

    /// <summary>
    /// <paramref name="count"/> generated bad values, each a good value of a random kind with one to three forbidden
    /// characters inserted, replacing others or put first, or made too long, so it can never turn valid by chance;
    /// one in three hides among good values. The label carries the seed and the index, so a failure replays.
    /// </summary>
    public static IEnumerable<BadQuery> Random(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var findings = kind.Aggregations && kind.Findings ? random.Next(2) == 0 : kind.Findings;
            var (value, how) = random.Next(3) switch
            {
                0 => Mutate(random, kind.Good),
                1 => (kind.Good + new string('a', QueryValidator.MaxValueLength + 1 - kind.Good.Length + random.Next(0, 3000)), "too long"),
                _ => Prefix(random, kind.Good),
            };
            // Hide the bad value after a good one: no request may go out for the good one either.
            string[] values = random.Next(3) == 0 ? [kind.Good, value] : [value];
            yield return new($"random seed={seed} #{i}: {kind.Parameter} {how} '{Show(value)}' ({(findings ? "findings" : "aggregations")})",
                Query(kind, findings, values), kind.Parameter, kind.Form);
        }
    }

    private static (string, string) Mutate(Random random, string good)
    {
        var chars = good.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var bad = Forbidden[random.Next(Forbidden.Length)];
            var at = random.Next(chars.Count + 1);
            if (random.Next(2) == 0 || at == chars.Count) chars.Insert(at, bad);
            else chars[at] = bad;
        }
        return (new string(chars.ToArray()), $"{edits} forbidden edit(s)");
    }

    private static (string, string) Prefix(Random random, string good)
    {
        var k = random.Next(1, 4);
        return (new string(Enumerable.Range(0, k).Select(_ => Forbidden[random.Next(Forbidden.Length)]).ToArray()) + good, $"{k} forbidden first");
    }
}
