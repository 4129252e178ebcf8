namespace ImageBuilderScan.Client;

/// <summary>
/// The engine's front door: validates a query before anything is sent, then pages through the
/// service, yielding each item as its page arrives. Each operation is one method here over one
/// shared paging path (<see cref="Listing{T}"/>); the wire work is the operation's request type.
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
/// number of items, and whether more pages follow; debug lines give each request (filter, shortened
/// token), each attempt (status, timing, request id, whether a failure is retried) and each page's timing.</para>
/// <para>A query by image or pipeline ARN is sent to the ARNs' region (see <see cref="QueryRegion"/>) when the
/// region was not given in the options: ARNs of several regions are asked region by region, each request in its ARNs'
/// region, in the order of the values; a given region other than an ARN's throws
/// <see cref="Errors.ScanRegionException"/> before anything is sent. A filter name the operation does not
/// document (the escape hatch) is logged as a warning and sent as given.</para>
/// </remarks>
public sealed class ImageBuilderScanClient : IDisposable
{
    // Null when no region is configured: each query must then name its region through its ARNs.
    private readonly IImageBuilderTransport? _api;
    private readonly Func<string, IImageBuilderTransport>? _forRegion;
    // Clients for the regions ARNs named (built on first use; the listing runs on the thread pool).
    private readonly Dictionary<string, IImageBuilderTransport> _regional = new(StringComparer.Ordinal);

    // A fan-out profile's account, learned when a vulnerability aggregation needs it (null: the options name it or nobody asks).
    private readonly AccountLookup? _accountLookup;

    internal ImageBuilderScanClient(IImageBuilderTransport? api, ScanConnectionInfo connection, IScanLog? log,
        Func<string, IImageBuilderTransport>? forRegion = null, AccountLookup? accountLookup = null)
    {
        _api = api;
        Connection = connection;
        Log = log;
        _forRegion = forRegion;
        _accountLookup = accountLookup;
    }

    /// <summary>
    /// Resolves region, credentials and endpoint now; throws <see cref="Errors.ScanConfigurationException"/> when none can work.
    /// With no region configured anywhere the client is still made: a query by ARN goes to the ARN's region, and any
    /// other query is refused with NoRegion before anything is sent.
    /// </summary>
    public static ImageBuilderScanClient Create(ScanClientOptions options)
    {
        var api = SdkTransportFactory.Create(options, out var connection, out var forRegion);
        return new ImageBuilderScanClient(api, connection, options.Log, forRegion, options.AccountLookup) { Concurrency = Math.Max(1, options.Concurrency) };
    }

    public ScanConnectionInfo Connection { get; }

    internal IScanLog? Log { get; }

    /// <summary>How many request chains of one listing run at once (see <see cref="ScanClientOptions.Concurrency"/>).</summary>
    internal int Concurrency { get; init; } = 1;

    /// <summary>The aggregations (<c>ListImageScanFindingAggregations</c>): its items, or its checked pages by <see cref="ScanListing{T}.Pages"/>.</summary>
    /// <inheritdoc cref="Listing{T}" path="/exception"/>
    public ScanListing<ScanFindingAggregation> GetAggregationsAsync(AggregationQuery query, CancellationToken cancellationToken = default)
        => Listing(query, AggregationQuery.Listing, cancellationToken);

    /// <summary>The findings (<c>ListImageScanFindings</c>): its items, or its checked pages by <see cref="ScanListing{T}.Pages"/>.</summary>
    /// <inheritdoc cref="Listing{T}" path="/exception"/>
    public ScanListing<ScanFinding> GetFindingsAsync(FindingQuery query, CancellationToken cancellationToken = default)
        => Listing(query, FindingQuery.Listing, cancellationToken);

    /// <summary>The builds of the query's pipelines (<c>ListImagePipelineImages</c>), newest first as the service orders them.</summary>
    /// <inheritdoc cref="Listing{T}" path="/exception"/>
    public ScanListing<ImageSummary> GetPipelineImagesAsync(PipelineImagesQuery query, CancellationToken cancellationToken = default)
        => Listing(query, PipelineImagesQuery.Listing, cancellationToken);

    /// <summary>The builds of the query's image versions (<c>ListImageBuildVersions</c>).</summary>
    /// <inheritdoc cref="Listing{T}" path="/exception"/>
    public ScanListing<ImageSummary> GetImageBuildVersionsAsync(ImageBuildVersionsQuery query, CancellationToken cancellationToken = default)
        => Listing(query, ImageBuildVersionsQuery.Listing, cancellationToken);

