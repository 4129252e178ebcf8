using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Commands;

/// <summary>
/// A command that reads builds' scans and can wait for them first (Test-IBScanGate, Compare-IBScanFinding):
/// -WaitForScan, -WaitTimeoutSec, -WaitIntervalSec, and the progress bar of the wait.
/// </summary>
public abstract class ScanWaitingCmdlet : AwsCmdlet
{
    private WaitProgress? _progress;

    /// <summary>While a build is still being made or its scan is PENDING, SCANNING or COLLECTING, poll until it settles.</summary>
    [Parameter]
    public SwitchParameter WaitForScan { get; set; }

    /// <summary>How long -WaitForScan waits for each build before it gives up (fails closed, not judged).</summary>
    [Parameter, ValidateRange(1, 86400)]
    public int WaitTimeoutSec { get; set; } = (int)ScanWait.DefaultTimeout.TotalSeconds;

    /// <summary>The first interval between polls; each next is 1.5 times longer, up to 4 times this (15 s: up to 60 s), ±20 %.</summary>
    [Parameter, ValidateRange(0.01, 600)]
    public double WaitIntervalSec { get; set; } = ScanWaitSchedule.Default.Initial.TotalSeconds;

    /// <summary>What the engine needs for -WaitForScan, or null without it.</summary>
    private protected ScanWait? Wait()
    {
        if (!WaitForScan.IsPresent) return null;
        _progress ??= new WaitProgress(ProgressWanted(), ShowProgressRecord);
        var first = TimeSpan.FromSeconds(WaitIntervalSec);
        return new ScanWait
        {
            Timeout = TimeSpan.FromSeconds(WaitTimeoutSec),
            Schedule = ScanWaitSchedule.Default with { Initial = first, Max = first * 4 },
            Progress = p => QueueProgress(WaitProgress.Line(p)),
        };
    }

    private protected override void ShowProgress(string line) => _progress?.Show(line);

    /// <summary>Closes the wait's progress bar, if one was shown.</summary>
    private protected void CompleteProgress() => _progress?.Complete();
}
