
namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>What a run under a fault must end in.</summary>
internal enum Expect
{
    /// <summary>Retries absorb the fault: every item, no error.</summary>
    Completes,
    /// <summary>The fault outlasts the attempts or cannot be retried: at least one typed error, then resume.</summary>
    Fails,
    /// <summary>The SDK may or may not retry it; either outcome is fine as long as it is exactly once.</summary>
    Either,
}

/// <summary>One fault the emulator can inject, placed at a given matching request of one operation.</summary>
internal sealed record FaultCase(string Group, string Name, Expect Expect, bool AggregationsOnly, Func<EmulatorOperation, int, FaultPlan> Plan)
{
    /// <summary>Per-request timeout for the client: short only where the fault is about time, generous elsewhere (noisy machine).</summary>
    public TimeSpan Timeout => Name.StartsWith("latency", StringComparison.Ordinal) ? FaultCatalogue.RequestTimeout : TimeSpan.FromSeconds(20);

    public override string ToString() => Name;
}

/// <summary>
/// Every fault kind of the emulator, in the shapes that matter: bursts shorter than the attempts (retried away)
/// and longer (a typed error), every way a body can break, bad tokens and bad counts. Matrix and soak draw from it.
/// Clients use <see cref="MaxAttempts"/> attempts; under latency, a <see cref="RequestTimeout"/> below <see cref="LatencyMs"/>.
/// </summary>
internal static class FaultCatalogue
{
    public const int MaxAttempts = 2;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    public const int LatencyMs = 3000;

    public static readonly IReadOnlyList<FaultCase> All =
    [
        new("Throttling", "throttle burst within attempts", Expect.Completes, false, (op, n) => Plan(FaultKind.Throttle, op, n, max: MaxAttempts - 1)),
        new("Throttling", "throttle burst past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.Throttle, op, n, max: MaxAttempts)),
        new("ServerErrors", "500 once", Expect.Completes, false, (op, n) => Plan(FaultKind.ServiceError, op, n)),
        new("ServerErrors", "500 past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.ServiceError, op, n, max: MaxAttempts)),
        new("ServerErrors", "503 once", Expect.Completes, false, (op, n) => Plan(FaultKind.ServiceUnavailable, op, n)),
        new("ServerErrors", "503 past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.ServiceUnavailable, op, n, max: MaxAttempts)),
        new("Network", "latency past timeout", Expect.Either, false, (op, n) => Plan(FaultKind.Latency, op, n) with { LatencyMs = LatencyMs }),
        new("Network", "connection dropped mid-body", Expect.Either, false, (op, n) => Plan(FaultKind.DropConnection, op, n)),
        new("Network", "connection dropped past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.DropConnection, op, n, max: MaxAttempts)),
        new("Network", "truncated body", Expect.Either, false, (op, n) => Plan(FaultKind.TruncatedBody, op, n)),
        new("Network", "truncated chunked body", Expect.Either, false, (op, n) => Plan(FaultKind.TruncatedBody, op, n) with { Chunked = true }),
        new("Bodies", "body not JSON", Expect.Either, false, (op, n) => Plan(FaultKind.MalformedBody, op, n) with { Malformation = Malformation.NotJson }),
        new("Bodies", "body with wrong types", Expect.Either, false, (op, n) => Plan(FaultKind.MalformedBody, op, n) with { Malformation = Malformation.WrongTypes }),
        new("Bodies", "repeated next token", Expect.Fails, false, (op, n) => Plan(FaultKind.RepeatedNextToken, op, n)),
        new("Bodies", "invalid token", Expect.Fails, false, (op, n) => Plan(FaultKind.Error, op, n) with { ErrorCode = "InvalidPaginationTokenException" }),
        new("Bodies", "negative counts", Expect.Fails, true, (op, n) => Plan(FaultKind.AbsurdCounts, op, n) with { Absurdity = Absurdity.Negative }),
        new("Bodies", "parts exceed all", Expect.Fails, true, (op, n) => Plan(FaultKind.AbsurdCounts, op, n) with { Absurdity = Absurdity.PartsExceedAll }),
    ];

    public static FaultCase Named(string name) => All.Single(f => f.Name == name);

    private static FaultPlan Plan(FaultKind kind, EmulatorOperation op, int onRequest, int max = 1) =>
        new() { Kind = kind, Operation = op, OnRequest = onRequest, MaxCount = max };
}
