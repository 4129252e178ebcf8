namespace ImageBuilderScan.Client.Connection;

/// <summary>
/// Where the engine reports what it did (region, endpoint, credential source, pages, retries).
/// The module forwards these to PowerShell's verbose, debug and warning streams. Never given a secret.
/// </summary>
public interface IScanLog
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);

    /// <summary>A verbose line saying a request is sent again; a log that counts retries (a fan-out target's) overrides it.</summary>
    void Retrying(string message) => Verbose(message);
}
