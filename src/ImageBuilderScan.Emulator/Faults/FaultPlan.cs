using System.Text.Json.Serialization;

namespace ImageBuilderScan.Emulator;

/// <summary>What a fault does to a request it hits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>429 CallRateLimitExceededException.</summary>
    Throttle,
    /// <summary>500 ServiceException.</summary>
    ServiceError,
    /// <summary>503 ServiceUnavailableException.</summary>
    ServiceUnavailable,
    /// <summary>Any error code (<see cref="FaultPlan.ErrorCode"/>) with the model's status or <see cref="FaultPlan.StatusCode"/>.</summary>
    Error,
    /// <summary>Waits <see cref="FaultPlan.LatencyMs"/> before answering normally; combines with one other fault.</summary>
    Latency,
    /// <summary>Sends the headers (honest Content-Length) and half of the body, then aborts the connection.</summary>
    DropConnection,
    /// <summary>A complete HTTP response whose JSON is cut in half (Content-Length of the cut body, or chunked).</summary>
    TruncatedBody,
    /// <summary>200 with a body that is not JSON (<see cref="Malformation.NotJson"/>) or has wrong member types.</summary>
    MalformedBody,
    /// <summary>Answers with the request's own nextToken as the next token; applies only to requests that carry one.</summary>
    RepeatedNextToken,
    /// <summary>Aggregation counts that cannot be right (negative, or critical+high+medium above all); aggregations only.</summary>
    AbsurdCounts,
}

[JsonConverter(typeof(JsonStringEnumConverter<Malformation>))]
public enum Malformation { NotJson, WrongTypes }

[JsonConverter(typeof(JsonStringEnumConverter<Absurdity>))]
public enum Absurdity { Negative, PartsExceedAll }

/// <summary>Where an error fault puts its code (services vary; clients must read all of them).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorCodeStyle>))]
public enum ErrorCodeStyle
{
    /// <summary>x-amzn-ErrorType: Code, body {"message":...}.</summary>
    Header,
    /// <summary>x-amzn-ErrorType: Code:http://internal.amazon.com/coral/com.amazonaws.imagebuilder/.</summary>
    HeaderWithSuffix,
    /// <summary>No header; body {"__type":"com.amazonaws.imagebuilder#Code","message":...}.</summary>
    BodyType,
    /// <summary>No header; body {"code":"Code","message":...}.</summary>
    BodyCode,
}

/// <summary>
/// One bounded fault. It counts the requests it matches (its operation and region; null matches all) from the moment it is
/// installed; it first fires on matching request number <see cref="OnRequest"/>, then every <see cref="EveryNth"/>
/// matching request after that, at most <see cref="MaxCount"/> times, and then is spent. A fault that does not apply
/// to a request (a repeated token without a request token, absurd counts on findings) waits for the next one.
/// Only authenticated, valid API requests are counted; control requests never are.
/// Examples: burst of K 429s: {Kind=Throttle, MaxCount=K}; every 5th request: {OnRequest=5, EveryNth=5, MaxCount=1000};
/// the 3rd aggregation page: {Operation=ListImageScanFindingAggregations, OnRequest=3}.
/// </summary>
public sealed record FaultPlan
{
    public FaultKind Kind { get; init; }

    /// <summary>Null: every operation.</summary>
    public EmulatorOperation? Operation { get; init; }

    /// <summary>Only requests signed for this region (the credential scope's); null: every region.</summary>
    public string? Region { get; init; }

    public int OnRequest { get; init; } = 1;
    public int EveryNth { get; init; } = 1;
    public int MaxCount { get; init; } = 1;

    /// <summary>For <see cref="FaultKind.Latency"/>.</summary>
    public int LatencyMs { get; init; }

    /// <summary>For <see cref="FaultKind.TruncatedBody"/>: chunked transfer instead of a Content-Length.</summary>
    public bool Chunked { get; init; }

    public Malformation Malformation { get; init; }
    public Absurdity Absurdity { get; init; }

    /// <summary>For <see cref="FaultKind.Error"/>: the error code (any string; the model's codes get their status).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For <see cref="FaultKind.Error"/>: overrides the status.</summary>
    public int? StatusCode { get; init; }

    public string? Message { get; init; }
    public ErrorCodeStyle ErrorCodeStyle { get; init; }

    internal void Validate()
    {
        if (OnRequest < 1 || EveryNth < 1 || MaxCount < 1)
        {
            throw new ArgumentException("onRequest, everyNth and maxCount must be at least 1.");
        }
        if (Kind == FaultKind.Latency && LatencyMs is < 0 or > 600_000)
        {
            throw new ArgumentException("latencyMs must be between 0 and 600000.");
        }
        if (Kind == FaultKind.Error && string.IsNullOrWhiteSpace(ErrorCode))
        {
            throw new ArgumentException("An Error fault needs errorCode.");
        }
    }
}

/// <summary>A fault as installed: its id, and how many matching requests it has seen and fired on.</summary>
public sealed record FaultStatus(int Id, FaultPlan Plan, int Seen, int Fired)
{
    public bool Spent => Fired >= Plan.MaxCount;
}
