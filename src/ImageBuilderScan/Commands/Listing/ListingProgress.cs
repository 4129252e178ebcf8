using System.Diagnostics;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Write-Progress for a long listing (issue 12): nothing during the first second, then pages and
/// items so far (and the values being listed) at most every 250 ms, one record per page at most;
/// completed when the listing ends however it ends. Off when progress would not be seen: with
/// $ProgressPreference (or -ProgressAction) SilentlyContinue/Ignore, and in the console host when
/// its output is redirected (a script's output to a file or a pipe).
/// </summary>
internal sealed class ListingProgress
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Action<ProgressRecord> _write;
    private readonly string _activity;
    private readonly string _itemsName;
    private readonly TimeSpan _delay;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastShown;
    private long _pages;
    private long _items;

    public ListingProgress(bool enabled, string activity, string itemsName, Action<ProgressRecord> write, TimeSpan? delay = null)
    {
        Enabled = enabled;
        _activity = activity;
        _itemsName = itemsName;
        _write = write;
        _delay = delay ?? DefaultDelay;
    }

    public bool Enabled { get; }

    /// <summary>True once a record was written (so a Completed record is owed).</summary>
    public bool Shown { get; private set; }

    /// <summary>Whether a host shows progress for this command (see the class remarks).</summary>
    public static bool IsWanted(ActionPreference preference, string hostName) =>
        preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore)
        && !(hostName == "ConsoleHost" && Console.IsOutputRedirected);

    /// <summary>Counts a page written; shows progress when due.</summary>
    public void Page(int items, string? filterName, IReadOnlyList<string> values)
    {
        _pages++;
        _items += items;
        if (!Enabled) return;
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_started, now) < _delay) return;
        if (Shown && Stopwatch.GetElapsedTime(_lastShown, now) < Interval) return;
        _lastShown = now;
        Shown = true;
        _write(new ProgressRecord(ActivityId, _activity, $"{_pages} page(s), {_items} {_itemsName} so far")
        {
            CurrentOperation = Target(filterName, values),
        });
    }

    /// <summary>Completes the bar, if one was shown (success, failure or stop).</summary>
    public void Complete()
    {
        if (!Shown) return;
        Shown = false;
        _write(new ProgressRecord(ActivityId, _activity, $"{_pages} page(s), {_items} {_itemsName}") { RecordType = ProgressRecordType.Completed });
    }

    // One bar per command; a fixed id lets Completed close the bar that Page opened.
    private const int ActivityId = 0x1B5C;

    private static string? Target(string? filterName, IReadOnlyList<string> values) => values.Count switch
    {
        0 => null,
        1 => $"{InputDisplay.Show(filterName)}: {InputDisplay.Show(values[0])}",
        _ => $"{InputDisplay.Show(filterName)}: {InputDisplay.Show(values[0])} and {values.Count - 1} more",
    };
}
