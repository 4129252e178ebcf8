using System.Collections.Concurrent;
using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>Keeps every line the engine logs, at every level, so tests can search them for secrets and warnings.</summary>
public sealed class CapturingLog : IScanLog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);
    public void Debug(string message) => Lines.Enqueue("DEBUG: " + message);
    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);
}
