namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// The bytes of an exceptions file: a regular file, or a pipe (process substitution <c>&lt;(cat file)</c>
/// is <c>/dev/fd/N</c>; a FIFO with a writer). A directory or a device is refused by what it is; a
/// source that does not deliver all of its content within the time limit (a FIFO with no writer blocks
/// in open) is refused when the limit is reached, and its reader is left on a background thread that
/// ends with the process. The size cap is enforced while reading, never from a length a pipe cannot give.
/// </summary>
internal static class ExceptionsFileSource
{
    public static byte[] Read(string path, TimeSpan timeLimit)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            throw Refuse(path, $"is not a usable path ({e.Message}). Expected the path of a YAML or JSON file.", e);
        }

        if (Directory.Exists(full)) throw Refuse(path, "is a directory. Expected a YAML or JSON file, or a pipe.");
        if (IsDevice(full)) throw Refuse(path, "is a device. Expected a YAML or JSON file, or a pipe.");

        byte[]? bytes = null;
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                bytes = ReadCapped(full, path);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "exceptions file reader" };
        reader.Start();
        if (!reader.Join(timeLimit))
            throw Refuse(path, $"did not deliver its content within {timeLimit.TotalSeconds:0.#} s (a FIFO with no writer, or a pipe that does not end?). Expected a YAML or JSON file, or a pipe whose writer ends.");
        return failure switch
        {
            null => bytes!,
            ExceptionsFileException refused => throw refused,
            _ => throw Refuse(path, $"cannot be read: {failure.Message}", failure),
        };
    }

    private static byte[] ReadCapped(string full, string path)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        // One byte past the cap at most, whatever the source claims its length is (a pipe claims none).
        var buffer = new byte[ExceptionsFileLimits.MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        if (total > ExceptionsFileLimits.MaxBytes)
            throw Refuse(path, $"the file is larger than {ExceptionsFileLimits.MaxBytes} bytes. Expected a small YAML or JSON list of exceptions.");
        return buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>
    /// A device by its path: Windows' device namespace (<c>\\.\NUL</c>, what NUL and CON become), and on
    /// Unix anything in /dev but the process's own descriptors and standard input, where pipes appear.
    /// </summary>
    private static bool IsDevice(string full)
    {
        if (OperatingSystem.IsWindows()) return full.StartsWith(@"\\.\", StringComparison.Ordinal);
        if (!full.StartsWith("/dev/", StringComparison.Ordinal)) return false;
        return !(full.StartsWith("/dev/fd/", StringComparison.Ordinal) || full == "/dev/stdin" || full.StartsWith("/dev/shm/", StringComparison.Ordinal));
    }

    private static ExceptionsFileException Refuse(string path, string problem, Exception? inner = null) => new(path, null, null, problem, inner);
}
