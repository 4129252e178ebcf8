using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>A report was not written because its file exists and NoClobber was asked for.</summary>
public sealed class ReportFileExistsException(string path)
    : ImageBuilderScanException($"{path} already exists and NoClobber was given, so it was not replaced. Remove it, choose another path or drop NoClobber.")
{
    public string Path { get; } = path;
    public override string ErrorId => "ReportFileExists";
    public override ScanErrorCategory Category => ScanErrorCategory.ResourceUnavailable;
}
