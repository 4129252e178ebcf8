namespace ImageBuilderScan.Emulator;

/// <summary>A page about to be served: its items (lazy for synthetic keys), the token it was asked with and the next one.</summary>
internal sealed record ServedPage(string? Kind, IEnumerable<ExpectedAggregation>? Aggregations,
    IEnumerable<EmulatedFinding>? Findings, string? RequestToken, string? NextToken);

/// <summary>Cuts the data set (or the synthetic key space) into pages at a token's position.</summary>
internal sealed class PageServer(EmulatorOptions options, FindingsDataSet data)
{
    public ServedPage Aggregations(AggregationRequest request, PageTokens tokens)
    {
        var kind = request.FilterName ?? AggregationKinds.AccountId;
        var mode = options.SyntheticKeys > 0 ? $"synthetic:{options.SyntheticKeys}" : options.FilterMatchesAll ? "all" : "data";
        var scope = PageTokens.Scope(EmulatorOperation.ListImageScanFindingAggregations, request.FilterName, request.Values, mode);
        var position = request.NextToken is null ? 0 : tokens.Read(request.NextToken, EmulatorOperation.ListImageScanFindingAggregations, scope);
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
        if (position > total)
        {
            throw ApiError.InvalidToken();
        }
        var next = position + size < total ? tokens.Issue(EmulatorOperation.ListImageScanFindingAggregations, scope, position + size) : null;
        return new ServedPage(kind, items, null, request.NextToken, next);
    }

    public ServedPage Findings(FindingsRequest request, PageTokens tokens)
    {
        IReadOnlyList<string> values = request.Value is null ? [] : [request.Value];
        var scope = PageTokens.Scope(EmulatorOperation.ListImageScanFindings, request.FilterName, values, "data");
        var position = request.NextToken is null ? 0 : tokens.Read(request.NextToken, EmulatorOperation.ListImageScanFindings, scope);
        var size = request.MaxResults ?? options.FindingsPageSize;
        var all = data.ExpectedFindings(request.FilterName, request.Value);
        if (position > all.Count)
        {
            throw ApiError.InvalidToken();
        }
        var next = position + size < all.Count ? tokens.Issue(EmulatorOperation.ListImageScanFindings, scope, position + size) : null;
        return new ServedPage(null, null, Slice(all, position, size), request.NextToken, next);
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
