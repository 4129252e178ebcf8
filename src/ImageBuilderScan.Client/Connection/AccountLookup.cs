namespace ImageBuilderScan.Client.Connection;

/// <summary>
/// A profile's account for a fan-out: its targets' vulnerability aggregations name no account, and a profile
/// names none either, so it is asked of STS (GetCallerIdentity) at most once for every target of the profile,
/// and only once a listing has an answer that needs it. A failure is warned about once and answers null: the
/// items then carry no account, never a guessed one.
/// </summary>
public sealed class AccountLookup(string profile)
{
    private readonly object _gate = new();
    private Task<string?>? _answer;

    public string Profile => profile;

    /// <param name="ask">Asks STS with the asking target's credentials (the profile's own).</param>
    public Task<string?> GetAsync(Func<CancellationToken, Task<string>> ask, IScanLog? log, CancellationToken cancellationToken)
    {
        lock (_gate) return _answer ??= AskAsync(ask, log, cancellationToken);
    }

    private async Task<string?> AskAsync(Func<CancellationToken, Task<string>> ask, IScanLog? log, CancellationToken cancellationToken)
    {
        try
        {
            return await ask(cancellationToken).ConfigureAwait(false);
        }
        catch (ImageBuilderScanException e)
        {
            log?.Warning($"The account of profile '{profile}' could not be learned from STS GetCallerIdentity ({e.Message}); " +
                "its vulnerability aggregations carry no AccountId.");
            return null;
        }
    }
}
