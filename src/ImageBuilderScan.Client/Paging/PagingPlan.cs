using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// How a validated query becomes chains of requests: one chunk of filter values per chain (all
/// values in one chunk when no filter), each chain followed from its first page to its last.
/// </summary>
internal sealed class PagingPlan
{
    private static readonly IReadOnlyList<string>[] NoFilter = [[]];

    private PagingPlan(string? filterName, IReadOnlyList<IReadOnlyList<string>> chunks, string? firstToken, bool firstPageOnly)
    {
        FilterName = filterName;
        Chunks = chunks;
        FirstToken = firstToken;
        FirstPageOnly = firstPageOnly;
    }

    public string? FilterName { get; }
    public IReadOnlyList<IReadOnlyList<string>> Chunks { get; }
    /// <summary>The token the first chain starts from (a resumed listing), or null.</summary>
    public string? FirstToken { get; }
    /// <summary>Stop after the first page of the first chain (the validator allows it for one chunk only).</summary>
    public bool FirstPageOnly { get; }

    /// <summary>Chunks of at most <paramref name="perRequest"/> values, in the order given.</summary>
    public static PagingPlan Create(string? filterName, IReadOnlyList<string> values, int perRequest, string? firstToken, bool firstPageOnly = false)
    {
        if (filterName is null || values.Count == 0) return new(filterName, NoFilter, firstToken, firstPageOnly);
        if (values.Count <= perRequest) return new(filterName, [values], firstToken, firstPageOnly);

        var chunks = new IReadOnlyList<string>[(values.Count + perRequest - 1) / perRequest];
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = new string[Math.Min(perRequest, values.Count - c * perRequest)];
            for (var i = 0; i < chunk.Length; i++) chunk[i] = values[c * perRequest + i];
            chunks[c] = chunk;
        }
        return new(filterName, chunks, firstToken, firstPageOnly);
    }

    /// <summary>Where to pick up after the request of chunk <paramref name="chunk"/> that carried <paramref name="token"/> failed.</summary>
    public ResumePoint ResumeAt(int chunk, string? token)
    {
        var remaining = new List<string>();
        for (var c = chunk + 1; c < Chunks.Count; c++) remaining.AddRange(Chunks[c]);
        return new ResumePoint(FilterName, Chunks[chunk], token, remaining);
    }
}
