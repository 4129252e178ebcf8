namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// The CI exit contract of <c>Test-IBScanGate -ExitCode</c>: 0 every build judged and passed, 1 a build
/// judged and failed, 2 anything kept the gate from judging (nothing to judge, an error, a scan that
/// did not complete, data that could not be read completely). Not judging outranks failing: a run
/// that could not read everything cannot say that what it did read is the whole story.
/// </summary>
public enum GateExitCode
{
    Passed = 0,
    Failed = 1,
    NotJudged = 2,
}

/// <summary>The exit code of a gate run from its results and the errors that kept builds from being judged.</summary>
public static class GateExit
{
    public static GateExitCode For(IReadOnlyCollection<GateResult> results, int errors)
    {
        if (errors > 0 || results.Count == 0 || results.Any(r => !IsJudged(r))) return GateExitCode.NotJudged;
        return results.All(r => r.Passed) ? GateExitCode.Passed : GateExitCode.Failed;
    }

    /// <summary>
    /// The worse of two codes decided in one process (an earlier gate's failure stays when a later one passes; not
    /// judged outranks failed).
    /// </summary>
    public static GateExitCode Worse(GateExitCode a, GateExitCode b) => (GateExitCode)Math.Max((int)a, (int)b);

    /// <summary>
    /// The code the process ends with once a gate owned it (-ExitCode) and decided <paramref name="decided"/>: a process
    /// about to end with 0 (a later <c>exit 0</c>, an <c>exit $LASTEXITCODE</c> after a native command reset it, a gate run
    /// in another runspace whose <c>exit</c> ended only that runspace) ends with the gate's code instead; any other code
    /// the process was to end with stands (it is not a pass either).
    /// </summary>
    public static int AtProcessExit(int ending, GateExitCode decided) => ending == 0 ? (int)decided : ending;

    /// <summary>A build is judged when its verdict rests on its findings, not on a scan state or a read that failed.</summary>
    public static bool IsJudged(GateResult result) => result.ScanProblem is null;
}
