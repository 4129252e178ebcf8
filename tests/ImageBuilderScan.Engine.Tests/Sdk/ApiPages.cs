using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;
using ImageBuilderScan.Engine.Sdk;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>One request of a listing operation through the real SDK pipeline, as the page the client makes of it.</summary>
internal static class ApiPages
{
    public static async Task<ScanPage<ScanFindingAggregation>> ListImageScanFindingAggregationsAsync(this IImageBuilderScanApi api,
        ListAggregationsRequest request, CancellationToken cancellationToken)
    {
        var page = await api.SendAsync(request, cancellationToken);
        return new(page.Items, page.RequestId, page.AggregationType, page.NextToken, request.NextToken, request.FilterName, request.FilterValues);
    }

    public static async Task<ScanPage<ScanFinding>> ListImageScanFindingsAsync(this IImageBuilderScanApi api,
        ListFindingsRequest request, CancellationToken cancellationToken)
    {
        var page = await api.SendAsync(request, cancellationToken);
        return new(page.Items, page.RequestId, page.AggregationType, page.NextToken, request.NextToken, request.FilterName,
            request.FilterValue is null ? [] : [request.FilterValue]);
    }
}
