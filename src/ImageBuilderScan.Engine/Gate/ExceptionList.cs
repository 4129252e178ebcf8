namespace ImageBuilderScan.Engine.Gate;

/// <summary>The entries of one scan-exceptions file, in file order.</summary>
public sealed record ExceptionList(string? Source, IReadOnlyList<ExceptionEntry> Entries)
{
    public static ExceptionList Empty { get; } = new(null, []);

    public IReadOnlyList<ExceptionEntry> ExpiredAt(DateTime nowUtc) => Entries.Where(e => e.IsExpired(nowUtc)).ToList();
}
