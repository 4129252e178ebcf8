using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// Checks a query before anything is sent and returns it normalised, or throws a
/// <see cref="ScanInputException"/> naming the parameter and the expected form.
/// </summary>
/// <remarks>
/// <para>Filter names: those the operation documents, in any case (<c>AccountId</c> is sent as the model
/// spells it, <c>accountId</c>: the service compares names case-sensitively). Through the escape hatch
/// (<c>ValuesParameterName == "FilterValue"</c>) another name is allowed when it matches the model's pattern
/// <c>^[a-zA-Z]{1,1024}$</c>, so names the service adds later still work; such a name is sent as given and the
/// service decides (today it refuses it: <c>InvalidRequestException</c>), and the client warns before sending it.</para>
/// <para>Values: each non-empty and matching the model's <c>^[0-9a-zA-Z./_ :,{}"-]{1,1024}$</c>
/// (no control characters, no newlines, no non-ASCII look-alikes); a known filter name also holds its
/// values to the typed shape (ARN, account id, vulnerability id, severity), whichever parameter
/// supplied them. Severities are accepted in any case and sent upper case.</para>
/// <para>Duplicates are removed, keeping the first occurrence, so no key is counted twice.</para>
/// <para>A <c>NextToken</c> (1 to 65535 characters) belongs to the one request that returned it, so it
/// is accepted only when the values fit in one request: at most 10 for aggregations, 1 for findings.</para>
/// <para>Messages show at most about 100 characters of a value, with invisible characters as <c>\uXXXX</c>.</para>
/// </remarks>
public static class QueryValidator
{
    public const int MaxValuesPerAggregationRequest = 10;
    public const int MaxValuesPerFindingRequest = 1;
    public const int MaxValueLength = 1024;
    public const int MaxTokenLength = 65535;
    public const int MinPageSize = 1;
    public const int MaxPageSize = 25;

    /// <summary>The <c>ValuesParameterName</c> that marks the escape hatch (any well-formed filter name).</summary>
    public const string EscapeHatchParameterName = "FilterValue";

    public static IReadOnlyList<string> AggregationFilterNames => AggregationQuery.Listing.FilterNames;

    public static IReadOnlyList<string> FindingFilterNames => FindingQuery.Listing.FilterNames;

    /// <summary>The severities <c>ListImageScanFindings</c> filters on, as they are sent.</summary>
    // The very instances Validate returned (by reference: a copy made with `with` is a new query and is checked again).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ListingQuery, object> Checked = new();

    public static IReadOnlyList<string> Severities => SeverityRank.ServiceNames;

    /// <summary>Validates and normalises a query of any listing operation.</summary>
    /// <returns>The query itself when nothing needed normalising, else a copy with normalised values.</returns>
    public static TQuery Validate<TQuery>(TQuery query) where TQuery : ListingQuery
    {
        ArgumentNullException.ThrowIfNull(query);
        var operation = query.Operation;
        var filterName = CanonicalName(operation.FilterNames, query.FilterName);
        var values = ValidateFilter(operation.Name, operation.FilterNames, filterName, query.Values, query.ValuesParameterName);
        var valuesParameter = ValuesParameter(filterName, query.ValuesParameterName);
        if (operation.RequiresValue && values.Count == 0)
            throw new ScanInputException(valuesParameter, null, FilterValueShape.For(filterName ?? "")?.ExpectedForm ?? FilterValueRule.ExpectedForm,
                $"{operation.Name} needs at least one value.");
        var requests = Requests(filterName, values, operation.ValuesPerRequest);
        ValidateToken(query.NextToken, values.Count, requests, operation.ValuesPerRequest, valuesParameter);
        if (query.FirstPageOnly) ValidateFirstPageOnly(values.Count, requests, operation.ValuesPerRequest, valuesParameter);
        if (query is SizedListingQuery { PageSize: { } size } && (size < MinPageSize || size > MaxPageSize))
            throw new ScanInputException("PageSize", size.ToString(CultureInfo.InvariantCulture),
                $"a page size from {MinPageSize} to {MaxPageSize}", $"{size} is outside the range the service accepts.");
        var valid = ReferenceEquals(values, query.Values) && ReferenceEquals(filterName, query.FilterName)
            ? query : query with { Values = values, FilterName = filterName };
        Checked.AddOrUpdate(valid, Checked);
        return valid;
    }

    /// <summary>Whether the query's filter name is one the operation documents (exact spelling, after <see cref="Validate"/>).</summary>
    internal static bool IsKnownFilterName(ListingQuery query) =>
        query.FilterName is null || query.Operation.FilterNames.Contains(query.FilterName);

    // A documented name in any case becomes the model's spelling; any other name is left for ValidateFilter.
    private static string? CanonicalName(IReadOnlyList<string> knownNames, string? filterName)
    {
        if (filterName is null) return null;
        foreach (var name in knownNames)
            if (string.Equals(name, filterName, StringComparison.OrdinalIgnoreCase))
                return string.Equals(name, filterName, StringComparison.Ordinal) ? filterName : name; // unchanged: the same instance
        return filterName;
    }

