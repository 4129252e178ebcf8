namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>Engine clients over a <see cref="FakeTransport"/>, for the tests that need no server.</summary>
internal static class TestClients
{
    /// <summary>A client over the fake whose region was not given: a query's ARNs of any region go to the same fake.</summary>
    /// <param name="concurrency">Request chains of one listing at once (1: one request after another).</param>
    public static ImageBuilderScanClient Over(FakeTransport api, RecordingLog? log = null, int concurrency = 1) =>
        new(api, new Client.Connection.ScanConnectionInfo("us-east-1", "http://fake.invalid", "test", 1) { RegionSource = "test" }, log, _ => api)
        {
            Concurrency = concurrency,
        };

    public static string Pipeline(int i) => $"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/pipeline-{i:D2}";
}
