namespace ImageBuilderScan.Engine.Connection;

/// <summary>What a client resolved to, for verbose output. Holds no secret.</summary>
/// <param name="Region">The region requests are signed for.</param>
/// <param name="Endpoint">The endpoint requests go to.</param>
/// <param name="CredentialSource">Where the credentials came from, e.g. <c>profile 'dev'</c>.</param>
/// <param name="MaxAttempts">Attempts per request, first try included.</param>
public sealed record ScanConnectionInfo(string Region, string Endpoint, string CredentialSource, int MaxAttempts);
