using System.Globalization;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Write-Progress for -WaitForScan: one bar, its status the latest poll of any build waited for (the build, its state,
/// the time waited of the timeout); completed when the command ends however it ends. Off where progress would not be
/// seen (see <see cref="ListingProgress.IsWanted"/>).
/// </summary>
internal sealed class WaitProgress(bool enabled, Action<ProgressRecord> write)
{
    private const int ActivityId = 0x1B5D;
    private const string Activity = "Waiting for image scans";
    private bool _shown;

    /// <summary>The line a poll becomes (made on the engine's thread, written on the pipeline thread by <see cref="Show"/>).</summary>
    public static string Line(ScanWaitProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.ImageBuildVersionArn}: {p.State}, {p.Elapsed.TotalSeconds:0} s of {p.Timeout.TotalSeconds:0} s; next look in {p.NextPoll.TotalSeconds:0.#} s");

    public void Show(string line)
    {
        if (!enabled) return;
        _shown = true;
        write(new ProgressRecord(ActivityId, Activity, line));
    }

    public void Complete()
    {
        if (!_shown) return;
        _shown = false;
        write(new ProgressRecord(ActivityId, Activity, "done") { RecordType = ProgressRecordType.Completed });
    }
}
