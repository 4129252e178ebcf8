using System.Diagnostics;
using System.Globalization;

namespace ImageBuilderScan.Client.Diagnostics;

/// <summary>
/// A stopwatch trace of where a command's time goes (issue 12), on only when the environment
/// variable <c>IBSCAN_TRACE</c> is <c>1</c>: one line per step on stderr,
/// <c>ibscan-trace  +812.4 ms  (+3.1)  what</c>, the first number counted from the process's start
/// (as the OS recorded it, so it includes pwsh's own start and Import-Module), the second from the
/// previous line. Off, a mark costs one static field read; nothing is formatted.
/// </summary>
public static class ScanTrace
{
    private static readonly object Gate = new();
    private static long _last;

    /// <summary>Read once per process: a trace is asked for when the process starts.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("IBSCAN_TRACE") == "1";

    /// <summary>Writes one line, when the trace is on.</summary>
    public static void Mark(string what)
    {
        if (Enabled) Write(what);
    }

    /// <summary>The time since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>) in milliseconds.</summary>
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    private static void Write(string what)
    {
        var now = Stopwatch.GetTimestamp();
        var sinceStart = (DateTime.Now - ProcessStart.Value).TotalMilliseconds;
        lock (Gate)
        {
            var step = _last == 0 ? 0 : Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
            _last = now;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ibscan-trace {sinceStart,9:F1} ms  (+{step:F1})  [thread {Environment.CurrentManagedThreadId}] {what}"));
        }
    }

    private static readonly Lazy<DateTime> ProcessStart = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime;
    });
}
