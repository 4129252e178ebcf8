namespace ImageBuilderScan.Engine.Reports;

/// <summary>A finding's 0-10 score for SARIF's security-severity and for ordering.</summary>
public static class FindingScore
{
    /// <summary>
    /// The Inspector score, else the highest CVSS base score, else the adjusted CVSS score, else a
    /// value inside the severity's CVSS band (so GitHub still ranks it: CRITICAL 9.5, HIGH 8.0,
    /// MEDIUM 5.5, LOW 2.0, otherwise 0.0).
    /// </summary>
    public static double Of(ScanFinding finding)
    {
        var score = finding.InspectorScore
            ?? finding.Cvss.Select(c => c.BaseScore).Where(s => s is not null).Max()
            ?? finding.AdjustedCvssScore
            ?? SeverityRank.Of(finding.Severity) switch
            {
                FindingSeverity.Critical => 9.5,
                FindingSeverity.High => 8.0,
                FindingSeverity.Medium => 5.5,
                FindingSeverity.Low => 2.0,
                _ => 0.0,
            };
        return double.IsFinite(score) ? Math.Clamp(score, 0.0, 10.0) : 0.0;
    }

    /// <summary>"8.1": one decimal, invariant culture.</summary>
    public static string Text(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
