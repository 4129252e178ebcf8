using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Which runspaces ran <c>Test-IBScanGate -ExitCode</c>: there the gate owns the process exit code, so a report
/// that cannot be written afterwards (Export-IBScanReport in the script's <c>finally</c>) ends with 2, "not
/// judged", as the CI exit contract says, instead of the 1 an uncaught error gives under <c>pwsh -File</c>.
/// Held weakly: a closed runspace takes its claim with it.
/// </summary>
internal static class ExitCodeOwner
{
    private static readonly ConditionalWeakTable<Runspace, object> Claimed = new();

    public static void Claim()
    {
        if (Runspace.DefaultRunspace is { } runspace) Claimed.AddOrUpdate(runspace, Claimed);
    }

    public static bool IsClaimed => Runspace.DefaultRunspace is { } runspace && Claimed.TryGetValue(runspace, out _);
}
