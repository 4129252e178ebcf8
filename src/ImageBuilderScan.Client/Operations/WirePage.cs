namespace ImageBuilderScan.Client.Operations;

/// <summary>One page as a listing operation's response carries it (the request's own context is added by the client).</summary>
internal sealed record WirePage<T>(IReadOnlyList<T> Items, string? RequestId, string? NextToken, string? AggregationType);
