namespace ImageBuilderScan.Emulator;

/// <summary>One API request as it arrived (signed or not), and the status it was answered with.</summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(long sequence, EmulatorOperation? operation, string method, string path,
        IReadOnlyDictionary<string, string> headers, string body, string requestId)
    {
        Sequence = sequence;
        RequestId = requestId;
        Operation = operation;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = DateTimeOffset.UtcNow;
    }

    public long Sequence { get; }
    /// <summary>Null for a path that is no operation (STS requests included).</summary>
    public EmulatorOperation? Operation { get; }
    public string Method { get; }
    /// <summary>The raw request target (path and query) as sent.</summary>
    public string Path { get; }
    /// <summary>Header names in lower case; repeated headers joined with ','.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }
    public string Body { get; }
    public DateTimeOffset ReceivedAt { get; }
    /// <summary>The x-amzn-RequestId the emulator answered with, so a client's page can be matched to its request.</summary>
    public string RequestId { get; }
    /// <summary>0 until the response has started.</summary>
    public int StatusCode { get; internal set; }
    /// <summary>The error code answered, if any (auth refusals, validation errors and error faults).</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>False while the request is in flight: received, neither answered nor abandoned yet.</summary>
    public bool Completed { get => Volatile.Read(ref _completed); internal set => Volatile.Write(ref _completed, value); }
    private bool _completed;

    /// <summary>The client hung up before the answer was complete (a stopped or timed-out request).</summary>
    public bool ClientAborted { get; internal set; }

    /// <summary>Called once the handler is done with it, however it ended.</summary>
    internal void End(int statusCode, bool clientAborted)
    {
        StatusCode = statusCode;
        ClientAborted = clientAborted;
        Completed = true;
    }
}

/// <summary>
/// Counts every request that reaches an API path (before signature checks, so "no request was sent" is
/// checkable) and keeps the most recent ones. Control requests under /_emulator are not counted.
/// </summary>
public sealed class RequestLog
{
    private const int Capacity = 500;
    private readonly object _gate = new();
    private readonly LinkedList<RecordedRequest> _recent = new();
    private readonly long[] _byOperation = new long[Enum.GetValues<EmulatorOperation>().Length];
    private long _total, _other, _refused, _sequence;

    public long Total => Interlocked.Read(ref _total);
    public long Aggregations => Count(EmulatorOperation.ListImageScanFindingAggregations);
    public long Findings => Count(EmulatorOperation.ListImageScanFindings);
    public long Images => Count(EmulatorOperation.GetImage);
    public long PipelineImages => Count(EmulatorOperation.ListImagePipelineImages);
    public long BuildVersions => Count(EmulatorOperation.ListImageBuildVersions);
    /// <summary>Requests to a path that is no operation (STS requests included).</summary>
    public long Other => Interlocked.Read(ref _other);
    /// <summary>Requests refused for their signature or credentials (403).</summary>
    public long AuthenticationFailures => Interlocked.Read(ref _refused);

    public long Count(EmulatorOperation operation) => Interlocked.Read(ref _byOperation[(int)operation]);

    /// <summary>The last 500 requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Recent
    {
        get
        {
            lock (_gate)
            {
                return _recent.ToArray();
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _recent.Clear();
            Interlocked.Exchange(ref _total, 0);
            for (var i = 0; i < _byOperation.Length; i++)
            {
                Interlocked.Exchange(ref _byOperation[i], 0);
            }
            Interlocked.Exchange(ref _other, 0);
            Interlocked.Exchange(ref _refused, 0);
        }
    }

    internal RecordedRequest Record(EmulatorOperation? operation, string method, string path,
        IReadOnlyDictionary<string, string> headers, string body, string requestId)
    {
        var request = new RecordedRequest(Interlocked.Increment(ref _sequence), operation, method, path, headers, body, requestId);
        Interlocked.Increment(ref _total);
        if (operation is { } op)
        {
            Interlocked.Increment(ref _byOperation[(int)op]);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
        lock (_gate)
        {
            _recent.AddLast(request);
            if (_recent.Count > Capacity)
            {
                _recent.RemoveFirst();
            }
        }
        return request;
    }

    internal void RecordRefusal() => Interlocked.Increment(ref _refused);
}
