using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Hosting;

/// <summary>For -NoAutoPage: the first page of one request chain and nothing after it.</summary>
public static class SinglePage
{
    /// <summary>
    /// The first page of aggregations. Refuses (before anything is sent) values that need more
    /// than one request: one page could only show the first request's results, and the values
    /// beyond it would be dropped without a word.
    /// </summary>
    public static IAsyncEnumerable<ScanPage<ScanFindingAggregation>> FirstAggregationPage(
        ImageBuilderScanClient client, AggregationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var valid = QueryValidator.Validate(query);
        return OneRequest(valid.Values.Count, QueryValidator.MaxValuesPerAggregationRequest, valid.ValuesParameterName, valid.FilterName,
            () => client.GetAggregationPagesAsync(valid, cancellationToken));
    }

    /// <summary>The first page of findings; one filter value at most, for the same reason.</summary>
    public static IAsyncEnumerable<ScanPage<ScanFinding>> FirstFindingPage(
        ImageBuilderScanClient client, FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var valid = QueryValidator.Validate(query);
        return OneRequest(valid.Values.Count, QueryValidator.MaxValuesPerFindingRequest, valid.ValuesParameterName, valid.FilterName,
            () => client.GetFindingPagesAsync(valid, cancellationToken));
    }

    /// <summary>Yields the first element, then ends without asking the source for another (no second request).</summary>
    private static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> pages)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return page;
            yield break;
        }
    }

    private static string ParameterFor(string? filterName) =>
        (filterName is null ? null : FilterValueShape.For(filterName)?.ParameterName) ?? QueryValidator.EscapeHatchParameterName;

    private static IAsyncEnumerable<T> OneRequest<T>(int valueCount, int perRequest, string? parameterName, string? filterName,
        Func<IAsyncEnumerable<T>> pages)
    {
        if (valueCount <= perRequest) return Of(pages());
        var parameter = parameterName ?? ParameterFor(filterName);
        var requests = (valueCount + perRequest - 1) / perRequest;
        var limit = perRequest == 1 ? "one value" : $"at most {perRequest} values";
        throw new ScanInputException(parameter, null,
            $"{limit} of {parameter} with NoAutoPage (one page of one request), or no NoAutoPage to list them all",
            $"NoAutoPage returns one page, but the {valueCount} values of {parameter} need {requests} requests.");
    }
}
