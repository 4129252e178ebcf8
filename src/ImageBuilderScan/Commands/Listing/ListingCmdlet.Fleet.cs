using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Fleet;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Commands;

/// <summary>
/// The fan-out of a listing over several regions and accounts: the query is checked once, every
/// target runs it (at most -ThrottleLimit at once), items stream as they arrive (one target's pages
/// in order, targets interleaved), a target that fails writes one error naming its region and
/// account (with its resume token) while the others finish, and -Verbose ends with a line per target.
/// </summary>
public abstract partial class ListingCmdlet
{
    private void ListFleet<T>(IReadOnlyList<FleetTarget> targets, Func<ListingQuery> build,
        Func<ImageBuilderScanClient, ListingQuery, CancellationToken, IAsyncEnumerable<ScanPage<T>>> pages,
        object? targetObject, string itemsName, Func<T, bool>? keep, Func<T, IEnumerable<T>>? expand)
    {
        ListingQuery query;
        try
        {
            // A token or a single page belongs to one listing of one target.
            if (FleetListing.PagingRefusal(targets.Count, NextToken, NoAutoPage.IsPresent, NextTokenVariable) is { } refusal) throw refusal;
            query = QueryValidator.Validate(build());
        }
        catch (ImageBuilderScanException error)
        {
            ReportFailure(error, targetObject);
            return;
        }

        var ended = new FleetListing();
        var runner = new FleetRunner(ThrottleLimit, Log);
        Stream(() => runner.RunAsync(targets, (client, ct) => pages(client, query, ct), StopToken), targetObject, e =>
        {
            switch (e.Kind)
            {
                case FleetEventKind.Page:
                    WritePage(e.Page!, keep, expand, e.Target);
                    break;
                case FleetEventKind.Failed:
                    ended.Ended(e.Summary!, completed: false);
                    ReportFailure(new FleetTargetException(e.Target, e.Error!), targetObject);
                    break;
                default:
                    ended.Ended(e.Summary!, completed: true);
                    break;
            }
        });
        foreach (var line in ended.VerboseLines(targets.Count, itemsName)) WriteDetail(line);
    }
}
