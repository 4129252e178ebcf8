using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// A scan-exceptions file that was refused: its message names the file, the 1-based line and the key
/// where known, what was wrong and the form expected there. A key comes from the file, so the message
/// shows it as <see cref="InputDisplay"/> shows any input (escaped, bounded); <see cref="Key"/> keeps it as read.
/// </summary>
public sealed class ExceptionsFileException : ImageBuilderScanException
{
    public ExceptionsFileException(string source, int? line, string? key, string problem, Exception? inner = null)
        : base(Compose(source, line, key, problem), inner)
    {
        FilePath = source;
        Line = line;
        Key = key;
        Problem = problem;
    }

    public string FilePath { get; }
    public int? Line { get; }
    public string? Key { get; }
    public string Problem { get; }
    public override string ErrorId => "InvalidExceptionsFile";
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidData;

    private static string Compose(string source, int? line, string? key, string problem) =>
        $"{source}{(line is int l ? ":" + l : "")}: {(key is null ? "" : $"key '{InputDisplay.Show(key)}': ")}{problem}";
}
