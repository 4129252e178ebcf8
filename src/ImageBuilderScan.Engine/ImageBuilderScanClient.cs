using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;
using ImageBuilderScan.Engine.Sdk;

namespace ImageBuilderScan.Engine;

/// <summary>
/// The engine's front door: validates a query before anything is sent, then pages through the
/// service, yielding each item as its page arrives.
/// </summary>
public sealed class ImageBuilderScanClient : IDisposable
{
    private readonly IImageBuilderScanApi _api;

    internal ImageBuilderScanClient(IImageBuilderScanApi api, ScanConnectionInfo connection, IScanLog? log)
    {
        _api = api;
        Connection = connection;
        Log = log;
    }

    /// <summary>Resolves region, credentials and endpoint now; throws <see cref="Errors.ScanConfigurationException"/> when none can work.</summary>
    public static ImageBuilderScanClient Create(ScanClientOptions options)
    {
        var api = ImageBuilderScanApiFactory.Create(options, out var connection);
        return new ImageBuilderScanClient(api, connection, options.Log);
    }

    public ScanConnectionInfo Connection { get; }

    internal IScanLog? Log { get; }

    public IAsyncEnumerable<ScanPage<ScanFindingAggregation>> GetAggregationPagesAsync(AggregationQuery query, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public IAsyncEnumerable<ScanFindingAggregation> GetAggregationsAsync(AggregationQuery query, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public IAsyncEnumerable<ScanPage<ScanFinding>> GetFindingPagesAsync(FindingQuery query, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public IAsyncEnumerable<ScanFinding> GetFindingsAsync(FindingQuery query, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public void Dispose() => _api.Dispose();
}
