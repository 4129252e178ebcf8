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

    /// <summary>A build is judged when its verdict rests on its findings, not on a scan state or a read that failed.</summary>
    public static bool IsJudged(GateResult result) => result.ScanProblem is null;
}
