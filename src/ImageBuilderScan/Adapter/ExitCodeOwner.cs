using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Which runspaces ran <c>Test-IBScanGate -ExitCode</c>: there the gate owns the process exit code, so a report
/// that cannot be written afterwards (Export-IBScanReport in the script's <c>finally</c>) ends with 2, "not
/// judged", as the CI exit contract says, instead of the 1 an uncaught error gives under <c>pwsh -File</c>.
/// Held weakly: a closed runspace takes its claim with it.
/// </summary>
/// <remarks>
/// The code decided (1 or 2) is also held for the process (<see cref="Decide"/>): PowerShell lets a script's later
/// <c>exit 0</c> (or <c>exit $LASTEXITCODE</c> after a native command reset it) replace the host's exit code under
/// <c>pwsh -File</c>, and a gate in another runspace (ForEach-Object -Parallel, Start-ThreadJob, a runspace of its own)
/// can end neither the script nor set the host's code. Seen under a real pwsh: .NET runs ProcessExit after pwsh's Main
/// returned, and the exit code set there is the process's.
/// </remarks>
internal static class ExitCodeOwner
{
    private static readonly ConditionalWeakTable<Runspace, object> Claimed = new();
    private static readonly object Gate = new();
    private static GateExitCode _decided = GateExitCode.Passed;
    private static bool _watching;

    /// <summary>
    /// A code a command that owns the exit code set (1 or 2; 0 changes nothing): the process does not end with 0 after it
    /// (<see cref="GateExit.AtProcessExit"/>), whatever the script does meanwhile.
    /// </summary>
    public static void Decide(int code)
    {
        if (code is not ((int)GateExitCode.Failed or (int)GateExitCode.NotJudged)) return;
        lock (Gate)
        {
            _decided = GateExit.Worse(_decided, (GateExitCode)code);
            if (_watching) return;
            _watching = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                lock (Gate) Environment.ExitCode = GateExit.AtProcessExit(Environment.ExitCode, _decided);
            };
        }
    }

    public static void Claim()
    {
        if (Runspace.DefaultRunspace is { } runspace) Claimed.AddOrUpdate(runspace, Claimed);
    }

    public static bool IsClaimed => Runspace.DefaultRunspace is { } runspace && Claimed.TryGetValue(runspace, out _);
}
