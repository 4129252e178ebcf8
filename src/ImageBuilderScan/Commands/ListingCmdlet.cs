using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// A command that lists pages of one operation: the paging parameters and the one page-listing
/// path for both paging modes (every page, or the first with -NoAutoPage).
/// </summary>
public abstract class ListingCmdlet : AwsCmdlet
{
    /// <summary>Resume from a token printed by a failed run or stored by -NextTokenVariable.</summary>
    [Parameter]
    [ValidateLength(1, 65535)]
    public string? NextToken { get; set; }

    /// <summary>Return one page only; its next token goes to -NextTokenVariable. NoAutoIteration is AWS Tools' name.</summary>
    [Parameter]
    [Alias("NoAutoIteration")]
    public SwitchParameter NoAutoPage { get; set; }

    /// <summary>
    /// The name of a variable (in the caller's scope, without '$') that receives the token of the next
    /// page after each input: the page's token with -NoAutoPage, $null when everything was listed,
    /// the resume token when a listing failed part way.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NextTokenVariable { get; set; }

    /// <summary>
    /// Lists the pages of the query <paramref name="build"/> returns (with this command's -NextToken and
    /// -NoAutoPage), writing the items of each page as it arrives, then sets -NextTokenVariable. Pages,
    /// not items, cross from the thread pool to the pipeline thread (one hand-over per page); a
    /// downstream stop (Select-Object -First) still ends the listing before the next request, since
    /// the next page is asked for only after this one was written. A query that cannot be built or is
    /// refused is an error for this input. <paramref name="expand"/> turns a kept item into the rows written (-ExpandPackage).
    /// </summary>
    /// <remarks>Not generic over the query type: PowerShell loads every exported type before the
    /// engine resolves, and a type whose method constrains a type parameter to an engine type does
    /// not load then.</remarks>
    private protected void ListPages<T>(Func<ListingQuery> build, Func<ListingQuery, IAsyncEnumerable<ScanPage<T>>> pages,
        object? targetObject, string itemsName, Func<T, bool>? keep = null, Func<T, IEnumerable<T>>? expand = null)
    {
        ScanPage<T>? last = null;
        var failure = Stream(() => pages(build() with { NextToken = NextToken, FirstPageOnly = NoAutoPage.IsPresent }), targetObject, page =>
        {
            last = page;
            foreach (var item in page.Items)
            {
                if (keep is not null && !keep(item)) continue;
                if (expand is null) WriteObject(item);
                else foreach (var row in expand(item)) WriteObject(row);
            }
        });
        if (failure is not null) return;
        if (NoAutoPage.IsPresent && last is not null)
        {
            WriteVerbose($"Page of {last.Items.Count} {itemsName}; {(last.NextToken is null ? "no more pages" : "more pages: resume with -NextToken")}.");
        }

        SetNextToken(NoAutoPage.IsPresent ? last?.NextToken : null);
    }

    private protected override void OnFailureReported(ScanErrorDescription description) => SetNextToken(description.ResumeToken);

    /// <summary>Sets -NextTokenVariable in the caller's scope, when the caller named one.</summary>
    private void SetNextToken(string? token)
    {
        if (NextTokenVariable is { } name) SessionState.PSVariable.Set(name, token);
    }
}
