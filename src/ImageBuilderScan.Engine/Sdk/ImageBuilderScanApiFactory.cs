using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>Builds the AWSSDK.Core-based client from options, resolving region, credentials and endpoint per call.</summary>
internal static class ImageBuilderScanApiFactory
{
    public static IImageBuilderScanApi Create(ScanClientOptions options, out ScanConnectionInfo connection)
        => throw new NotImplementedException();
}
