using ImageBuilderScan.Engine.Comparison;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// What an image must satisfy to pass. Findings at or above <see cref="FailOn"/> fail the gate, except
/// as many per severity as <see cref="MaxCount"/> allows; suppressed (excepted), inherited (baseline)
/// and, with <see cref="FixableOnly"/>, unfixable findings do not count.
/// </summary>
public sealed record GatePolicy
{
    /// <summary>The lowest severity that fails the gate.</summary>
    public FindingSeverity FailOn { get; init; } = FindingSeverity.High;

    /// <summary>
    /// Allowances: HIGH = 5 lets up to five HIGH findings pass (the sixth fails). Only severities at or
    /// above <see cref="FailOn"/> may have one; the others do not fail the gate anyway.
    /// </summary>
    public IReadOnlyDictionary<FindingSeverity, int> MaxCount { get; init; } = new Dictionary<FindingSeverity, int>();

    /// <summary>Count only findings that can be fixed now (see <see cref="FixableOnlyRule"/>).</summary>
    public bool FixableOnly { get; init; }

    public ExceptionList Exceptions { get; init; } = ExceptionList.Empty;

    /// <summary>
    /// Judge the findings even when the scan is not complete (or scanning is off). An unknown scan
    /// state still fails, and so does an incomplete scan with no findings: it says nothing.
    /// </summary>
    public bool AllowIncompleteScan { get; init; }

    /// <summary>When set, only findings new against this baseline count; the others are inherited.</summary>
    public FindingBaseline? Baseline { get; init; }

    public int AllowanceFor(FindingSeverity severity) => MaxCount.TryGetValue(severity, out var n) ? n : 0;

    /// <summary>Throws <see cref="ArgumentException"/> for an allowance below <see cref="FailOn"/> or below zero.</summary>
    public void Validate()
    {
        foreach (var (severity, count) in MaxCount)
        {
            if (count < 0)
                throw new ArgumentException($"MaxCount {severity.ToServiceName()}={count}: an allowance cannot be negative.", nameof(MaxCount));
            if (severity < FailOn)
                throw new ArgumentException($"MaxCount {severity.ToServiceName()}={count}: {severity.ToServiceName()} is below FailOn {FailOn.ToServiceName()}, so it never fails the gate; lower FailOn or drop the allowance.", nameof(MaxCount));
        }
    }
}
