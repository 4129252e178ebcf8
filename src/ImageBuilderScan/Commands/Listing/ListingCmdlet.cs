using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Diagnostics;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Engine.Fleet;

namespace ImageBuilderScan.Commands;

/// <summary>
/// A command that lists pages of one operation: the paging parameters and the one page-listing
/// path for both paging modes (every page, or the first with -NoAutoPage).
/// </summary>
/// <remarks>
/// A partial of three parts, one purpose each, so each reads in one sitting: this file lists one target's pages and
/// keeps the resume token; ListingCmdlet.Fleet.cs runs the same listing over several regions and accounts;
/// ListingCmdlet.Piped.cs turns piped objects into the keys they ask for and lists each once, in input order. All three write through
/// the cmdlet (pages, errors, -NextTokenVariable), which is why they are parts of it and not helpers that take it.
/// </remarks>
public abstract partial class ListingCmdlet : AwsCmdlet
{
    /// <summary>Resume from a token printed by a failed run or stored by -NextTokenVariable.</summary>
    [Parameter, ValidateLength(1, 65535)]
    public string? NextToken { get; set; }

    /// <summary>Return one page only; its next token goes to -NextTokenVariable. NoAutoIteration is AWS Tools' name.</summary>
    [Parameter]
    [Alias("NoAutoIteration")]
    public SwitchParameter NoAutoPage { get; set; }

    /// <summary>
    /// The name of a variable (in the caller's scope, without '$') that receives the token of the next
    /// page after each input: the page's token with -NoAutoPage, $null when everything was listed,
    /// the resume token when a listing failed part way, and after a stop (Ctrl+C, Select-Object -First)
    /// the token that lists every item not yet written: that of the page being written (a resume
    /// may repeat the part of that page already written, never skips one), or of the next page when
    /// the stop came between pages; an empty string when the stop came during the first page of a
    /// listing, which has no token: run the command again from the start.
    /// </summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? NextTokenVariable { get; set; }

    /// <summary>
    /// Lists the pages of the query <paramref name="build"/> returns (with this command's -NextToken and
    /// -NoAutoPage), writing the items of each page as it arrives, then sets -NextTokenVariable. Pages,
    /// not items, cross from the thread pool to the pipeline thread (one hand-over per page). The
    /// second page is asked for only after the first was written, so a downstream stop within the
    /// first page (Select-Object -First 10) sends no other request; from the second page on, the next
    /// page is fetched while this one is written (a stop cancels that one request in flight), so the
    /// request and its parsing overlap PowerShell's per-object work. A query that cannot be built or is
    /// refused is an error for this input. <paramref name="expand"/> turns a kept item into the rows written (-ExpandPackage).
    /// </summary>
    /// <remarks>Not generic over the query type: PowerShell loads every exported type before the
    /// engine resolves, and a type whose method constrains a type parameter to an engine type does
    /// not load then.</remarks>
    private protected void ListPages<T>(Func<ListingQuery> build, Func<ImageBuilderScanClient, ListingQuery, CancellationToken, IAsyncEnumerable<ScanPage<T>>> pages,
        object? targetObject, string itemsName, Func<T, bool>? keep = null, Func<T, IEnumerable<T>>? expand = null)
    {
        if (Fleet is { } targets)
        {
            ListFleet(targets, build, pages, targetObject, itemsName, keep, expand);
            return;
        }

        ScanPage<T>? last = null;
        var lastWritten = false;
        var progress = new ListingProgress(ProgressWanted(), MyInvocation.MyCommand?.Name ?? itemsName, itemsName, ShowProgressRecord);
        var trace = ScanTrace.Enabled;
        ScanErrorDescription? failure;
        try
        {
            failure = Stream(() => pages(Client, build() with { NextToken = NextToken, FirstPageOnly = NoAutoPage.IsPresent }, StopToken), targetObject, page =>
            {
                if (trace && last is null) ScanTrace.Mark($"listing: first page on the pipeline thread ({page.Items.Count} item(s))");
                (last, lastWritten) = (page, false);
                WritePage(page, keep, expand);

                lastWritten = true;
                progress.Page(page.Items.Count, page.FilterName, page.FilterValues);
            }, readAhead: true);
        }
        catch (PipelineStoppedException)
        {
            // Select-Object -First (from WriteObject) or Ctrl+C (from the pump): the listing ends here, unfinished.
            SetNextToken(StoppedAt(last, lastWritten));
            throw;
        }
        finally
        {
            // Success, failure or stop (PipelineStoppedException passes through here).
            progress.Complete();
            if (trace) ScanTrace.Mark("listing: ended");
        }

        if (failure is not null) return;
        if (NoAutoPage.IsPresent && last is not null)
        {
            WriteDetail($"Page of {last.Items.Count} {itemsName}; {(last.NextToken is null ? "no more pages" : "more pages: resume with -NextToken")}.");
        }

        SetNextToken(NoAutoPage.IsPresent ? last?.NextToken : null);
    }

    /// <summary>
    /// Writes a page's items, kept and expanded, each under its stable type name with the target that
    /// produced it (<see cref="AwsCmdlet.WriteResult"/>); in a fan-out, an item another target already wrote
    /// the same is left out (<see cref="KeepFromTarget"/>).
    /// </summary>
    private void WritePage<T>(ScanPage<T> page, Func<T, bool>? keep, Func<T, IEnumerable<T>>? expand, FleetTarget? target = null)
    {
        foreach (var item in page.Items)
        {
            if (item is null || (keep is not null && !keep(item))) continue;
            if (target is not null && !KeepFromTarget(target, item)) continue;
            Written();
            if (expand is null) WriteResult(item, target);
            else foreach (var row in expand(item)) WriteResult(row!, target);
        }
    }

    /// <summary>
    /// Whether a fan-out writes <paramref name="item"/> from <paramref name="target"/>: an item another target returned
    /// alike is written once (said in -Verbose), one it returned otherwise is written and warned about (<see cref="FleetOverlap{T}"/>).
    /// </summary>
    private bool KeepFromTarget(FleetTarget target, object item)
    {
        var verdict = (_overlap ??= NewOverlap()).Check(target, item, out var message);
        if (verdict == OverlapVerdict.Same) WriteDetail(message!);
        else if (verdict == OverlapVerdict.Differs) Warn(message!);
        return verdict != OverlapVerdict.Same;
    }

    private IFleetOverlap? _overlap;

    /// <summary>The command's overlap check over the items several targets can return alike (an administrator's role and a member's).</summary>
    private protected abstract IFleetOverlap NewOverlap();

    /// <summary>
    /// The token from which a resume lists every item not yet written: the request token of a page cut
    /// short (its written part comes again), the next token of a page written whole. "" when there is
    /// none (the first page of a chain, or the chain's last page written whole and more values may
    /// follow), never null: null means complete.
    /// </summary>
    private string StoppedAt<T>(ScanPage<T>? page, bool written)
    {
        if (page is null) return NextToken ?? "";
        if (!written) return page.RequestToken ?? "";
        return page.NextToken ?? "";
    }

    private protected override void OnFailureReported(ScanErrorDescription description) => SetNextToken(description.ResumeToken);

    /// <summary>Sets -NextTokenVariable in the caller's scope, when the caller named one.</summary>
    private void SetNextToken(string? token)
    {
        if (NextTokenVariable is { } name) SessionState.PSVariable.Set(name, token);
    }
}
