using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine;
using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Fleet;
using ImageBuilderScan.Engine.Queries;

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
            if (NextToken is not null || NoAutoPage.IsPresent || NextTokenVariable is not null)
            {
                var parameter = NextToken is not null ? "NextToken" : NoAutoPage.IsPresent ? "NoAutoPage" : "NextTokenVariable";
                throw new ScanInputException(parameter, null, "one region and one account with -NextToken, -NoAutoPage and -NextTokenVariable",
                    $"the command fans out over {targets.Count} targets, and a page token belongs to one listing of one of them.");
            }

            query = QueryValidator.Validate(build());
        }
        catch (ImageBuilderScanException error)
        {
            ReportFailure(error, targetObject);
            return;
        }

        var summaries = new List<TargetSummary>();
        var runner = new FleetRunner(ThrottleLimit, Log);
        Stream(() => runner.RunAsync(targets, (client, ct) => pages(client, query, ct), StopToken), targetObject, e =>
        {
            switch (e.Kind)
            {
                case FleetEventKind.Page:
                    WritePage(e.Page!, keep, expand);
                    break;
                case FleetEventKind.Failed:
                    summaries.Add(e.Summary!);
                    ReportFailure(new FleetTargetException(e.Target, e.Error!), targetObject);
                    break;
                default:
                    summaries.Add(e.Summary!);
                    break;
            }
        });
        foreach (var summary in summaries.OrderBy(s => s.Target.Label, StringComparer.Ordinal)) WriteDetail(summary.ToString());
        WriteDetail($"{summaries.Sum(s => s.Items)} {itemsName} from {summaries.Count(s => s.Outcome == "completed")} of {targets.Count} targets.");
    }
}
