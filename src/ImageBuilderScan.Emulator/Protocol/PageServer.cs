namespace ImageBuilderScan.Emulator;

/// <summary>
/// An answer about to be served: one page (aggregations, lazy for synthetic keys; findings; image summaries) or one
/// image, with the token it was asked with and the next one.
/// </summary>
internal sealed record ServedPage(string? RequestToken, string? NextToken)
{
    public string? Kind { get; init; }
    public IEnumerable<ExpectedAggregation>? Aggregations { get; init; }
    public IEnumerable<EmulatedFinding>? Findings { get; init; }
    public IEnumerable<EmulatedImage>? ImageSummaries { get; init; }
    public EmulatedImage? Image { get; init; }
}

/// <summary>
/// Cuts what the caller may see (a <see cref="FindingsDataSet.View"/>, or the synthetic key space) into pages at a
/// token's position. Tokens are bound to the operation, the query and the caller's scope, so a token issued to one
/// region or account is refused in another.
/// </summary>
internal sealed class PageServer(EmulatorOptions options)
{
    private const int DefaultImagesPageSize = 25;

    public ServedPage Aggregations(AggregationRequest request, PageTokens tokens, FindingsDataSet data, DataScope scope)
    {
        var kind = request.FilterName ?? AggregationKinds.AccountId;
        var mode = options.SyntheticKeys > 0 ? $"synthetic:{options.SyntheticKeys}" : options.FilterMatchesAll ? "all" : "data";
        var tokenScope = PageTokens.Scope(EmulatorOperation.ListImageScanFindingAggregations, request.FilterName, request.Values, mode + ";" + scope.Key);
        var position = request.NextToken is null ? 0 : tokens.Read(request.NextToken, EmulatorOperation.ListImageScanFindingAggregations, tokenScope);
        var size = options.AggregationPageSize;
        IEnumerable<ExpectedAggregation> items;
        long total;
        if (options.SyntheticKeys > 0)
        {
            total = options.SyntheticKeys;
            items = Synthetic(kind, position, Math.Min(total, position + size), total);
        }
        else
        {
            var all = data.ExpectedAggregations(request.FilterName, request.Values, options.FilterMatchesAll);
            total = all.Count;
            items = Slice(all, position, size);
        }
        var next = Next(EmulatorOperation.ListImageScanFindingAggregations, tokens, tokenScope, position, size, total);
        return new ServedPage(request.NextToken, next) { Kind = kind, Aggregations = items };
    }

    public ServedPage Findings(FindingsRequest request, PageTokens tokens, FindingsDataSet data, DataScope scope)
    {
        IReadOnlyList<string> values = request.Value is null ? [] : [request.Value];
        var tokenScope = PageTokens.Scope(EmulatorOperation.ListImageScanFindings, request.FilterName, values, "data;" + scope.Key);
        var position = request.NextToken is null ? 0 : tokens.Read(request.NextToken, EmulatorOperation.ListImageScanFindings, tokenScope);
        var size = request.MaxResults ?? options.FindingsPageSize;
        var all = data.ExpectedFindings(request.FilterName, request.Value);
        var next = Next(EmulatorOperation.ListImageScanFindings, tokens, tokenScope, position, size, all.Count);
        return new ServedPage(request.NextToken, next) { Findings = Slice(all, position, size) };
    }

    /// <summary>
    /// An image listing (ListImagePipelineImages, ListImageBuildVersions): the images of the request's ARN newest first
    /// (<paramref name="imagesOf"/>, asked once the token is read; it throws when the service would not list them), those
    /// every filter matches, one page at the token's position. Each in the state GetImage would serve at <paramref name="now"/>
    /// (a build whose scan was set to advance is BUILDING until it is built), not always AVAILABLE.
    /// </summary>
    public ServedPage Images(EmulatorOperation operation, ImageListRequest request, PageTokens tokens, DataScope scope,
        Func<string, IReadOnlyList<EmulatedImage>> imagesOf, ScanBoard scans, DateTimeOffset now)
    {
        // Filters are part of the scope: name=a,b and version=x become "name\0a\0b\0" style values in order.
        var values = request.Filters.SelectMany(f => f.Values.Prepend("filter:" + f.Name)).Prepend(request.Arn);
        var tokenScope = PageTokens.Scope(operation, null, values, "data;" + scope.Key);
        var position = request.NextToken is null ? 0 : tokens.Read(request.NextToken, operation, tokenScope);
        var matching = imagesOf(request.Arn)
            .Where(image => request.Filters.All(f => f.Values.Contains(FilterField(image, f.Name), StringComparer.Ordinal))).ToArray();
        var size = request.MaxResults ?? DefaultImagesPageSize;
        var next = Next(operation, tokens, tokenScope, position, size, matching.Length);
        return new ServedPage(request.NextToken, next) { ImageSummaries = Slice(matching, position, size).Select(i => scans.At(i, now)) };
    }

    private static string? FilterField(EmulatedImage image, string name) => name switch
    {
        "name" => image.Name,
        "version" => image.Version,
        "platform" => image.Platform,
        "osVersion" => image.OsVersion,
        _ => "AMI", // type: every emulated image is an AMI
    };

    /// <summary>
    /// GetImage: a build version ARN names one image; a version ARN (x wildcards allowed) the newest build matching it.
    /// ResourceNotFoundException when the caller sees no such image. An image whose scan was set to advance
    /// (<see cref="ScanBoard"/>) is served in the state it has reached at <paramref name="now"/>.
    /// </summary>
    public static ServedPage Image(GetImageRequest request, FindingsDataSet data, ScanBoard scans, DateTimeOffset now)
    {
        var image = data.FindImage(request.ImageArn) ?? Newest(request.ImageArn, data) ?? throw ApiError.NotFound(request.ImageArn);
        return new ServedPage(null, null) { Image = scans.At(image, now, answer: true) };
    }

    private static EmulatedImage? Newest(string versionArn, FindingsDataSet data)
    {
        var slash = versionArn.IndexOf("image/", StringComparison.Ordinal);
        var path = versionArn[(slash + "image/".Length)..].Split('/');
        if (path.Length != 2)
        {
            return null; // a build version ARN that is not in the data set
        }
        var prefix = versionArn[..slash];
        var wanted = path[1].Split('.');
        return data.Images
            .Where(i => i.Arn.StartsWith(prefix + "image/" + path[0] + "/", StringComparison.Ordinal)
                && i.Version.Split('.').Zip(wanted).All(p => p.Second == "x" || p.First == p.Second))
            .MaxBy(i => i.VersionOrder);
    }

    private static string? Next(EmulatorOperation operation, PageTokens tokens, byte[] tokenScope, long position, int size, long total)
    {
        if (position > total)
        {
            throw ApiError.InvalidToken();
        }
        return position + size < total ? tokens.Issue(operation, tokenScope, position + size) : null;
    }

    private static IEnumerable<T> Slice<T>(IReadOnlyList<T> list, long position, int size)
    {
        for (var i = position; i < Math.Min(list.Count, position + size); i++)
        {
            yield return list[(int)i];
        }
    }

    private static IEnumerable<ExpectedAggregation> Synthetic(string kind, long from, long to, long total)
    {
        for (var i = from; i < to; i++)
        {
            yield return SyntheticKeys.Aggregation(kind, i, total);
        }
    }
}
