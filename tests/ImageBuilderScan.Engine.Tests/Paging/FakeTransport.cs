using System.Collections.Concurrent;
using System.Globalization;

namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>
/// A scripted <see cref="IImageBuilderTransport"/>: serves a deterministic data set in pages, records
/// every request, and on request number N (0-based, counted over the fake's life) can fail once,
/// hang until cancelled, or have its page tampered with.
/// </summary>
internal sealed class FakeTransport : IImageBuilderTransport
{
    private readonly ConcurrentQueue<object> _requests = new();
    private readonly HashSet<int> _failed = [];
    private int _count;
    private int _inFlight, _maxInFlight;

    public int PageSize { get; init; } = 3;
    /// <summary>Keys each filter value (or the unfiltered listing) has.</summary>
    public Func<string?, int> KeysPerValue { get; init; } = _ => 7;
    /// <summary>Throws this once for request N (a resumed listing's retry of it then succeeds).</summary>
    public Func<int, ImageBuilderScanException?>? FailAt { get; init; }
    /// <summary>Request N awaits a task that never completes, honouring the cancellation token.</summary>
    public Func<int, bool>? HangAt { get; init; }
    /// <summary>Rewrites the page of request N before it is returned.</summary>
    public Func<int, ScanPage<ScanFindingAggregation>, ScanPage<ScanFindingAggregation>>? TamperAggregations { get; init; }
    public Func<int, ScanPage<ScanFinding>, ScanPage<ScanFinding>>? TamperFindings { get; init; }

    /// <summary>How long request N takes (random per request in the concurrency tests).</summary>
    public Func<int, TimeSpan>? DelayAt { get; init; }

    /// <summary>
    /// From request N = <see cref="TogetherFrom"/> on, each request waits until <see cref="TogetherCount"/> of them are in
    /// flight, then all go on: requests sent one after another never get there (the test's own timeout then fails it),
    /// requests sent together all do. The event, not a time: no delay decides it.
    /// </summary>
    public int TogetherFrom { get; init; } = int.MaxValue;
    public int TogetherCount { get; init; }
    private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>The most requests that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Completes when a hanging request has been entered.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RequestCount => Volatile.Read(ref _count);
    public IReadOnlyList<ListingRequest<ScanFindingAggregation>> AggregationRequests => _requests.OfType<ListingRequest<ScanFindingAggregation>>().ToList();
    public IReadOnlyList<ListingRequest<ScanFinding>> FindingRequests => _requests.OfType<ListingRequest<ScanFinding>>().ToList();

    /// <summary>The keys the data set holds for these values, in the order the values come.</summary>
    public IEnumerable<string> KeysFor(IEnumerable<string?> values) =>
        values.SelectMany(v => Enumerable.Range(0, KeysPerValue(v)).Select(j => $"{v ?? "account"}|{j}"));

    public async Task<TResponse> SendAsync<TResponse>(ImageBuilderRequest<TResponse> request, CancellationToken cancellationToken)
    {
        // The fake serves the listing operations only, as their pages; the client adds the request's context.
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = Volatile.Read(ref _maxInFlight))
        {
        }

        try
        {
            object response = request switch
            {
                ListingRequest<ScanFindingAggregation> aggregations => Wire(await ListImageScanFindingAggregationsAsync(aggregations, cancellationToken)),
                ListingRequest<ScanFinding> findings => Wire(await ListImageScanFindingsAsync(findings, cancellationToken)),
                _ => throw new NotSupportedException(request.Operation),
            };
            return (TResponse)response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The fake serves no STS: tests of a profile's account run against the emulator (FleetRunnerTests).</summary>
    public Task<string> CallerAccountAsync(CancellationToken cancellationToken) => throw new NotSupportedException("GetCallerIdentity");

    // What the wire gives: the request's own context is the client's to add.
    private static ScanPage<T> Wire<T>(ScanPage<T> page) => page with { RequestToken = null, FilterName = null, FilterValues = [] };

    private async Task<ScanPage<ScanFindingAggregation>> ListImageScanFindingAggregationsAsync(ListingRequest<ScanFindingAggregation> request, CancellationToken cancellationToken)
    {
        var n = await Begin(request, cancellationToken);
        var values = request.FilterValues.Count == 0 ? [null] : request.FilterValues.Cast<string?>().ToArray();
        var (keys, next) = Slice(values, request.NextToken, PageSize, n);
        var items = keys.Select(k => new ScanFindingAggregation
        {
            KindValue = AggregationKind.ImagePipeline, Key = k, Critical = 1, High = 2, Medium = 3, All = 10, RequestId = $"req-{n}",
        }).ToList();
        var page = new ScanPage<ScanFindingAggregation>(items, $"req-{n}", "imagePipelineArn", next, request.NextToken,
            request.FilterName, request.FilterValues);
        return TamperAggregations?.Invoke(n, page) ?? page;
    }

    private async Task<ScanPage<ScanFinding>> ListImageScanFindingsAsync(ListingRequest<ScanFinding> request, CancellationToken cancellationToken)
    {
        var n = await Begin(request, cancellationToken);
        var (keys, next) = Slice([request.FilterValues.SingleOrDefault()], request.NextToken, request.MaxResults ?? PageSize, n);
        var items = keys.Select(k => new ScanFinding { VulnerabilityId = k, RequestId = $"req-{n}" }).ToList();
        var page = new ScanPage<ScanFinding>(items, $"req-{n}", null, next, request.NextToken, request.FilterName, request.FilterValues);
        return TamperFindings?.Invoke(n, page) ?? page;
    }

    private async Task<int> Begin(object request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count) - 1;
        _requests.Enqueue(request);
        if (HangAt?.Invoke(n) == true)
        {
            Hanging.TrySetResult();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        await Task.Yield(); // a real request never completes synchronously
        if (n >= TogetherFrom)
        {
            if (Interlocked.Increment(ref _arrived) == TogetherCount) _together.TrySetResult();
            await _together.Task.WaitAsync(cancellationToken);
        }
        if (DelayAt?.Invoke(n) is { } delay) await Task.Delay(delay, cancellationToken);
        if (FailAt?.Invoke(n) is { } failure && _failed.Add(n)) throw failure;
        return n;
    }

    /// <summary>Tokens name the values they belong to and an offset, like a real opaque token would encode.</summary>
    private (List<string> Keys, string? Next) Slice(string?[] values, string? token, int pageSize, int n)
    {
        var all = KeysFor(values).ToList();
        var scope = string.Join(",", values.Select(v => v ?? "-"));
        var offset = 0;
        if (token is not null)
        {
            var parts = token.Split('@');
            if (parts.Length != 2 || parts[0] != scope || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out offset))
                throw new InvalidPaginationTokenException("The token does not belong to this request.", 400, $"req-{n}");
        }
        var keys = all.Skip(offset).Take(pageSize).ToList();
        var end = offset + keys.Count;
        return (keys, end < all.Count ? $"{scope}@{end}" : null);
    }

    public void Dispose() { }
}
