using System.Globalization;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// A build whose scan advances over time, as a real one does after a build: (image BUILDING, when
/// <see cref="Building"/>,) then scan PENDING, SCANNING, COLLECTING, each for <see cref="StepMs"/>, then <see cref="Final"/>
/// for good. The command line's <c>--scan-progress ARN[,step-ms=N][,final=STATE][,building]</c> and the control call
/// <c>POST /_emulator/scans</c> (this record as JSON) make one.
/// </summary>
public sealed record ScanProgression
{
    public required string ImageBuildVersionArn { get; init; }
    /// <summary>How long each state before the final one lasts.</summary>
    public int StepMs { get; init; } = 1000;
    /// <summary>The scan state it ends in: COMPLETED, or ABANDONED, FAILED, TIMED_OUT (never one of the running states).</summary>
    public string Final { get; init; } = ImageScanStatuses.Completed;
    /// <summary>Starts with the image itself BUILDING (no scan state yet).</summary>
    public bool Building { get; init; }
    /// <summary>When set, each state before the final one lasts this many GetImage answers instead of <see cref="StepMs"/>:
    /// a test that must see every state is then independent of how fast the machine polls.</summary>
    public int? StepReads { get; init; }

    /// <summary>The running scan states, in order.</summary>
    public static readonly IReadOnlyList<string> Running = ["PENDING", "SCANNING", "COLLECTING"];

    /// <exception cref="ArgumentException">A step below 1 ms, no ARN, or a final state that is not a final ImageScanStatus.</exception>
    public ScanProgression Validated()
    {
        if (string.IsNullOrWhiteSpace(ImageBuildVersionArn)) throw new ArgumentException("A scan progression needs an imageBuildVersionArn.");
        if (StepMs < 1) throw new ArgumentException("A scan progression's stepMs must be at least 1.");
        if (StepReads < 1) throw new ArgumentException("A scan progression's stepReads must be at least 1.");
        if (!ImageScanStatuses.All.Contains(Final, StringComparer.Ordinal) || Running.Contains(Final, StringComparer.Ordinal))
            throw new ArgumentException($"A scan progression's final state must be one of COMPLETED, ABANDONED, FAILED, TIMED_OUT, not '{Final}'.");
        return this;
    }

    /// <summary><c>ARN[,step-ms=N][,step-reads=N][,final=STATE][,building]</c>.</summary>
    public static ScanProgression Parse(string spec)
    {
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        var scan = new ScanProgression { ImageBuildVersionArn = parts[0] };
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            var (key, value) = eq < 0 ? (part, "") : (part[..eq], part[(eq + 1)..]);
            scan = key switch
            {
                "step-ms" => scan with { StepMs = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : throw new ArgumentException("--scan-progress step-ms needs a whole number.") },
                "step-reads" => scan with { StepReads = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var reads) ? reads : throw new ArgumentException("--scan-progress step-reads needs a whole number.") },
                "final" => scan with { Final = value.ToUpperInvariant() },
                "building" => scan with { Building = true },
                _ => throw new ArgumentException($"Unknown --scan-progress setting '{key}' (step-ms, step-reads, final, building)."),
            };
        }
        return scan.Validated();
    }
}
