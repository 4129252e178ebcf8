using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Adapter;

/// <summary>What Export-IBScanReport was piped, as the images a report shows: gate results as decided, or findings by severity.</summary>
internal static class ReportInput
{
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
        if (gates.Count > 0) return ReportImage.From(gates);
        return ReportImage.FromFindings(findings, SeverityRank.Parse("FailOn", failOn));
    }
}
