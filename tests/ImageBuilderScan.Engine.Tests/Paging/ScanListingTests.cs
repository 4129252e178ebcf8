
namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>
/// One listing, two faces (<see cref="ScanListing{T}"/>): its items and its pages are the same answers, each
/// enumeration lists afresh, and a stop given either when the listing is asked for or when it is enumerated ends it (that no request follows a
/// stop is counted where it would arrive in StreamingAndCancellationTests).
/// </summary>
public sealed class ScanListingTests
{
    private static async Task<(EmulatorServer, ImageBuilderScanClient)> StartAsync()
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 7, FindingsPageSize = 2 });
        return (server, ImageBuilderScanClient.Create(TestClientOptions.For(server, "us-east-1")));
    }

    [Fact]
    public async Task Its_items_are_its_pages_items_in_order_and_each_enumeration_lists_afresh()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var listing = client.GetFindingsAsync(new FindingQuery());
        Assert.Equal(0, server.Requests.Total);

        var pages = new List<ScanPage<ScanFinding>>();
        await foreach (var page in listing.Pages) pages.Add(page);
        var sentForPages = server.Requests.Total;
        var items = await listing.ToListAsync();

        Assert.True(pages.Count > 1, "the sample must span several pages");
        Assert.Equal(pages.SelectMany(p => p.Items).Select(f => (f.VulnerabilityId, f.ImageBuildVersionArn, f.PackageName)),
            items.Select(f => (f.VulnerabilityId, f.ImageBuildVersionArn, f.PackageName)));
        Assert.Equal(2 * sentForPages, server.Requests.Total);
    }

    [Fact]
    public async Task A_stop_given_at_enumeration_or_when_asked_ends_it()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        using (var atEnumeration = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in client.GetFindingsAsync(new FindingQuery()).WithCancellation(atEnumeration.Token)) await atEnumeration.CancelAsync();
            });
        }

        using var whenAsked = new CancellationTokenSource();
        var listing = client.GetFindingsAsync(new FindingQuery(), whenAsked.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in listing.Pages) await whenAsked.CancelAsync();
        });
    }
}
