using System.Globalization;

namespace ImageBuilderScan.Emulator;

/// <summary>The command line, mapped one to one onto <see cref="EmulatorOptions"/>.</summary>
public static class EmulatorCommandLine
{
    private static readonly EmulatorOptions Defaults = new();

    /// <summary>Every option with its help text and default (the help is generated from this table).</summary>
    private static readonly (string Name, string Value, string Help, string Default)[] Table =
    [
        ("--urls", "URLS", "Listen addresses, ';'-separated (e.g. http://127.0.0.1:5099).", "http://127.0.0.1 on a free port"),
        ("--access-key-id", "ID", "The only access key id accepted.", Defaults.AccessKeyId),
        ("--secret-access-key", "SECRET", "The secret signatures are verified with.", Defaults.SecretAccessKey),
        ("--session-token", "TOKEN", "Require this X-Amz-Security-Token on every request.", "none (a request with a token is refused)"),
        ("--max-clock-skew-minutes", "N", "Allowed distance of X-Amz-Date from the server clock.", "15"),
        ("--page-size", "N", "Aggregations per page.", Defaults.AggregationPageSize.ToString(CultureInfo.InvariantCulture)),
        ("--findings-page-size", "N", "Findings per page when a request has no maxResults (1-25).", Defaults.FindingsPageSize.ToString(CultureInfo.InvariantCulture)),
        ("--data", "FILE", "Serve this data file ({\"findings\":[...],\"images\":[...]}, see README); relative to the current directory.", "none: generated data set"),
        ("--seed", "N", "Seed of the generated data set.", Defaults.Seed.ToString(CultureInfo.InvariantCulture)),
        ("--accounts", "N", "Generated: accounts.", Defaults.Accounts.ToString(CultureInfo.InvariantCulture)),
        ("--pipelines", "N", "Generated: pipelines per account.", Defaults.PipelinesPerAccount.ToString(CultureInfo.InvariantCulture)),
        ("--images-per-pipeline", "N", "Generated: image build versions per pipeline.", Defaults.ImagesPerPipeline.ToString(CultureInfo.InvariantCulture)),
        ("--vulnerabilities", "N", "Generated: distinct vulnerability ids.", Defaults.Vulnerabilities.ToString(CultureInfo.InvariantCulture)),
        ("--findings-per-image", "N", "Generated: findings per image build version.", Defaults.FindingsPerImage.ToString(CultureInfo.InvariantCulture)),
        ("--regions", "LIST", "Generated: spread pipelines over these regions (comma-separated), round robin.", "us-east-1"),
        ("--region-scope", "MODE", "auto, on or off: a request sees only its signing region's findings and images.", "auto (on for --data and --regions)"),
        ("--admin-account", "ID", "The delegated administrator's account: the configured key and its roles see every account.", Defaults.AdminAccountId),
        ("--min-session-seconds", "N", "Smallest DurationSeconds AssumeRole accepts.", Defaults.MinSessionSeconds.ToString(CultureInfo.InvariantCulture)),
        ("--disabled-regions", "LIST", "Refuse requests signed for these regions (UnrecognizedClientException), comma-separated.", "none"),
        ("--deny-assume-role", "LIST", "Refuse AssumeRole (AccessDenied) for roles in these accounts, comma-separated.", "none"),
        ("--mfa-role", "ARN", "This role's trust policy requires MFA: AssumeRole needs --mfa-serial and --mfa-code (repeatable).", "none"),
        ("--mfa-serial", "SERIAL", "The caller's MFA device (an assume-role profile's mfa_serial).", Defaults.MfaSerialNumber),
        ("--mfa-code", "CODE", "The 6-digit code the MFA device shows.", Defaults.MfaTokenCode),
        ("--latency-ms", "N", "Added to every API request.", "0"),
        ("--region-latency", "REGION=MS", "Added to API requests signed for REGION (repeatable).", "none"),
        ("--filter-matches-all", "", "Any aggregation filter returns every key of its kind, whatever its values.", "off"),
        ("--synthetic-keys", "N", "Aggregations come from N generated keys of the requested kind, built page by page.", "0 (off)"),
        ("--scan-progress", "SPEC", "Make a build's scan advance over time (repeatable): ARN[,step-ms=N][,final=STATE][,building] (see README).", "none"),
        ("--fault", "SPEC", "Install a fault plan (repeatable), e.g. throttle:every=5,max=100 (see README).", "none"),
        ("--verbose", "", "Log every request to the console.", "off"),
        ("--help", "", "Show this help.", ""),
    ];

