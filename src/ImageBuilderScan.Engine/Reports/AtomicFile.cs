namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file in the same folder (so the
/// rename cannot cross volumes), which then replaces the target. On any failure or cancellation the
/// temporary file is deleted and an existing target is left as it was. A write killed with its process (where no
/// finally runs) leaves its temporary file; the next write of the same file removes it.
/// </summary>
public static class AtomicFile
{
    /// <param name="noClobber">Refuse to replace an existing file (checked again at the rename).</param>
    /// <param name="force">Replace a read-only file too (it stays read-only, as Export-Csv -Force leaves it).</param>
    /// <exception cref="ReportFileException">ReportFileExists with <paramref name="noClobber"/>, when the target exists;
    /// ReportFileReadOnly without <paramref name="force"/>, when it is read-only; ReportFolderNotFound when the folder the
    /// file would go to does not exist; ReportTargetNotRegularFile when the target exists and is not a regular file (a device
    /// node, FIFO, socket or symbolic link), which the rename would replace.</exception>
    public static void Write(string path, Action<Stream, CancellationToken> write, bool noClobber = false, CancellationToken cancellationToken = default, bool force = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (noClobber && File.Exists(full)) throw ReportFileException.Exists(full);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no folder.", nameof(path));
        // Said before the temporary file is tried, whose name would otherwise be the one in the error.
        if (!Directory.Exists(folder)) throw ReportFileException.FolderNotFound(full, folder);
        // The rename below would replace a device node, FIFO or symbolic link with a regular file: refused before anything is written.
        if (ReportTarget.NotRegular(full) is { } kind) throw ReportFileException.NotRegularFile(full, kind);
        // A rename replaces a read-only file on Unix (not on Windows): refuse it everywhere unless forced.
        var readOnly = File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly);
        if (readOnly && !force) throw ReportFileException.ReadOnly(full);
        RemoveLeftovers(folder, Path.GetFileName(full));
        var temp = Path.Combine(folder, TempPrefix(Path.GetFileName(full)) + $"{Guid.NewGuid():N}.tmp");
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
                if (readOnly) File.SetAttributes(full, File.GetAttributes(full) & ~FileAttributes.ReadOnly);
                File.Move(temp, full, overwrite: !noClobber);
                if (readOnly) File.SetAttributes(full, File.GetAttributes(full) | FileAttributes.ReadOnly);
            }
            catch (IOException) when (noClobber && File.Exists(full))
            {
                throw ReportFileException.Exists(full);
            }
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes text (UTF-8, no byte order mark).</summary>
    public static void WriteText(string path, Action<TextWriter, CancellationToken> write, bool noClobber = false, CancellationToken cancellationToken = default, bool force = false) =>
        Write(path, (stream, token) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            write(writer, token);
        }, noClobber, cancellationToken, force);

    private static string TempPrefix(string fileName) => $".{fileName}.";

    /// <summary>
    /// Deletes the temporary files of earlier writes of <paramref name="fileName"/> that were killed midway. A live
    /// writer holds its temporary file open unshared, so the exclusive open below is refused and its file left alone:
    /// no clock decides what is stale.
    /// </summary>
    private static void RemoveLeftovers(string folder, string fileName)
    {
        var prefix = TempPrefix(fileName);
        foreach (var leftover in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var name = Path.GetFileName(leftover);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length != prefix.Length + 32 + 4) continue;
            if (!name.AsSpan(prefix.Length, 32).ContainsAnyExcept("0123456789abcdef")) TryDeleteUnheld(leftover);
        }
    }

    private static void TryDeleteUnheld(string leftover)
    {
        try
        {
            using (new FileStream(leftover, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
            File.Delete(leftover);
        }
        catch (IOException)
        {
            // Held by a live writer (or already gone): not a leftover.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

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
