namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// What an exceptions file may be. The caps bound the time and memory a hostile file can cost before
/// it is refused: the size is checked before the file is read, the entry count as entries arrive,
/// and the shape (a list of flat mappings) stops any deeper nesting at its first level.
/// </summary>
public static class ExceptionsFileLimits
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxEntries = 10_000;

    /// <summary>How long the whole read may take: a FIFO with no writer, or a pipe that never ends, is refused after it.</summary>
    public static readonly TimeSpan ReadTime = TimeSpan.FromSeconds(10);

    /// <summary>Deepest nesting the readers accept: root mapping, list, entry.</summary>
    public const int MaxDepth = 3;
}