    /// <summary>
    /// Validates once and plans the requests: the only way a listing gets its <see cref="PagingPlan"/>. A query this
    /// validator returned (a fan-out's, checked before any target runs it) is not checked again by each target.
    /// </summary>
    internal static PagingPlan Plan<TQuery>(ref TQuery query) where TQuery : ListingQuery
    {
        if (!Checked.TryGetValue(query, out _)) query = Validate(query);
        return Chunked(query.FilterName, query.Values, query.Operation.ValuesPerRequest, query.NextToken, query.FirstPageOnly);
    }

    // The one chunking of values into requests: so many a request, never two regions' ARNs in one (QueryRegion).
    private static PagingPlan Chunked(string? filterName, IReadOnlyList<string> values, int perRequest, string? token = null, bool firstPageOnly = false) =>
        PagingPlan.Create(filterName, values, perRequest, value => QueryRegion.Of(filterName, value), token, firstPageOnly);

    private static int Requests(string? filterName, IReadOnlyList<string> values, int perRequest) =>
        filterName is null || values.Count == 0 ? 1 : Chunked(filterName, values, perRequest).Chunks.Count;

    private static readonly Regex ModelFilterName = new(@"\A[a-zA-Z]{1,1024}\z", RegexOptions.CultureInvariant);

    private static string ValuesParameter(string? filterName, string? valuesParameterName) =>
        valuesParameterName ?? FilterNames.PropertyFor(filterName) ?? EscapeHatchParameterName;

    private static IReadOnlyList<string> ValidateFilter(string operation, IReadOnlyList<string> knownNames,
        string? filterName, IReadOnlyList<string>? values, string? valuesParameterName)
    {
        values ??= [];
        if (filterName is null)
        {
            if (values.Count == 0) return values;
            throw new ScanInputException("FilterName", null, "a filter name with the values, one of " + string.Join(", ", knownNames),
                $"{values.Count} filter value(s) were given without a filter name.");
        }

        var escapeHatch = valuesParameterName == EscapeHatchParameterName;
        if (escapeHatch ? !ModelFilterName.IsMatch(filterName) : !knownNames.Contains(filterName))
            throw new ScanInputException("FilterName", filterName,
                escapeHatch ? "1 to 1024 ASCII letters, e.g. imagePipelineArn" : "one of " + string.Join(", ", knownNames),
                $"'{InputDisplay.Show(filterName)}' is not a filter name of {operation}.");

        var shape = FilterValueShape.For(filterName);
        var parameter = ValuesParameter(filterName, valuesParameterName);
        if (values.Count == 0)
            throw new ScanInputException(parameter, null, shape?.ExpectedForm ?? FilterValueRule.ExpectedForm,
                $"no values were given for the filter '{filterName}'.");

        var normalised = values;
        HashSet<string>? seen = values.Count > 1 ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < values.Count; i++)
        {
            var value = FilterValueRule.Check(parameter, values[i], shape);
            if (shape == FilterValueShape.Severity) value = value.ToUpperInvariant();
            var keep = seen?.Add(value) ?? true;
            if ((!keep || !ReferenceEquals(value, values[i])) && ReferenceEquals(normalised, values))
                normalised = new List<string>(values.Take(i)); // first change: copy what came before
            if (keep && !ReferenceEquals(normalised, values)) ((List<string>)normalised).Add(value);
        }
        return normalised;
    }

    private static void ValidateToken(string? token, int valueCount, int requests, int perRequest, string valuesParameter)
    {
        if (token is null) return;
        const string form = "the nextToken of a previous page: 1 to 65535 characters";
        if (token.Length == 0 || token.Length > MaxTokenLength)
            throw new ScanInputException("NextToken", token, form,
                token.Length == 0 ? "the token is empty." : $"the token is {token.Length} characters long.");
        if (requests > 1)
        {
            var per = (perRequest == 1 ? "one value per request" : $"{perRequest} values per request") + (valueCount <= perRequest ? ", one region per request" : "");
            throw new ScanInputException("NextToken", token,
                $"NextToken only with at most {(perRequest == 1 ? "one value" : $"{perRequest} values")} of {valuesParameter}{OneRegion(valueCount, perRequest)}: " +
                "the values of the request that returned the token",
                $"a token resumes one request, but the {valueCount} values of {valuesParameter} need {requests} requests ({per}).");
        }
    }

    // When values that one request would take need several, it is for their ARNs' regions (a request is signed for one).
    private static string OneRegion(int valueCount, int perRequest) => valueCount <= perRequest ? " (ARNs of one region)" : "";

    private static void ValidateFirstPageOnly(int valueCount, int requests, int perRequest, string valuesParameter)
    {
        if (requests <= 1) return;
        var limit = perRequest == 1 ? "one value" : $"at most {perRequest} values";
        throw new ScanInputException(valuesParameter, null,
            $"{limit} of {valuesParameter}{OneRegion(valueCount, perRequest)} for a single page (one page of one request), or every page",
            $"a single page shows one request's results, but the {valueCount} values of {valuesParameter} need {requests} requests.")
        { ConflictsWith = nameof(ListingQuery.FirstPageOnly) };
    }
}
