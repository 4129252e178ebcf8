using ImageBuilderScan.Emulator;

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
internal sealed record FaultCase(string Name, Expect Expect, bool AggregationsOnly, Func<EmulatorOperation, int, FaultPlan> Plan)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every fault kind of the emulator, in the shapes that matter: bursts shorter than the attempts (retried away)
/// and longer (a typed error), every way a body can break, bad tokens and bad counts. Matrix and soak draw from it.
/// Clients use <see cref="MaxAttempts"/> attempts and a <see cref="RequestTimeout"/> below <see cref="LatencyMs"/>.
/// </summary>
internal static class FaultCatalogue
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    public const int LatencyMs = 3000;

    public static readonly IReadOnlyList<FaultCase> All =
    [
        new("throttle burst 2", Expect.Completes, false, (op, n) => Plan(FaultKind.Throttle, op, n, max: MaxAttempts - 1)),
        new("throttle burst past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.Throttle, op, n, max: MaxAttempts + 1)),
        new("500 once", Expect.Completes, false, (op, n) => Plan(FaultKind.ServiceError, op, n)),
        new("500 past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.ServiceError, op, n, max: MaxAttempts)),
        new("503 once", Expect.Completes, false, (op, n) => Plan(FaultKind.ServiceUnavailable, op, n)),
        new("503 past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.ServiceUnavailable, op, n, max: MaxAttempts)),
        new("latency past timeout", Expect.Either, false, (op, n) => Plan(FaultKind.Latency, op, n) with { LatencyMs = LatencyMs }),
        new("connection dropped mid-body", Expect.Either, false, (op, n) => Plan(FaultKind.DropConnection, op, n)),
        new("connection dropped past attempts", Expect.Fails, false, (op, n) => Plan(FaultKind.DropConnection, op, n, max: MaxAttempts)),
        new("truncated body", Expect.Either, false, (op, n) => Plan(FaultKind.TruncatedBody, op, n)),
        new("truncated chunked body", Expect.Either, false, (op, n) => Plan(FaultKind.TruncatedBody, op, n) with { Chunked = true }),
        new("body not JSON", Expect.Either, false, (op, n) => Plan(FaultKind.MalformedBody, op, n) with { Malformation = Malformation.NotJson }),
        new("body with wrong types", Expect.Either, false, (op, n) => Plan(FaultKind.MalformedBody, op, n) with { Malformation = Malformation.WrongTypes }),
        new("repeated next token", Expect.Fails, false, (op, n) => Plan(FaultKind.RepeatedNextToken, op, n)),
        new("invalid token", Expect.Fails, false, (op, n) => Plan(FaultKind.Error, op, n) with { ErrorCode = "InvalidPaginationTokenException" }),
        new("negative counts", Expect.Fails, true, (op, n) => Plan(FaultKind.AbsurdCounts, op, n) with { Absurdity = Absurdity.Negative }),
        new("parts exceed all", Expect.Fails, true, (op, n) => Plan(FaultKind.AbsurdCounts, op, n) with { Absurdity = Absurdity.PartsExceedAll }),
    ];

    public static FaultCase Named(string name) => All.Single(f => f.Name == name);

    private static FaultPlan Plan(FaultKind kind, EmulatorOperation op, int onRequest, int max = 1) =>
        new() { Kind = kind, Operation = op, OnRequest = onRequest, MaxCount = max };
}
