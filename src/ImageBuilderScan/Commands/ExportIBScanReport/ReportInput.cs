using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Engine.History;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// What Export-IBScanReport was piped, as the images a report shows: gate results as decided, or findings by
/// severity; the HTML report also shows comparisons (Compare-IBScanFinding) and history (Get-IBScanHistory).
/// </summary>
internal static class ReportInput
{
    /// <summary>Whether a piped object is report input at all (for the given format): refused ones are errors.</summary>
    public static bool Accepts(object item, bool html) =>
        item is ScanFinding or GateResult || (html && item is FindingChange or BuildHistoryEntry);

    /// <summary>What the format shows, or why not: objects only the HTML report shows.</summary>
    public static string Expected(bool html) => html
        ? "a finding from Get-IBScanFinding, a result from Test-IBScanGate, a change from Compare-IBScanFinding or a build from Get-IBScanHistory"
        : "a finding from Get-IBScanFinding or a result from Test-IBScanGate (comparisons and history go into -Format Html)";

    /// <summary>Everything the HTML report shows.</summary>
    /// <exception cref="ScanInputException">Gate results and findings mixed.</exception>
    public static HtmlReportContent Html(IReadOnlyList<object> input, string failOn, bool failOnGiven = false) => new()
    {
        Images = input.Any(i => i is GateResult or ScanFinding) ? Images(input, failOn, failOnGiven) : [],
        Changes = input.OfType<FindingChange>().ToList(),
        History = input.OfType<BuildHistoryEntry>().ToList(),
    };

    /// <exception cref="ScanInputException">Gate results and findings mixed (a report shows one or the other), or nothing at all.</exception>
    /// <param name="failOnGiven">-FailOn was given: refused with gate results, which the gate already decided with its own -FailOn.</param>
    public static IReadOnlyList<ReportImage> Images(IReadOnlyList<object> input, string failOn, bool failOnGiven = false)
    {
        var gates = input.OfType<GateResult>().ToList();
        var findings = input.OfType<ScanFinding>().ToList();
        if (gates.Count > 0 && findings.Count > 0)
            throw new ScanInputException("InputObject", null, "either findings from Get-IBScanFinding or results from Test-IBScanGate",
                $"{gates.Count} gate result(s) and {findings.Count} finding(s) were piped together; a report shows what the gate decided, or findings, not both.");
        if (gates.Count > 0 && failOnGiven)
            throw new ScanInputException("FailOn", failOn, "-FailOn only with findings from Get-IBScanFinding",
                $"{gates.Count} gate result(s) were piped, and the gate already decided them with its own -FailOn ({gates[0].Policy.FailOn}); a report of them shows that decision. Leave -FailOn out, or pass the -FailOn you want to Test-IBScanGate.");
        // What each gate run decided and did not reach the report (results a downstream stop kept from being written, errors
        // no result carries) is shown too: a report never says less than the gate decided.
        if (gates.Count > 0) return ReportImage.From(GateRun.Decided(gates, new GateEvaluator()));
        return ReportImage.FromFindings(findings, SeverityRank.Parse("FailOn", failOn));
    }
}
