namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What the service model says about one listing operation's filter: the names it takes and how
/// many values fit in one request. Validation and the paging plan read it, so a listing operation
/// is described once, not coded once per operation.
/// </summary>
internal sealed class ListingOperation
{
    private ListingOperation(string name, IReadOnlyList<string> filterNames, int valuesPerRequest, bool requiresValue = false)
    {
        Name = name;
        FilterNames = filterNames;
        ValuesPerRequest = valuesPerRequest;
        RequiresValue = requiresValue;
    }

    public string Name { get; }
    public IReadOnlyList<string> FilterNames { get; }
    public int ValuesPerRequest { get; }
    /// <summary>The filter is a required member (a listing of something's children), not an optional narrowing.</summary>
    public bool RequiresValue { get; }

    /// <summary><c>filter {name, values[1..10]}</c>.</summary>
    public static readonly ListingOperation Aggregations = new("ListImageScanFindingAggregations",
        [Queries.FilterNames.AccountId, Queries.FilterNames.ImageBuildVersionArn, Queries.FilterNames.ImagePipelineArn, Queries.FilterNames.VulnerabilityId],
        QueryValidator.MaxValuesPerAggregationRequest);

    /// <summary><c>filters [ {name, values[1]} ]</c>: at most one filter with exactly one value.</summary>
    public static readonly ListingOperation Findings = new("ListImageScanFindings",
        [Queries.FilterNames.ImageBuildVersionArn, Queries.FilterNames.ImagePipelineArn, Queries.FilterNames.VulnerabilityId, Queries.FilterNames.Severity],
        QueryValidator.MaxValuesPerFindingRequest);

    /// <summary><c>imagePipelineArn</c> (required, one per request).</summary>
    public static readonly ListingOperation PipelineImages = new("ListImagePipelineImages",
        [Queries.FilterNames.ImagePipelineArn], valuesPerRequest: 1, requiresValue: true);

    /// <summary><c>imageVersionArn</c> (one per request): the builds of an image version.</summary>
    public static readonly ListingOperation ImageBuildVersions = new("ListImageBuildVersions",
        [Queries.FilterNames.ImageVersionArn], valuesPerRequest: 1, requiresValue: true);
}