    /// <summary>
    /// Refuses, before anything is sent, image or pipeline ARNs of another region than the one this client was given
    /// (-Region): Image Builder answers a request only for the region it is signed for. Without a region given, each
    /// ARN is asked in its own region and nothing is refused. What the listings check when asked, for commands that
    /// send other requests first (GetImage, a pipeline's builds).
    /// </summary>
    /// <exception cref="Errors.ScanRegionException">An ARN names another region than the one given.</exception>
    public void RefuseOtherRegions(IReadOnlyList<string> arns, string parameterName)
    {
        var query = new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = arns, ValuesParameterName = parameterName };
        QueryRegion.Check(query, Connection.Region, Connection.RegionGiven || _forRegion is null);
    }

    /// <summary>An image's scan state (<c>GetImage</c>).</summary>
    /// <param name="imageBuildVersionArn">An image build version ARN (not a version ARN with wildcards).</param>
    /// <param name="parameterName">The input that supplied the ARN, named when it is refused.</param>
    /// <exception cref="Errors.ScanInputException">At once, when the ARN is not an image build version ARN; nothing is sent.</exception>
    /// <exception cref="Errors.ScanProtocolException">ImageMismatch: the answer is about another image than the one asked.</exception>
    public async Task<ImageScanState> GetImageScanStateAsync(string imageBuildVersionArn, string parameterName = "ImageBuildVersionArn",
        CancellationToken cancellationToken = default)
    {
        var arn = FilterValueRule.Check(parameterName, imageBuildVersionArn, FilterValueShape.ImageBuildVersionArn);
        // Routed like a listing of that image: to the ARN's region, or refused when it contradicts the one given.
        var api = ApiFor(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [arn], ValuesParameterName = parameterName });
        cancellationToken.ThrowIfCancellationRequested();
        var state = await api.SendAsync(new GetImageRequest(arn), cancellationToken).ConfigureAwait(false);
        if (!string.Equals(state.ImageBuildVersionArn, arn, StringComparison.Ordinal))
            throw new Errors.ScanProtocolException("ImageMismatch",
                $"GetImage was asked for {arn} but answered about {InputDisplay.Arn(state.ImageBuildVersionArn)}: the answer is not used.");
        return state;
    }

    /// <summary>
    /// The one paging path of every listing operation (its row, <paramref name="listing"/>): validates and plans the
    /// query once, picks each chunk's region's client, then sends a request per chunk and token, each answer a checked page
    /// whose items are then stamped once with where they came from.
    /// </summary>
    /// <exception cref="Errors.ScanInputException">At once, when the query is not valid; nothing is sent.</exception>
    /// <exception cref="Errors.ScanRegionException">At once, when its ARNs name another region than a given one; nothing is sent.</exception>
    /// <exception cref="Errors.ScanConfigurationException">At once (NoRegion), when no region is set and its ARNs name none; nothing is sent.</exception>
    private ScanListing<T> Listing<T>(ListingQuery query, ListingOperation<T> listing, CancellationToken cancellationToken) where T : IPageItem
    {
        var plan = QueryValidator.Plan(ref query);
        var routes = RoutesFor(query);
        // Every chunk's region is resolved now, so NoRegion is refused before anything is sent.
        foreach (var chunk in plan.Chunks) _ = routes(chunk);
        var pageSize = (query as SizedListingQuery)?.PageSize;
        var operation = listing.Name;
        var unknown = new UnknownValues(operation, Log);
        return new ScanListing<T>((window, listingToken) => ScanPager.PagesAsync<T>(operation, plan, async (values, token, ct) =>
        {
            var (api, region) = routes(values);
            var page = await api.SendAsync(listing.Request(plan.FilterName, values, pageSize, token), ct).ConfigureAwait(false);
            if (pageSize is int asked && page.Items.Count > asked)
                throw new Errors.ScanProtocolException("TooManyItems",
                    $"{operation} returned {page.Items.Count} items in one page when {asked} were asked (request id " +
                    $"{InputDisplay.RequestId(page.RequestId)}). Nothing from this page was emitted.", page.RequestId);
            RefuseOtherRegionItems(operation, page, region);
            return page with { RequestToken = token, FilterName = plan.FilterName, FilterValues = values };
        }, page => listing.Check(unknown, page), Log, listingToken,
            // After the page's own checks: a page refused is never stamped, and STS is never asked for one.
            (page, ct) => StampAsync(page, routes(page.FilterValues), ct), Concurrency, window), cancellationToken);
    }

    /// <summary>
    /// Refuses a page that names another region's image, pipeline or build than the region its request was signed for.
    /// Image Builder answers only for that region, so such a page is not that region's answer (an endpoint or proxy that
    /// serves every region alike): in a fan-out over regions its items would pass for the other region's own, taken once
    /// as the same items again, and this region would end "completed" with nothing of its own listed.
    /// </summary>
    /// <exception cref="Errors.ScanProtocolException">UnexpectedRegion, naming both regions, the ARN and the request id.</exception>
    private static void RefuseOtherRegionItems<T>(string operation, ScanPage<T> page, string region) where T : IPageItem
    {
        foreach (var item in page.Items)
        {
            if (ImageBuilderArn.RegionOf(item?.NamedArn) is not { Length: > 0 } named || named == region) continue;
            throw new Errors.ScanProtocolException("UnexpectedRegion",
                $"{operation} was signed for {region}, but its page names {InputDisplay.Arn(item!.NamedArn)}, of {InputDisplay.Show(named)} (request id " +
                $"{InputDisplay.RequestId(page.RequestId)}): Image Builder answers only for the region a request is signed for, so this is not " +
                $"{region}'s answer (an endpoint that answers every region alike?). Nothing from this page was emitted.", page.RequestId);
        }
    }

    /// <summary>
    /// Where each request of a validated query goes (see <see cref="QueryRegion"/>): for a chunk of its values, the
    /// client of their region (the resolved region's, or, when the region was not given and the chunk's ARNs name
    /// another, a client for the ARNs' region) and that region. A query by one ARN, piped or given, and each region's
    /// ARNs of a query by several are routed alike.
    /// </summary>
    /// <exception cref="Errors.ScanRegionException">At once, when the ARNs name another region than the one given.</exception>
    private Func<IReadOnlyList<string>, (IImageBuilderTransport Api, string Region)> RoutesFor(ListingQuery query)
    {
        if (!QueryValidator.IsKnownFilterName(query))
            Log?.Warning($"'{InputDisplay.Show(query.FilterName)}' is not a filter name of {query.Operation.Name} that this module knows " +
                $"({string.Join(", ", query.Operation.FilterNames)}); it is sent as given, and the service decides.");
        QueryRegion.Check(query, Connection.Region, Connection.RegionGiven || _forRegion is null);
        return values =>
        {
            var region = QueryRegion.For(query, values, Connection.Region) ?? throw SdkTransportFactory.NoRegion();
            return (ApiFor(region), region);
        };
    }

    /// <summary>The client for a single-answer operation's query of one value (<see cref="RoutesFor"/>).</summary>
    private IImageBuilderTransport ApiFor(ListingQuery query) => RoutesFor(query)(query.Values).Api;

    /// <summary>The client for <paramref name="region"/>: the resolved region's, else one built for it on first use and reused.</summary>
    private IImageBuilderTransport ApiFor(string region)
    {
        if (region == Connection.Region && _api is not null) return _api;
        lock (_regional)
        {
            if (!_regional.TryGetValue(region, out var api))
            {
                Log?.Verbose(Connection.Region is null
                    ? $"Using region {region}, the ARN's (no region is set)."
                    : $"Using region {region}, the ARN's, instead of {Connection.Region} (from {Connection.RegionSource}).");
                _regional[region] = api = _forRegion!(region);
            }


            return api;
        }
    }

    /// <summary>
    /// Gives each item of a checked page, once, where it came from (<see cref="PageOrigin"/>): the page's request id
    /// and aggregation type, the region asked and, only when an item shows it, the account asked: known from the
    /// options (a role's), else a fan-out profile's from STS, asked once per client.
    /// </summary>
    private async ValueTask<ScanPage<T>> StampAsync<T>(ScanPage<T> page, (IImageBuilderTransport Api, string Region) route, CancellationToken cancellationToken)
        where T : IPageItem
    {
        var (api, region) = route;
        // The page is this client's own, just read and checked, and not yet handed to anyone.
        var items = page.Items;
        string? accountId = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].NeedsAccount) continue;
            accountId = Connection.AccountId
                ?? (_accountLookup is null ? null : await _accountLookup.GetAsync(api.CallerAccountAsync, Log, cancellationToken).ConfigureAwait(false));
            break;
        }

        var origin = new PageOrigin(page.RequestId, page.AggregationType, region, accountId);
        for (var i = 0; i < items.Count; i++) items[i].Stamp(origin);
        return page;
    }

    public void Dispose()
    {
        _api?.Dispose();
        lock (_regional)
        {
            foreach (var api in _regional.Values.Distinct())
                if (!ReferenceEquals(api, _api)) api.Dispose();
            _regional.Clear();
        }
    }
}
