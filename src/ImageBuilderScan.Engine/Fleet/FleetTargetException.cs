using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>
/// One target of a fan-out failed: the message names its region and account, the error id and
/// category are the cause's, and so is its resume point (a token for that target alone). It never
/// stops the command: the other targets are not affected by one target's credentials or region.
/// </summary>
public sealed class FleetTargetException : ImageBuilderScanException
{
    public FleetTargetException(FleetTarget target, Exception cause)
        : base($"{target.Label}: {cause.Message}", cause)
    {
        Target = target;
        (ErrorId, Category) = cause is ImageBuilderScanException scan ? (scan.ErrorId, scan.Category) : (cause.GetType().Name, ScanErrorCategory.NotSpecified);
        Resume = (cause as ImageBuilderScanException)?.Resume;
    }

    public FleetTarget Target { get; }
    public override string ErrorId { get; }
    public override ScanErrorCategory Category { get; }
}
