using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;
using ImageBuilderScan.Engine.Sdk;

namespace ImageBuilderScan.Engine;

/// <summary>
/// The engine's front door: validates a query before anything is sent, then pages through the
/// service, yielding each item as its page arrives. Each operation is one method here over one
/// shared paging path (<see cref="Pages{T}"/>); the wire work is the operation's request type.
/// </summary>
/// <remarks>
/// <para>Every listing method validates its query with <see cref="QueryValidator"/> when it is
/// called, so bad input throws <see cref="Errors.ScanInputException"/> before any request. Filter
/// values beyond what one request takes become successive requests (10 values per aggregation
/// request, one per finding request), streamed in the order of the values.</para>
/// <para>Each chain of pages is followed until the service sends no (or an empty) <c>nextToken</c>;
/// empty pages that carry a token are followed too. The cancellation token is checked before each
/// request and passed into it.</para>
/// <para>Each page is checked before any of its items is yielded. A token the service already returned
/// in the same chain (or the token the request carried) ends the listing with
/// <see cref="Errors.ScanProtocolException"/> <c>RepeatedNextToken</c>. An aggregation without a key
/// (<c>MissingKey</c>), with a negative count, or with critical + high + medium above all
/// (<c>ImplausibleCounts</c>) ends it too, naming the request id and the key: a wrong number is never
/// shown as right.</para>
/// <para>When a request or a page fails, the <see cref="Errors.ImageBuilderScanException"/> carries a
/// <see cref="Errors.ResumePoint"/>: the filter and values of that request, the token it carried, and
/// the values not yet asked. Nothing already yielded is taken back; asking again from the resume point
/// yields exactly the rest.</para>
/// <para>One verbose line per page goes to the client's <see cref="IScanLog"/>: the request id, the
/// number of items, and whether more pages follow.</para>
/// </remarks>
public sealed class ImageBuilderScanClient : IDisposable
{
    private readonly IImageBuilderScanApi _api;

    internal ImageBuilderScanClient(IImageBuilderScanApi api, ScanConnectionInfo connection, IScanLog? log)
    {
        _api = api;
        Connection = connection;
        Log = log;
    }

    /// <summary>Resolves region, credentials and endpoint now; throws <see cref="Errors.ScanConfigurationException"/> when none can work.</summary>
    public static ImageBuilderScanClient Create(ScanClientOptions options)
    {
        var api = ImageBuilderScanApiFactory.Create(options, out var connection);
        return new ImageBuilderScanClient(api, connection, options.Log);
    }

    public ScanConnectionInfo Connection { get; }

    internal IScanLog? Log { get; }

    /// <summary>Every page of aggregations (only the first with <see cref="ListingQuery.FirstPageOnly"/>), as each arrives.</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ScanPage<ScanFindingAggregation>> GetAggregationPagesAsync(AggregationQuery query, CancellationToken cancellationToken = default)
    {
        var plan = QueryValidator.Plan(ref query);
        return Pages(plan, (values, token) => new ListAggregationsRequest(plan.FilterName, values, token), PagePlausibility.Check, cancellationToken);
    }

    /// <summary>Every aggregation, each yielded as its page arrives.</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ScanFindingAggregation> GetAggregationsAsync(AggregationQuery query, CancellationToken cancellationToken = default)
        => ScanPager.ItemsAsync(GetAggregationPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>Every page of findings (only the first with <see cref="ListingQuery.FirstPageOnly"/>), as each arrives.</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ScanPage<ScanFinding>> GetFindingPagesAsync(FindingQuery query, CancellationToken cancellationToken = default)
    {
        var plan = QueryValidator.Plan(ref query);
        var pageSize = query.PageSize;
        return Pages(plan, (values, token) => new ListFindingsRequest(plan.FilterName, values.Count == 0 ? null : values[0], pageSize, token),
            null, cancellationToken);
    }

    /// <summary>Every finding, each yielded as its page arrives.</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ScanFinding> GetFindingsAsync(FindingQuery query, CancellationToken cancellationToken = default)
        => ScanPager.ItemsAsync(GetFindingPagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>Every page of the builds of the query's pipelines, as each arrives (newest first as the service orders them).</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ScanPage<ImageSummary>> GetPipelineImagePagesAsync(PipelineImagesQuery query, CancellationToken cancellationToken = default)
    {
        var plan = QueryValidator.Plan(ref query);
        var pageSize = query.PageSize;
        return Pages(plan, (values, token) => new ListPipelineImagesRequest(values.Count == 0 ? "" : values[0], pageSize, token), null, cancellationToken);
    }

    /// <summary>Every build of the query's pipelines, each yielded as its page arrives.</summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    public IAsyncEnumerable<ImageSummary> GetPipelineImagesAsync(PipelineImagesQuery query, CancellationToken cancellationToken = default)
        => ScanPager.ItemsAsync(GetPipelineImagePagesAsync(query, cancellationToken), cancellationToken);

    /// <summary>An image's scan state (<c>GetImage</c>).</summary>
    /// <param name="imageBuildVersionArn">An image build version ARN (not a version ARN with wildcards).</param>
    /// <param name="parameterName">The input that supplied the ARN, named when it is refused.</param>
    /// <exception cref="Errors.ScanInputException">At once, when the ARN is not an image build version ARN; nothing is sent.</exception>
    public Task<ImageScanState> GetImageScanStateAsync(string imageBuildVersionArn, string parameterName = "ImageBuildVersionArn",
        CancellationToken cancellationToken = default)
    {
        var arn = FilterValueRule.Check(parameterName, imageBuildVersionArn, FilterValueShape.ImageBuildVersionArn);
        cancellationToken.ThrowIfCancellationRequested();
        return _api.SendAsync(new GetImageRequest(arn), cancellationToken);
    }

    /// <summary>The one paging path of every listing operation: a request per chunk and token, each answer a checked page.</summary>
    private IAsyncEnumerable<ScanPage<T>> Pages<T>(PagingPlan plan,
        Func<IReadOnlyList<string>, string?, ImageBuilderRequest<WirePage<T>>> request,
        Func<ScanPage<T>, Errors.ScanProtocolException?>? check, CancellationToken cancellationToken)
    {
        var api = _api;
        var operation = request([], null).Operation;
        return ScanPager.PagesAsync<T>(operation, plan, async (values, token, ct) =>
        {
            var page = await api.SendAsync(request(values, token), ct).ConfigureAwait(false);
            return new ScanPage<T>(page.Items, page.RequestId, page.AggregationType, page.NextToken, token, plan.FilterName, values);
        }, check, Log, cancellationToken);
    }

    public void Dispose() => _api.Dispose();
}
