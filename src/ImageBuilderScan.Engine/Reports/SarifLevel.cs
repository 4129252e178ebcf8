namespace ImageBuilderScan.Engine.Reports;

/// <summary>SARIF result levels from severities.</summary>
public static class SarifLevel
{
    /// <summary>CRITICAL and HIGH: error; MEDIUM: warning; LOW, INFORMATIONAL, UNTRIAGED: note.</summary>
    public static string Of(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical or FindingSeverity.High => "error",
        FindingSeverity.Medium => "warning",
        _ => "note",
    };
}
