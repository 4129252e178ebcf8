namespace ImageBuilderScan.Client.Connection;

/// <summary>What an <see cref="IScanLog"/> line is.</summary>
public enum ScanLogLevel
{
    Verbose,
    Debug,
    Warning,
}

/// <summary>
/// An <see cref="IScanLog"/> over one callback. The module uses it instead of implementing
/// <see cref="IScanLog"/> itself: PowerShell loads every type of a binary module's assembly before
/// the module's resolver is hooked, so no type there may derive from, or implement, an engine type.
/// </summary>
public sealed class ScanLog(Action<ScanLogLevel, string> write) : IScanLog
{
    public void Verbose(string message) => write(ScanLogLevel.Verbose, message);
    public void Debug(string message) => write(ScanLogLevel.Debug, message);
    public void Warning(string message) => write(ScanLogLevel.Warning, message);
}
