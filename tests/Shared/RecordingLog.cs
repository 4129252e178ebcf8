using System.Collections.Concurrent;
using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// Keeps every line the engine logs, at every level and from any thread, prefixed with its level,
/// so tests can look for retries and warnings and search everything for secrets. Linked into each
/// test project that needs it.
/// </summary>
public sealed class RecordingLog : IScanLog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);
    public void Debug(string message) => Lines.Enqueue("DEBUG: " + message);
    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);

    /// <summary>The verbose messages alone, without their prefix, oldest first.</summary>
    public IReadOnlyList<string> VerboseLines => Lines.Where(l => l.StartsWith("VERBOSE: ", StringComparison.Ordinal)).Select(l => l["VERBOSE: ".Length..]).ToList();
}
