namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file in the same folder (so the
/// rename cannot cross volumes), which then replaces the target. On any failure or cancellation the
/// temporary file is deleted and an existing target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <param name="noClobber">Refuse to replace an existing file (checked again at the rename).</param>
    /// <exception cref="ReportFileExistsException">With <paramref name="noClobber"/>, when the target exists.</exception>
    public static void Write(string path, Action<Stream, CancellationToken> write, bool noClobber = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (noClobber && File.Exists(full)) throw new ReportFileExistsException(full);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no folder.", nameof(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                File.Move(temp, full, overwrite: !noClobber);
            }
            catch (IOException) when (noClobber && File.Exists(full))
            {
                throw new ReportFileExistsException(full);
            }
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes text (UTF-8, no byte order mark).</summary>
    public static void WriteText(string path, Action<TextWriter, CancellationToken> write, bool noClobber = false, CancellationToken cancellationToken = default) =>
        Write(path, (stream, token) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            write(writer, token);
        }, noClobber, cancellationToken);

    private static void TryDelete(string temp)
    {
        try
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the original file is intact either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
