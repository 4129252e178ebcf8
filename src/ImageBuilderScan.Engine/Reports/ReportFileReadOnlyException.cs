using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>A report was not written because its file is read-only and Force was not given.</summary>
public sealed class ReportFileReadOnlyException(string path)
    : ImageBuilderScanException($"{path} is read-only, so it was not replaced. Give -Force to replace it (it stays read-only), or choose another path.")
{
    public string Path { get; } = path;
    public override string ErrorId => "ReportFileReadOnly";
    public override ScanErrorCategory Category => ScanErrorCategory.PermissionDenied;
}
