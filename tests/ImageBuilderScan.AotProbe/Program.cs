using System.Diagnostics;
using System.Globalization;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;

// ImageBuilderScan.AotProbe <endpoint> <expected count>
// Five full aggregation listings in one process, as the pwsh section's listing script does them, and
// the same name=value lines: the first, the second (warm) and the fifth. The keys and the region come
// from the environment, as for the module. Exits non-zero when a listing sees another count.
if (args is not [var endpoint, var expectedText]) { Console.Error.WriteLine("usage: ImageBuilderScan.AotProbe <endpoint> <expected count>"); return 2; }
var expected = long.Parse(expectedText, CultureInfo.InvariantCulture);
var process = Stopwatch.StartNew();
using var client = ImageBuilderScanClient.Create(new ScanClientOptions { EndpointUrl = endpoint });
var times = new double[5];
for (var i = 0; i < times.Length; i++)
{
    var clock = Stopwatch.StartNew();
    long seen = 0;
    await foreach (var page in client.GetAggregationsAsync(new AggregationQuery()).Pages)
        seen += page.Items.Count;
    times[i] = clock.Elapsed.TotalMilliseconds;
    if (seen != expected) { Console.Error.WriteLine($"listing {i + 1}: expected {expected} items, got {seen}"); return 1; }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first_ms={times[0]}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm_ms={times[1]}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settled_ms={times[4]}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process_ms={process.Elapsed.TotalMilliseconds}"));
return 0;
