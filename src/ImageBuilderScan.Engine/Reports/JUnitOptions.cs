namespace ImageBuilderScan.Engine.Reports;

/// <summary>Settings of a JUnit report.</summary>
public sealed record JUnitOptions
{
    /// <summary>The suites' timestamp (UTC); default the gate's evaluation time, else now.</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>Default the machine name, or "localhost" when it has none.</summary>
    public string? Hostname { get; init; }
}