    public static string Help()
    {
        var lines = new List<string>
        {
            "ImageBuilderScan emulator: ListImageScanFindingAggregations, ListImageScanFindings, GetImage, ListImagePipelineImages, ListImageBuildVersions and STS AssumeRole and GetCallerIdentity on loopback.",
            "Usage: dotnet run --project src/ImageBuilderScan.Emulator -- [options]",
            "",
        };
        foreach (var (name, value, help, @default) in Table)
        {
            var left = (name + " " + value).TrimEnd();
            lines.Add($"  {left,-30} {help}" + (@default.Length > 0 ? $" Default: {@default}." : ""));
        }
        lines.Add("");
        lines.Add("Fault SPEC: KIND[:key=value,...]; KIND is throttle, service-error, service-unavailable, error, latency,");
        lines.Add("  drop-connection, truncated-body, malformed-body, repeated-next-token, absurd-counts; keys: op=aggregations|findings|image|pipeline-images|build-versions, region=R,");
        lines.Add("  on=N (first matching request), every=N, max=N (times it fires), ms=N, code=ErrorCode, status=N, chunked=true,");
        lines.Add("  malformation=not-json|wrong-types, absurdity=negative|parts-exceed-all, style=header|header-with-suffix|body-type|body-code.");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Parses the arguments; <paramref name="help"/> is true when --help was given.</summary>
    public static EmulatorOptions Parse(IReadOnlyList<string> args, out bool help)
    {
        help = false;
        var o = new EmulatorOptions();
        var faults = new List<FaultPlan>();
        var scans = new List<ScanProgression>();
        var regionLatency = new Dictionary<string, int>(StringComparer.Ordinal);
        var mfaRoles = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{arg} needs a whole number.");
            o = arg switch
            {
                "--help" or "-h" or "-?" => Flag(out help, o),
                "--urls" => o with { Urls = Value() },
                "--access-key-id" => o with { AccessKeyId = Value() },
                "--secret-access-key" => o with { SecretAccessKey = Value() },
                "--session-token" => o with { SessionToken = Value() },
                "--max-clock-skew-minutes" => o with { MaxClockSkew = TimeSpan.FromMinutes(Int()) },
                "--page-size" => o with { AggregationPageSize = Int() },
                "--findings-page-size" => o with { FindingsPageSize = Int() },
                // Resolved now, against the user's directory (the host's content root is the app's folder).
                "--data" => o with { DataFile = Path.GetFullPath(Value()) },
                "--seed" => o with { Seed = Int() },
                "--accounts" => o with { Accounts = Int() },
                "--pipelines" => o with { PipelinesPerAccount = Int() },
                "--images-per-pipeline" => o with { ImagesPerPipeline = Int() },
                "--vulnerabilities" => o with { Vulnerabilities = Int() },
                "--findings-per-image" => o with { FindingsPerImage = Int() },
                "--regions" => o with { Regions = List(arg, Value()) },
                "--region-scope" => o with { RegionScope = Enum.TryParse<RegionScope>(Value(), ignoreCase: true, out var scope) && Enum.IsDefined(scope) ? scope : throw new ArgumentException("--region-scope needs auto, on or off.") },
                "--admin-account" => o with { AdminAccountId = Value() },
                "--min-session-seconds" => o with { MinSessionSeconds = Int() },
                "--disabled-regions" => o with { DisabledRegions = List(arg, Value()) },
                "--deny-assume-role" => o with { DeniedRoleAccounts = List(arg, Value()) },
                "--mfa-role" => Add(mfaRoles, Value(), o),
                "--mfa-serial" => o with { MfaSerialNumber = Value() },
                "--mfa-code" => o with { MfaTokenCode = Value() },
                "--latency-ms" => o with { LatencyMs = Int() },
                "--region-latency" => AddLatency(regionLatency, arg, Value(), o),
                "--filter-matches-all" => o with { FilterMatchesAll = true },
                "--synthetic-keys" => o with { SyntheticKeys = long.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException("--synthetic-keys needs a whole number.") },
                "--fault" => AddFault(faults, FaultSpec.Parse(Value()), o),
                "--scan-progress" => AddScan(scans, ScanProgression.Parse(Value()), o),
                "--verbose" => o with { Verbose = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'. Try --help."),
            };
        }
        return o with { Faults = faults, RegionLatencyMs = regionLatency, ScanProgressions = scans, MfaRoles = mfaRoles };
    }

    private static EmulatorOptions Flag(out bool flag, EmulatorOptions o)
    {
        flag = true;
        return o;
    }

    private static string[] List(string arg, string value)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new ArgumentException($"{arg} needs a comma-separated list.");
    }

    private static EmulatorOptions AddLatency(Dictionary<string, int> latency, string arg, string value, EmulatorOptions o)
    {
        var eq = value.IndexOf('=');
        if (eq <= 0 || !int.TryParse(value[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            throw new ArgumentException($"{arg} needs REGION=MS, e.g. eu-west-1=200.");
        }
        latency[value[..eq]] = ms;
        return o;
    }

    private static EmulatorOptions Add(List<string> list, string value, EmulatorOptions o)
    {
        list.Add(value);
        return o;
    }

    private static EmulatorOptions AddScan(List<ScanProgression> scans, ScanProgression scan, EmulatorOptions o)
    {
        scans.Add(scan);
        return o;
    }

    private static EmulatorOptions AddFault(List<FaultPlan> faults, FaultPlan plan, EmulatorOptions o)
    {
        faults.Add(plan);
        return o;
    }
}
