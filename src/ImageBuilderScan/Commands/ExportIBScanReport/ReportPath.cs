using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Reports;
using Microsoft.PowerShell.Commands;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Export-IBScanReport's -Path or -LiteralPath as a file system path, the way Out-File reads its own:
/// relative to the current location, a wildcard in -Path naming exactly one existing file.
/// </summary>
internal static class ReportPath
{
    /// <param name="path">-Path (wildcards allowed), or null when -LiteralPath was given.</param>
    /// <exception cref="ScanInputException">Not a file system path, a wildcard that names no file or several, a folder, something that is not a regular file (a device node, FIFO, symbolic link), or a file in a missing folder.</exception>
    public static string Resolve(PathIntrinsics paths, string? path, string literalPath)
    {
        var (parameter, given) = path is null ? ("LiteralPath", literalPath) : ("Path", path);
        string resolved;
        ProviderInfo provider;
        if (path is not null && WildcardPattern.ContainsWildcardCharacters(path))
        {
            var matches = ResolveExisting(paths, path, out provider);
            if (matches.Count != 1)
                throw new ScanInputException(parameter, given, "a file path (for a name with [ ] or * in it, use -LiteralPath)",
                    matches.Count == 0 ? $"{given} has wildcard characters and names no existing file." : $"{given} names {matches.Count} files; a report goes to one.");
            resolved = matches[0];
        }
        else
        {
            resolved = paths.GetUnresolvedProviderPathFromPSPath(given, out provider, out _);
        }

        if (provider.ImplementingType != typeof(FileSystemProvider))
            throw new ScanInputException(parameter, given, "a file system path", $"{given} is on the {provider.Name} provider, not the file system.");
        // Said here, with the parameter's name, rather than by the file write (whose error would name its temporary file
        // or, for a folder, be an IOException).
        if (Directory.Exists(resolved))
            throw new ScanInputException(parameter, given, "a file path (the report's file name in that folder, e.g. " +
                System.IO.Path.Join(given, "report.md") + ")", $"{given} is a folder, so no report was written.");
        // Checked again by the write itself (AtomicFile); said here with the parameter's name.
        if (ReportTarget.NotRegular(resolved) is { } kind)
            throw new ScanInputException(parameter, given, "the path of a regular file, or of one that does not exist yet (for a symbolic link, the path it points to)",
                $"{given} is {kind}, which the report (renamed over its target when written) would replace with a regular file, so nothing was written.");
        var folder = System.IO.Path.GetDirectoryName(resolved);
        if (folder is not null && !Directory.Exists(folder))
            throw new ScanInputException(parameter, given, "a file in an existing folder (create it first: New-Item -ItemType Directory)",
                $"the folder {folder} does not exist, so no report was written.");
        return resolved;
    }

    private static IReadOnlyList<string> ResolveExisting(PathIntrinsics paths, string path, out ProviderInfo provider)
    {
        try
        {
            return paths.GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (ItemNotFoundException)
        {
            paths.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            return [];
        }
    }
}
