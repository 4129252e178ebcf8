using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>A report was not written because the folder of its path does not exist (it is not created).</summary>
public sealed class ReportFolderNotFoundException(string path, string folder)
    : ImageBuilderScanException($"The folder {folder} does not exist, so {path} was not written. Create it first (New-Item -ItemType Directory) or give a path in an existing folder.")
{
    public string Path { get; } = path;
    public string Folder { get; } = folder;
    public override string ErrorId => "ReportFolderNotFound";
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidArgument;
}
