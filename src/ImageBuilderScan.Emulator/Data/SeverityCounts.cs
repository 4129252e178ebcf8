namespace ImageBuilderScan.Emulator;

/// <summary>The model's SeverityCounts: All counts every finding, including low, informational and untriaged.</summary>
public readonly record struct SeverityCounts(long All, long Critical, long High, long Medium)
{
    public SeverityCounts Add(string severity) => severity switch
    {
        "CRITICAL" => this with { All = All + 1, Critical = Critical + 1 },
        "HIGH" => this with { All = All + 1, High = High + 1 },
        "MEDIUM" => this with { All = All + 1, Medium = Medium + 1 },
        _ => this with { All = All + 1 },
    };
}

/// <summary>One aggregation as the emulator serves it: its kind (the filter name), key and counts.</summary>
public sealed record ExpectedAggregation(string Kind, string Key, SeverityCounts Counts);
