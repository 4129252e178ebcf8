namespace ImageBuilderScan.Emulator;

/// <summary>The scans set to advance over time (or over GetImage answers), each from when it was started; GetImage serves
/// the state each has reached.</summary>
public sealed class ScanBoard
{
    private readonly Dictionary<string, (ScanProgression Scan, DateTimeOffset Started)> _scans = new(StringComparer.Ordinal);
    // GetImage answers served per advancing scan (the clock of a scan that steps by reads).
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>Starts (or restarts) a build's scan at <paramref name="now"/>.</summary>
    public void Start(ScanProgression scan, DateTimeOffset now)
    {
        lock (_scans)
        {
            _scans[scan.ImageBuildVersionArn] = (scan, now);
            _reads[scan.ImageBuildVersionArn] = 0;
        }
    }

    public void Clear()
    {
        lock (_scans)
        {
            _scans.Clear();
            _reads.Clear();
        }
    }

    /// <summary>Every advancing scan with the state it has reached at <paramref name="now"/>.</summary>
    public IReadOnlyList<object> Snapshot(DateTimeOffset now)
    {
        lock (_scans)
        {
            return _scans.Values.Select(s => (object)new
            {
                s.Scan.ImageBuildVersionArn, s.Scan.StepMs, s.Scan.Final, s.Scan.Building, started = s.Started,
                state = Stage(s.Scan, now - s.Started, _reads[s.Scan.ImageBuildVersionArn]),
            }).ToList();
        }
    }

    /// <summary>The image as it stands at <paramref name="now"/>: unchanged unless its scan was set to advance.</summary>
    /// <param name="answer">GetImage's answer (a read that advances a scan stepping by reads); false for a listing's row.</param>
    public EmulatedImage At(EmulatedImage image, DateTimeOffset now, bool answer = false)
    {
        (ScanProgression Scan, DateTimeOffset Started) entry;
        int reads;
        lock (_scans)
        {
            if (!_scans.TryGetValue(image.Arn, out entry)) return image;
            reads = answer ? _reads[image.Arn]++ : _reads[image.Arn];
        }

        var stage = Stage(entry.Scan, now - entry.Started, reads);
        return stage == "BUILDING"
            ? image with { ImageStatus = "BUILDING", ScanStatus = null, ScanReason = null, ScanningEnabled = true }
            : image with { ImageStatus = "AVAILABLE", ScanStatus = stage, ScanReason = null, ScanningEnabled = true };
    }

    private static string Stage(ScanProgression scan, TimeSpan elapsed, int reads)
    {
        var stages = (scan.Building ? ScanProgression.Running.Prepend("BUILDING") : ScanProgression.Running).ToList();
        var step = scan.StepReads is int perState ? reads / perState : (long)(elapsed.TotalMilliseconds / scan.StepMs);
        return step < stages.Count ? stages[(int)Math.Max(0, step)] : scan.Final;
    }
}
