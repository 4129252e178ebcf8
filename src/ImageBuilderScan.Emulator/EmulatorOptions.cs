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

    /// <summary>Generated: the regions pipelines are spread over, round robin (null: us-east-1 only, as before).</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Whether a request sees only the findings and images of the region it was signed for.</summary>
    public RegionScope RegionScope { get; init; } = RegionScope.Auto;

    /// <summary>
    /// The delegated administrator's account: the configured key belongs to it, and credentials for a role in it
    /// see every account. Credentials for a role in any other account see only that account.
    /// </summary>
    public string AdminAccountId { get; init; } = DefaultAdminAccountId;
    public const string DefaultAdminAccountId = "111122223333";

    /// <summary>The smallest DurationSeconds AssumeRole accepts (AWS: 900). Lower it so tests can outlast credentials.</summary>
    public int MinSessionSeconds { get; init; } = 900;

    /// <summary>Regions not enabled for the account: requests signed for them are refused (UnrecognizedClientException).</summary>
    public IReadOnlyList<string> DisabledRegions { get; init; } = [];

    /// <summary>Accounts whose roles refuse AssumeRole (AccessDenied), as a member account whose role does not trust the caller.</summary>
    public IReadOnlyList<string> DeniedRoleAccounts { get; init; } = [];

    /// <summary>Roles whose trust policy requires MFA: AssumeRole answers only with <see cref="MfaSerialNumber"/> and <see cref="MfaTokenCode"/>.</summary>
    public IReadOnlyList<string> MfaRoles { get; init; } = [];

    /// <summary>The configured caller's MFA device (an assume-role profile's mfa_serial).</summary>
    public string MfaSerialNumber { get; init; } = DefaultMfaSerialNumber;
    public const string DefaultMfaSerialNumber = "arn:aws:iam::111122223333:mfa/ibscan-emulator";

    /// <summary>The code the MFA device shows (6 digits); the only TokenCode AssumeRole accepts.</summary>
    public string MfaTokenCode { get; init; } = DefaultMfaTokenCode;
    public const string DefaultMfaTokenCode = "123456";

    /// <summary>Added to every API request before it is answered.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Added to API requests signed for a region (on top of <see cref="LatencyMs"/>).</summary>
    public IReadOnlyDictionary<string, int> RegionLatencyMs { get; init; } = new Dictionary<string, int>();

    /// <summary>Log every request to the console.</summary>
    public bool Verbose { get; init; }

    /// <summary>Scans that advance through their states from the emulator's start (more through <see cref="EmulatorServer.Scans"/>).</summary>
    public IReadOnlyList<ScanProgression> ScanProgressions { get; init; } = [];

    /// <summary>Fault plans installed at start (more can be added at any time through <see cref="EmulatorServer.Faults"/>).</summary>
    public IReadOnlyList<FaultPlan> Faults { get; init; } = [];
}

/// <summary>Whether requests are limited to their signing region's data.</summary>
public enum RegionScope
{
    /// <summary>On for a data file (or inline data) and for a generated data set with <see cref="EmulatorOptions.Regions"/>;
    /// off for the default generated data set and synthetic keys, which answer every region as before.</summary>
    Auto,
    On,
    Off,
}
