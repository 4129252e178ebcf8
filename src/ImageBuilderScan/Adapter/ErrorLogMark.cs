using System.Collections;
using System.Management.Automation.Language;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The newest record of the session's <c>$Error</c> when a command began, so that at its end it can tell which
/// errors other commands wrote meanwhile. A command downstream only sees what reached it: an upstream command's
/// non-terminating error (<c>Get-Content arns.txt, missing.txt | Test-IBScanGate</c>) goes to the error stream, not
/// down the pipeline, and leaves the gate judging a list with a hole in it. PowerShell appends every written error to
/// <c>$Error</c> (SilentlyContinue included; only Ignore leaves it out), so records newer than the mark are what the
/// statement wrote while the command ran. Errors of the command's own arguments
/// (<c>-ImageBuildVersionArn (Get-Content a.txt, missing.txt)</c>) were written just before it began: they are the
/// newest records at the start that stand inside its own text.
/// </summary>
/// <remarks>
/// Read, never written: the user's <c>$Error</c> is left as it was. Errors a script caught meanwhile
/// (<c>try { ... -ErrorAction Stop } catch { }</c>) are in <c>$Error</c> too and so count: the gate cannot tell a handled
/// error from a lost input, and fails closed. The pipeline processor's own failure flag was tried instead and misses
/// errors written inside a function or script block upstream (<c>ForEach-Object { Write-Error ... }</c>).
/// </remarks>
internal sealed class ErrorLogMark
{
    // Records some gate already reported, so that a statement run again (a loop) does not report them twice.
    private static readonly ConditionalWeakTable<object, object> Reported = new();

    // InvocationInfo.ScriptPosition: where a command stands in its script. Internal; without it the arguments' errors are not read.
    private static readonly PropertyInfo? ScriptPosition =
        typeof(InvocationInfo).GetProperty("ScriptPosition", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly ArrayList? _log;
    private readonly object? _newest;
    private readonly List<object> _arguments = [];

    private ErrorLogMark(ArrayList? log, InvocationInfo self)
    {
        _log = log;
        if (log is null) return;
        // Errors of the command's own arguments (-ImageBuildVersionArn (Get-Content a.txt, missing.txt)) were written
        // just before it began, by commands inside its own text: the newest records, while they stand there.
        var mark = 0;
        while (mark < log.Count && IsInsideArguments(log[mark], self)) _arguments.Add(log[mark++]!);
        _newest = log.Count > 0 ? log[0] : null;
    }

    public static ErrorLogMark Take(SessionState state, InvocationInfo self) => new(state.PSVariable.GetValue("Error") as ArrayList, self);

    /// <summary>
    /// The records added since the mark by commands other than <paramref name="self"/>, and those of its own arguments,
    /// oldest first; each is reported once.
    /// </summary>
    public IReadOnlyList<ErrorRecord> WrittenByOthers(InvocationInfo self)
    {
        var written = new List<object>();
        if (_log is null) return [];
        // $Error is newest first; a mark pushed out by $MaximumErrorCount newer records leaves every record new.
        foreach (var item in _log)
        {
            if (_newest is not null && ReferenceEquals(item, _newest)) break;
            if (item is not null && RecordOf(item) is { } record && !IsOwn(record, self)) written.Add(item);
        }

        written.AddRange(_arguments);
        written.Reverse();
        var records = new List<ErrorRecord>();
        foreach (var item in written)
        {
            if (Reported.TryGetValue(item, out _)) continue;
            Reported.AddOrUpdate(item, Reported);
            records.Add(RecordOf(item)!);
        }

        return records;
    }

    private static ErrorRecord? RecordOf(object? item) => item switch
    {
        ErrorRecord record => record,
        IContainsErrorRecord holder => holder.ErrorRecord,
        _ => null,
    };

    // The command's own failures are already its errors; what matters here is what the others wrote. Told by where the
    // command stands (its history entry, line and column), not its pipeline position: a record the command wrote carries a
    // copy of its invocation with position 0 (seen under pwsh -File), which made the gate count its own refusal twice,
    // once as another command's error.
    private static bool IsOwn(ErrorRecord record, InvocationInfo self) =>
        record.InvocationInfo is { } where
        && (ReferenceEquals(where, self)
            || (ReferenceEquals(where.MyCommand, self.MyCommand)
                && where.HistoryId == self.HistoryId && where.ScriptLineNumber == self.ScriptLineNumber && where.OffsetInLine == self.OffsetInLine
                && string.Equals(where.ScriptName, self.ScriptName, StringComparison.Ordinal)));

    /// <summary>A record written by a command that stands inside this command's own text, not reported before.</summary>
    private static bool IsInsideArguments(object? item, InvocationInfo self)
    {
        if (item is null || Reported.TryGetValue(item, out _) || RecordOf(item)?.InvocationInfo is not { } where) return false;
        if (PositionOf(self) is not { } outer || PositionOf(where) is not { } inner) return false;
        if (!string.Equals(outer.File, inner.File, StringComparison.Ordinal) || ReferenceEquals(where, self)) return false;
        var start = inner.StartOffset - outer.StartOffset;
        // The same text at the same place: a stale record of another line at those offsets (an interactive session) is not.
        return start > 0 && inner.EndOffset <= outer.EndOffset
            && string.CompareOrdinal(outer.Text, start, inner.Text, 0, inner.Text.Length) == 0;
    }

    private static IScriptExtent? PositionOf(InvocationInfo invocation)
    {
        try
        {
            return ScriptPosition?.GetValue(invocation) as IScriptExtent;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
