using System.Globalization;
using System.Management.Automation;

namespace ImageBuilderScan.FloorModule;

/// <summary>
/// <c>Get-FloorAggregation -Count N</c>: N account aggregations (the keys and counts of the emulator's
/// <c>--synthetic-keys</c>, one request id per 1000 items like a page), built and written one by one
/// on the pipeline thread. No I/O: what is left is the least any cmdlet emitting these objects costs.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FloorAggregation")]
[OutputType(typeof(FloorAggregation))]
public sealed class GetFloorAggregationCommand : PSCmdlet
{
    private const int PageSize = 1000;

    [Parameter(Mandatory = true)]
    [ValidateRange(0, int.MaxValue)]
    public int Count { get; set; }

    protected override void ProcessRecord()
    {
        string? requestId = null;
        for (var i = 0; i < Count; i++)
        {
            if (i % PageSize == 0) requestId = Guid.NewGuid().ToString();
            var key = (100_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var (critical, high, medium, all) = Counts(i);
            WriteObject(new FloorAggregation
            {
                Kind = FloorAggregationKind.Account,
                AggregationType = "accountId",
                Key = key,
                AccountId = key,
                Critical = critical,
                High = high,
                Medium = medium,
                All = all,
                RequestId = requestId,
            });
        }
    }

    // The emulator's SyntheticKeys.Counts, so the numbers look alike (they are not compared).
    private static (long Critical, long High, long Medium, long All) Counts(long index)
    {
        var h = (ulong)index * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        var critical = (long)(h % 4);
        var high = (long)((h >> 8) % 9);
        var medium = (long)((h >> 16) % 17);
        var rest = (long)((h >> 24) % 23);
        return (critical, high, medium, critical + high + medium + rest);
    }
}
