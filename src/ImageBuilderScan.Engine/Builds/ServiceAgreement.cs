using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>
/// Whether the findings the gate judges for an image (listed by the gate, or handed in) can stand for the image's whole
/// list as the service keeps it: each finding once (by <see cref="FindingIdentity"/>, so a repeat cannot stand in for
/// a finding that is missing), and as many findings in all, and as many CRITICAL, HIGH and MEDIUM ones each, as the
/// service's image aggregation counts (so a severity lowered in a copy, or a listing that calls a CRITICAL finding LOW,
/// is caught). What the counts cannot tell: LOW, INFORMATIONAL and UNTRIAGED apart (the service counts them only in
/// all), two findings' severities swapped with each other, a finding swapped for another of the same severity, or what
/// else a copy carries (score, fix, packages).
/// </summary>
internal sealed record ServiceAgreement(string Verb, string WhyFewer, string WhySeverity)
{
    /// <summary>Findings the gate listed itself.</summary>
    public static ServiceAgreement Listed { get; } = new("listed", "the listing ended early or is not this image's",
        "the listing gives a finding another severity than the service counts it with");

    /// <summary>Findings handed in (live, or copies through Import-Clixml, Start-Job, remoting).</summary>
    public static ServiceAgreement HandedIn { get; } = new("handed in", "the listing may have failed part way",
        "a finding's severity was changed since it was listed, or the findings are not this image's");

    /// <summary>Why the findings cannot stand for the image's whole list; null when they agree with <paramref name="service"/>.</summary>
    public string? Problem(IReadOnlyList<ScanFinding> findings, ImageCounts service) => Repeated(findings) ?? Unlike(findings, service);

    /// <summary>Why the findings are not each one finding (a repeat), before anything is asked; null when none repeats.</summary>
    public string? Repeated(IReadOnlyList<ScanFinding> findings)
    {
        var seen = new HashSet<FindingIdentity>();
        var repeats = findings.Where(f => !seen.Add(FindingIdentity.Of(f))).ToList();
        return repeats.Count == 0 ? null
            : $"{repeats.Count} finding(s) were {Verb} more than once (the first: {Describe(repeats[0])}): a finding counts once, " +
              "and a repeat could stand in for a finding that is missing";
    }

    /// <summary>Why the findings do not number what <paramref name="service"/> counts, in all or by severity, or cannot be
    /// checked against it (a count its answer left out); null when they agree.</summary>
    public string? Unlike(IReadOnlyList<ScanFinding> findings, ImageCounts service)
    {
        if (Unknown(service) is { } unknown) return unknown;
        var mine = ImageCounts.Of(findings);
        var parts = new List<string>();
        if (mine.All != service.All) parts.Add($"{mine.All} finding(s) were {Verb}, but the service counts {service.All} for this image");
        parts.AddRange(mine.SeveritiesUnlike(service)
            .Select(s => $"{s.Mine} {s.Severity} finding(s) were {Verb}, but the service counts {s.Service} {s.Severity} for this image"));
        return parts.Count == 0 ? null : string.Join("; ", parts) + ": " + (mine.All != service.All ? WhyFewer : WhySeverity);
    }

    /// <summary>
    /// Why <paramref name="service"/> cannot vouch for any findings: its answer left out a count (the model requires none),
    /// and a count that was not sent is unknown; taken as 0 it would pass findings the service may count. Null when all four are known.
    /// </summary>
    public string? Unknown(ImageCounts service) => service.Missing is { Count: > 0 } missing
        ? $"the service's count for this image came without {string.Join(", ", missing)}: a count it did not send is unknown, not 0, " +
          $"so the findings {Verb} cannot be checked against it"
        : null;

    private static string Describe(ScanFinding f) => InputDisplay.VulnerabilityId(f.VulnerabilityId)
        + (f.PackageName is { } package ? " in " + InputDisplay.Show(package) + (f.InstalledVersion is { } version ? " " + InputDisplay.Show(version) : "") : "");
}
