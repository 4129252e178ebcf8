namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// A query's ARNs cannot be answered in the client's region: Image Builder answers a request only for
/// the region it is signed for, so an ARN of another region would silently give nothing. Raised before
/// anything is sent; not fatal (another input may be in the right region).
/// </summary>
public sealed class ScanRegionException : ImageBuilderScanException
{
    public ScanRegionException(string message, IReadOnlyList<string> arnRegions, string? clientRegion) : base(message)
    {
        ArnRegions = arnRegions;
        ClientRegion = clientRegion;
    }

    /// <summary>The regions the query's ARNs name other than the client's, in the order first seen.</summary>
    public IReadOnlyList<string> ArnRegions { get; }

    /// <summary>The client's region, or null when none is configured (then only an ARN's region can serve a query).</summary>
    public string? ClientRegion { get; }

    /// <summary>
    /// <c>RegionMismatch</c>: the ARNs name another region than the one given. (ARNs of several regions are no error:
    /// each region's are asked in their own, see QueryRegion.)
    /// </summary>
    public override string ErrorId => "RegionMismatch";

    public override ScanErrorCategory Category => ScanErrorCategory.InvalidArgument;
}
