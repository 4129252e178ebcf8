using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>How the gate treated one finding.</summary>
public enum FindingVerdict
{
    /// <summary>Counted, and its severity is over its allowance: it fails the gate.</summary>
    Violation,
    /// <summary>Counted, but below FailOn or within the allowance.</summary>
    Counted,
    /// <summary>Matched an unexpired exception.</summary>
    Suppressed,
    /// <summary>Already in the baseline (new-only gates).</summary>
    Inherited,
    /// <summary>Not fixable, with FixableOnly.</summary>
    NotFixable,
}

/// <summary>One finding with the gate's verdict; <see cref="Exception"/> is the entry that suppressed it.</summary>
public sealed record FindingOutcome(ScanFinding Finding, FindingVerdict Verdict, ExceptionEntry? Exception = null)
{
    /// <summary>The members as C# prints them, made inert (<see cref="InputDisplay.Printed"/>): the finding's and the exception's text came from the wire or a file.</summary>
    public override string ToString() => InputDisplay.Printed(nameof(FindingOutcome), PrintMembers);

    /// <summary>The finding's severity; one this version does not know counts as CRITICAL (the gate judges no build with one).</summary>
    public FindingSeverity Severity => SeverityRank.FailClosed(Finding.Severity);

    /// <summary>The suppressing exception's reason.</summary>
    public string? Reason => Exception?.Reason;
}

/// <summary>An expired exception entry that matched a finding (and so did not suppress it).</summary>
public sealed record ExpiredExceptionMatch(ScanFinding Finding, ExceptionEntry Exception);
