using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// A report was not written, and nothing at its path was touched: the file exists and NoClobber was asked for
/// (<c>ReportFileExists</c>), it is read-only and Force was not given (<c>ReportFileReadOnly</c>), its folder does
/// not exist (<c>ReportFolderNotFound</c>; it is not created), or the path names something that is not a regular file
/// (<c>ReportTargetNotRegularFile</c>: a device node, FIFO, socket or symbolic link, which the write would replace). One kind of failure, told apart by its error id as the
/// client's own errors are.
/// </summary>
public sealed class ReportFileException : ImageBuilderScanException
{
    private ReportFileException(string errorId, ScanErrorCategory category, string path, string message) : base(message)
    {
        ErrorId = errorId;
        Category = category;
        Path = path;
    }

    /// <summary>The full path of the report that was not written.</summary>
    public string Path { get; }
    public override string ErrorId { get; }
    public override ScanErrorCategory Category { get; }

    internal static ReportFileException Exists(string path) => new("ReportFileExists", ScanErrorCategory.ResourceUnavailable, path,
        $"{path} already exists and NoClobber was given, so it was not replaced. Remove it, choose another path or drop NoClobber.");

    internal static ReportFileException ReadOnly(string path) => new("ReportFileReadOnly", ScanErrorCategory.PermissionDenied, path,
        $"{path} is read-only, so it was not replaced. Give -Force to replace it (it stays read-only), or choose another path.");

    internal static ReportFileException FolderNotFound(string path, string folder) => new("ReportFolderNotFound", ScanErrorCategory.InvalidArgument, path,
        $"The folder {folder} does not exist, so {path} was not written. Create it first (New-Item -ItemType Directory) or give a path in an existing folder.");

    internal static ReportFileException NotRegularFile(string path, string kind) => new("ReportTargetNotRegularFile", ScanErrorCategory.InvalidArgument, path,
        $"{path} is {kind}, not a regular file, so nothing was written: a report is renamed over its target, which would replace it with a regular file. " +
        "Give the path of a regular file or of a new one (for a symbolic link, the path it points to).");
}
