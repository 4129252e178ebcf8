namespace ImageBuilderScan.Emulator;

/// <summary>
/// The fault plans in force. Tests change them at any time (no restart); each request asks the board which
/// faults hit it. Thread-safe: requests and tests may race.
/// </summary>
public sealed class FaultBoard
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private int _nextId = 1;
    private long _fired;

    /// <summary>Installs a plan and returns its id.</summary>
    public int Add(FaultPlan plan)
    {
        plan.Validate();
        lock (_gate)
        {
            var entry = new Entry(_nextId++, plan) { NextDue = plan.OnRequest };
            _entries.Add(entry);
            return entry.Id;
        }
    }

    /// <summary>Replaces every plan with these.</summary>
    public void Set(params FaultPlan[] plans)
    {
        foreach (var plan in plans)
        {
            plan.Validate();
        }
        lock (_gate)
        {
            _entries.Clear();
            foreach (var plan in plans)
            {
                _entries.Add(new Entry(_nextId++, plan) { NextDue = plan.OnRequest });
            }
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _entries.RemoveAll(e => e.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Total number of times any fault fired since start or the last reset.</summary>
    public long FiredCount => Interlocked.Read(ref _fired);

    internal void ResetCount() => Interlocked.Exchange(ref _fired, 0);

    public IReadOnlyList<FaultStatus> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Select(e => new FaultStatus(e.Id, e.Plan, e.Seen, e.Fired)).ToArray();
        }
    }

    /// <summary>Counts the request against every matching plan and returns the faults that fire on it.</summary>
    internal FaultHit Next(EmulatorOperation operation, bool hasToken, string region)
    {
        var latency = 0;
        FaultPlan? response = null;
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                var plan = entry.Plan;
                if (entry.Fired >= plan.MaxCount || (plan.Operation is { } op && op != operation)
                    || (plan.Region is { } r && !string.Equals(r, region, StringComparison.Ordinal)))
                {
                    continue;
                }
                entry.Seen++;
                // One response fault per request; latency adds up. A plan that cannot apply stays due.
                var applies = plan.Kind switch
                {
                    FaultKind.Latency => true,
                    FaultKind.RepeatedNextToken => hasToken && response is null,
                    FaultKind.AbsurdCounts => operation == EmulatorOperation.ListImageScanFindingAggregations && response is null,
                    _ => response is null,
                };
                if (entry.Seen < entry.NextDue || !applies)
                {
                    continue;
                }
                entry.Fired++;
                entry.NextDue = entry.Seen + plan.EveryNth;
                Interlocked.Increment(ref _fired);
                if (plan.Kind == FaultKind.Latency)
                {
                    latency += plan.LatencyMs;
                }
                else
                {
                    response = plan;
                }
            }
        }
        return new FaultHit(latency, response);
    }

    private sealed class Entry(int id, FaultPlan plan)
    {
        public int Id { get; } = id;
        public FaultPlan Plan { get; } = plan;
        public int Seen { get; set; }
        public int Fired { get; set; }
        public int NextDue { get; set; }
    }
}

internal readonly record struct FaultHit(int LatencyMs, FaultPlan? Response);
