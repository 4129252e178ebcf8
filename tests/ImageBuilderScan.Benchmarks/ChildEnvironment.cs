using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// What every pwsh and AWS CLI process of the PowerShell section sees: the emulator's keys in the
/// environment (both clients read them first), no config or credential files, and no telemetry or
/// update checks, so both sides do the same work and nothing reaches the network.
/// </summary>
internal static class ChildEnvironment
{
    /// <param name="pgoOff">DOTNET_TieredPGO=0 for a diagnostic row: what the runtime's profile-guided
    /// tiering costs in the first listings. The module never sets it; it is the host's setting.</param>
    public static void Apply(ProcessStartInfo info, bool trace = false, bool pgoOff = false)
    {
        var env = info.Environment;
        foreach (var name in env.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList()) env.Remove(name);
        env["AWS_ACCESS_KEY_ID"] = EmulatorProcess.AccessKey;
        env["AWS_SECRET_ACCESS_KEY"] = EmulatorProcess.SecretKey;
        env["AWS_REGION"] = "us-east-1";
        env["AWS_DEFAULT_REGION"] = "us-east-1";
        env["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        env["AWS_PAGER"] = "";
        env["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        env["POWERSHELL_UPDATECHECK"] = "Off";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The module's timing trace (issue 12) only where asked for: it must not cost the timed runs.
        if (trace) env["IBSCAN_TRACE"] = "1";
        else env.Remove("IBSCAN_TRACE");
        if (pgoOff) env["DOTNET_TieredPGO"] = "0";
        else env.Remove("DOTNET_TieredPGO");
    }
}
