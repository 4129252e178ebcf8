namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The scripts the PowerShell section runs, the same text for both sides but the import and the
/// listing command. Each prints <c>name=value</c> lines (PowerShell expands numbers invariantly)
/// and fails the process on any error, a wrong item count included.
/// </summary>
internal static class PwshScripts
{
    private const string Strict = "$ErrorActionPreference = 'Stop'";

    public static string Import(PwshSide side) => $$"""
        {{Strict}}
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Import-Module {{Quote(side.Manifest)}}
        $clock.Stop()
        "import_ms=$($clock.Elapsed.TotalMilliseconds)"
        """;

    /// <summary>From the process's start (as the OS recorded it) to the first item reaching the pipeline.</summary>
    public static string FirstItem(PwshSide side, Uri endpoint, long count) => $$"""
        {{Strict}}
        $start = [System.Diagnostics.Process]::GetCurrentProcess().StartTime
        Import-Module {{Quote(side.Manifest)}}
        $script:first = $null
        {{side.Listing(endpoint, count)}} | ForEach-Object { if ($null -eq $script:first) { $script:first = [DateTime]::Now }; $_ } | Select-Object -First 1 | Out-Null
        if ($null -eq $script:first) { throw 'no first item' }
        "first_ms=$(($script:first - $start).TotalMilliseconds)"
        """;

    /// <summary>
    /// The first listing in the process (after the import), then the same again (warm), then three
    /// more (the fifth: tiering settled), then the peak working set. With <paramref name="emulatorPid"/>,
    /// the CPU time of this process and of the emulator during the first and the second listing
    /// (utime+stime from /proc, 10 ms ticks): what the listing costs the machine, whichever thread or
    /// process pays it (the runtime's background JIT included).
    /// </summary>
    public static string Listing(PwshSide side, Uri endpoint, long count, int emulatorPid = 0) => $$"""
        {{Strict}}
        Import-Module {{Quote(side.Manifest)}}
        $self = [System.Diagnostics.Process]::GetCurrentProcess()
        function EmulatorCpu { if ({{emulatorPid}} -le 0) { return 0 }; $f = (Get-Content -Raw "/proc/{{emulatorPid}}/stat").Split(')')[1].Trim().Split(' '); ([double]$f[11] + [double]$f[12]) * 10 }
        function Cpu { $self.Refresh(); $self.TotalProcessorTime.TotalMilliseconds }
        $n = 0
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $c0 = Cpu; $e0 = EmulatorCpu
        $n = ({{side.Listing(endpoint, count)}} | Measure-Object).Count
        $first = $clock.Elapsed.TotalMilliseconds
        $c1 = Cpu; $e1 = EmulatorCpu
        if ($n -ne {{count}}) { throw "first listing: expected {{count}} items, got $n" }
        $clock.Restart()
        $n = ({{side.Listing(endpoint, count)}} | Measure-Object).Count
        $warm = $clock.Elapsed.TotalMilliseconds
        $c2 = Cpu; $e2 = EmulatorCpu
        if ($n -ne {{count}}) { throw "warm listing: expected {{count}} items, got $n" }
        foreach ($i in 3..5) {
            $clock.Restart()
            $n = ({{side.Listing(endpoint, count)}} | Measure-Object).Count
            $settled = $clock.Elapsed.TotalMilliseconds
            if ($n -ne {{count}}) { throw "listing ${i}: expected {{count}} items, got $n" }
        }
        $hwm = -1
        if (Test-Path "/proc/$PID/status") { $hwm = [long]((Get-Content "/proc/$PID/status" | Where-Object { $_ -like 'VmHWM:*' }) -replace '[^0-9]', '') }
        "first_ms=$first"
        "warm_ms=$warm"
        "settled_ms=$settled"
        "first_cpu_ms=$($c1 - $c0 + $e1 - $e0)"
        "warm_cpu_ms=$($c2 - $c1 + $e2 - $e1)"
        "warm_emulator_cpu_ms=$($e2 - $e1)"
        "hwm_kb=$hwm"
        """;

    /// <summary>
    /// For a terminal (issue 12's progress cost): the first and a second listing with
    /// <c>$ProgressPreference</c> as given, the metrics written to <paramref name="metricsFile"/>.
    /// </summary>
    public static string Progress(PwshSide side, Uri endpoint, long count, string preference, string metricsFile) => $$"""
        {{Strict}}
        $ProgressPreference = '{{preference}}'
        Import-Module {{Quote(side.Manifest)}}
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $n = ({{side.Listing(endpoint, count)}} | Measure-Object).Count
        $first = $clock.Elapsed.TotalMilliseconds
        if ($n -ne {{count}}) { throw "first listing: expected {{count}} items, got $n" }
        $clock.Restart()
        $n = ({{side.Listing(endpoint, count)}} | Measure-Object).Count
        $warm = $clock.Elapsed.TotalMilliseconds
        if ($n -ne {{count}}) { throw "warm listing: expected {{count}} items, got $n" }
        if ([Console]::IsOutputRedirected) { throw 'not in a terminal' }
        "first_ms=$first", "warm_ms=$warm" | Set-Content -LiteralPath {{Quote(metricsFile)}}
        """;

    /// <summary>For <c>pwsh -Command</c>: what a user types for a one-off listing whose output goes nowhere.</summary>
    public static string WholeProcess(PwshSide side, Uri endpoint, long count) =>
        $"{Strict}; Import-Module {Quote(side.Manifest)}; $null = {side.Listing(endpoint, count)}";

    /// <summary>The same, printing the count: run once before timing, so the timed runs are known to list everything.</summary>
    public static string WholeProcessCount(PwshSide side, Uri endpoint, long count) =>
        $"{Strict}; Import-Module {Quote(side.Manifest)}; \"count=$(({side.Listing(endpoint, count)} | Measure-Object).Count)\"";

    public static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
