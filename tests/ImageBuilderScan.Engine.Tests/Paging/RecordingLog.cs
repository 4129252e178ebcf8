using System.Collections.Concurrent;
using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Engine.Tests.Paging;

internal sealed class RecordingLog : IScanLog
{
    public ConcurrentQueue<string> VerboseLines { get; } = new();
    public void Verbose(string message) => VerboseLines.Enqueue(message);
    public void Debug(string message) { }
    public void Warning(string message) { }
}

internal static class TestClients
{
    /// <summary>A client over the fake whose region was not given: a query's ARNs of any region go to the same fake.</summary>
    public static ImageBuilderScanClient Over(FakeScanApi api, RecordingLog? log = null) =>
        new(api, new Connection.ScanConnectionInfo("us-east-1", "http://fake.invalid", "test", 1) { RegionSource = "test" }, log, _ => api);

    /// <summary>Enumerates with a generous bound so a broken test fails instead of hanging.</summary>
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source, List<T>? into = null)
    {
        into ??= [];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var item in source.WithCancellation(bound.Token)) into.Add(item);
        return into;
    }

    public static string Pipeline(int i) => $"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/pipeline-{i:D2}";
}
