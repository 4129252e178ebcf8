using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// One request, one page: the seam between the paging/validation layer and the AWSSDK.Core client.
/// Implementations throw only <see cref="Errors.ImageBuilderScanException"/> subclasses (never an
/// AWSSDK exception) and honour the cancellation token during the request.
/// </summary>
internal interface IImageBuilderScanApi : IDisposable
{
    Task<ScanPage<ScanFindingAggregation>> ListImageScanFindingAggregationsAsync(AggregationsRequest request, CancellationToken cancellationToken);

    Task<ScanPage<ScanFinding>> ListImageScanFindingsAsync(FindingsRequest request, CancellationToken cancellationToken);
}

/// <param name="FilterName">Null sends no filter.</param>
/// <param name="FilterValues">1 to 10 values when a filter is sent.</param>
internal sealed record AggregationsRequest(string? FilterName, IReadOnlyList<string> FilterValues, string? NextToken);

/// <param name="FilterName">Null sends no <c>filters</c>.</param>
/// <param name="FilterValue">The one value of the one filter.</param>
internal sealed record FindingsRequest(string? FilterName, string? FilterValue, int? MaxResults, string? NextToken);
