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

    /// <summary>
    /// Chunks of at most <paramref name="perRequest"/> values, in the order given; a new chunk starts where
    /// <paramref name="regionOf"/> changes, so that no request mixes values of two regions (an ARN's region decides where
    /// its request is signed and sent).
    /// </summary>
    public static PagingPlan Create(string? filterName, IReadOnlyList<string> values, int perRequest, Func<string, string?> regionOf,
        string? firstToken, bool firstPageOnly = false)
    {
        if (filterName is null || values.Count == 0) return new(filterName, NoFilter, firstToken, firstPageOnly);
        var chunks = new List<IReadOnlyList<string>>();
        var chunk = new List<string>();
        string? region = null;
        foreach (var value in values)
        {
            var next = regionOf(value);
            if (chunk.Count == perRequest || (chunk.Count > 0 && next != region))
            {
                chunks.Add(chunk);
                chunk = [];
            }

            region = next;
            chunk.Add(value);
        }

        chunks.Add(chunk);
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
