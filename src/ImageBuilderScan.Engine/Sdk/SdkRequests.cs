using Amazon.Runtime;
using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>The SDK-side request of <c>ListImageScanFindingAggregations</c>: the engine's request, carried through the pipeline.</summary>
internal sealed class AggregationsSdkRequest(AggregationsRequest request) : AmazonWebServiceRequest
{
    public AggregationsRequest Request { get; } = request;
}

/// <summary>The SDK-side request of <c>ListImageScanFindings</c>.</summary>
internal sealed class FindingsSdkRequest(FindingsRequest request) : AmazonWebServiceRequest
{
    public FindingsRequest Request { get; } = request;
}

/// <summary>One parsed page, already in the engine's flat records.</summary>
internal abstract class SdkPageResponse<T> : AmazonWebServiceResponse
{
    public IReadOnlyList<T> Items { get; set; } = [];
    public string? RequestId { get; set; }
    public string? NextToken { get; set; }
}

internal sealed class AggregationsSdkResponse : SdkPageResponse<ScanFindingAggregation>
{
    public string? AggregationType { get; set; }
}

internal sealed class FindingsSdkResponse : SdkPageResponse<ScanFinding>;
