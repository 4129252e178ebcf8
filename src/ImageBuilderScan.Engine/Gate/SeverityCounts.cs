namespace ImageBuilderScan.Engine.Gate;

/// <summary>How many findings of each severity counted toward a gate (or a report).</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Informational, int Untriaged)
{
    public static SeverityCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => Critical + High + Medium + Low + Informational + Untriaged;

    /// <summary>Informational and untriaged together: the "Other" column of a summary.</summary>
    public int Other => Informational + Untriaged;

    public int this[FindingSeverity severity] => severity switch
    {
        FindingSeverity.Critical => Critical,
        FindingSeverity.High => High,
        FindingSeverity.Medium => Medium,
        FindingSeverity.Low => Low,
        FindingSeverity.Informational => Informational,
        _ => Untriaged,
    };

    public static SeverityCounts Of(IEnumerable<FindingSeverity> severities)
    {
        var n = new int[6];
        foreach (var severity in severities) n[(int)severity]++;
        return new SeverityCounts(n[5], n[4], n[3], n[2], n[1], n[0]);
    }

    public override string ToString() =>
        $"CRITICAL {Critical}, HIGH {High}, MEDIUM {Medium}, LOW {Low}, INFORMATIONAL {Informational}, UNTRIAGED {Untriaged}";
}
