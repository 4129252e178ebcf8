namespace ImageBuilderScan.Emulator;

/// <summary>Everything the emulator can be told at start. The command line maps onto these one to one.</summary>
public sealed record EmulatorOptions
{
    public const string DefaultAccessKeyId = "AKIAIBSCANEMULATOR00";
    public const string DefaultSecretAccessKey = "ImageBuilderScanEmulatorSecretKey00000000";

    /// <summary>Listen addresses separated by ';' (e.g. http://127.0.0.1:5099). Null: 127.0.0.1 on a free port.</summary>
    public string? Urls { get; init; }

    /// <summary>The only access key id the emulator accepts.</summary>
    public string AccessKeyId { get; init; } = DefaultAccessKeyId;

    /// <summary>The secret that signatures are verified with.</summary>
    public string SecretAccessKey { get; init; } = DefaultSecretAccessKey;

    /// <summary>When set, every request must carry this X-Amz-Security-Token; when null, none may.</summary>
    public string? SessionToken { get; init; }

    /// <summary>How far X-Amz-Date may be from the server clock (AWS allows 15 minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Aggregations per page of ListImageScanFindingAggregations (the API has no page-size parameter).</summary>
    public int AggregationPageSize { get; init; } = 100;

    /// <summary>Findings per page of ListImageScanFindings when the request has no maxResults.</summary>
    public int FindingsPageSize { get; init; } = 10;

    /// <summary>A findings data set file in the documented format. Wins over <see cref="Seed"/>.</summary>
    public string? DataFile { get; init; }

    /// <summary>A findings data set in the documented format, inline (handy in tests). Wins over <see cref="DataFile"/>.</summary>
    public string? DataJson { get; init; }

    /// <summary>Seed and sizes of the generated data set used when neither DataJson nor DataFile is given.</summary>
    public int Seed { get; init; } = 1;
    public int Accounts { get; init; } = 2;
    public int PipelinesPerAccount { get; init; } = 3;
    public int ImagesPerPipeline { get; init; } = 3;
    public int Vulnerabilities { get; init; } = 40;
    public int FindingsPerImage { get; init; } = 6;

    /// <summary>Any aggregation filter returns every key of its kind in the data set, whatever its values.</summary>
    public bool FilterMatchesAll { get; init; }

    /// <summary>When above zero, aggregations come from N generated keys of the requested kind, built page by page.</summary>
    public long SyntheticKeys { get; init; }

    /// <summary>Log every request to the console.</summary>
    public bool Verbose { get; init; }

    /// <summary>Fault plans installed at start (more can be added at any time through <see cref="EmulatorServer.Faults"/>).</summary>
    public IReadOnlyList<FaultPlan> Faults { get; init; } = [];
}
