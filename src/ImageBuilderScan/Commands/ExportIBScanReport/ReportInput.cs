using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Adapter;

/// <summary>What Export-IBScanReport was piped, as the images a report shows: gate results as decided, or findings by severity.</summary>
internal static class ReportInput
{
    /// <exception cref="ScanInputException">Gate results and findings mixed (a report shows one or the other), or nothing at all.</exception>
    public static IReadOnlyList<ReportImage> Images(IReadOnlyList<object> input, string failOn)
    {
        var gates = input.OfType<GateResult>().ToList();
        var findings = input.OfType<ScanFinding>().ToList();
        if (gates.Count > 0 && findings.Count > 0)
            throw new ScanInputException("InputObject", null, "either findings from Get-IBScanFinding or results from Test-IBScanGate",
                $"{gates.Count} gate result(s) and {findings.Count} finding(s) were piped together; a report shows what the gate decided, or findings, not both.");
        if (gates.Count > 0) return ReportImage.From(gates);
        return ReportImage.FromFindings(findings, SeverityRank.Parse("FailOn", failOn));
    }
}
