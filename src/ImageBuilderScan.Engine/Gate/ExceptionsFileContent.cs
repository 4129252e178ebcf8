using System.Buffers;
using System.Text.Unicode;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>Checks a file's bytes are a plain UTF-8 text within the size cap before any parser sees them.</summary>
internal static class ExceptionsFileContent
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length > ExceptionsFileLimits.MaxBytes)
            throw new ExceptionsFileException(source, null, null, $"the file is larger than {ExceptionsFileLimits.MaxBytes} bytes. Expected a small YAML or JSON list of exceptions.");
        if (bytes.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        var control = bytes.IndexOfAnyExcept(Printable);
        if (control >= 0 && bytes[control] < 0x80)
        {
            var what = bytes[control] == 0 ? "a NUL byte (binary content)" : $"the control character 0x{bytes[control]:X2}";
            throw new ExceptionsFileException(source, LineAt(bytes, control), null, $"{what}. Expected UTF-8 text.");
        }
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            throw new ExceptionsFileException(source, LineAt(bytes, read), null, "the file is not UTF-8 text. Expected UTF-8 (with or without a byte order mark).");
        return new string(chars, 0, written);
    }

    /// <summary>The 1-based line of a byte offset.</summary>
    public static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;

    // Tab, LF, CR, printable ASCII and every byte of a multi-byte sequence; not NUL, the other C0
    // controls or DEL, which no YAML or JSON text holds outside an escape.
    private static readonly SearchValues<byte> Printable = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b), .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);
}
