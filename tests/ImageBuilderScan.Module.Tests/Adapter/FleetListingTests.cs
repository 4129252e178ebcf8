using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>A listing's fan-out in the module's terms (FleetListing): refused paging parameters and the closing -Verbose lines.</summary>
public sealed class FleetListingTests
{
    [Fact]
    public void No_paging_parameter_is_no_refusal() =>
        Assert.Null(FleetListing.PagingRefusal(3, nextToken: null, noAutoPage: false, nextTokenVariable: null));

    [Theory]
    [InlineData("t", true, "v", "NextToken")]
    [InlineData(null, true, "v", "NoAutoPage")]
    [InlineData(null, false, "v", "NextTokenVariable")]
    public void A_paging_parameter_is_refused_naming_the_first_given(string? token, bool noAutoPage, string? variable, string parameter)
    {
        var refusal = FleetListing.PagingRefusal(2, token, noAutoPage, variable);

        Assert.NotNull(refusal);
        Assert.Equal(parameter, refusal.ParameterName);
        Assert.Null(refusal.Value);
        Assert.Equal(ScanErrorCategory.InvalidArgument, refusal.Category);
        Assert.Equal($"{parameter}: the command fans out over 2 targets, and a page token belongs to one listing of one of them. " +
            "Expected one region and one account with -NextToken, -NoAutoPage and -NextTokenVariable.", refusal.Message);
    }

    [Fact]
    public void Verbose_lines_are_one_per_target_by_label_then_the_items_of_all_and_the_targets_completed()
    {
        var ended = new FleetListing();
        ended.Ended(Summary("us-west-2", 5, "failed: Throttled"), completed: false);
        ended.Ended(Summary("eu-west-1", 2, "completed"), completed: true);
        ended.Ended(Summary("ap-south-1", 1, "completed"), completed: true);

        Assert.Equal(
        [
            "ap-south-1: 1 item(s), 1 page(s), 0 retries, 0.00 s, completed.",
            "eu-west-1: 2 item(s), 1 page(s), 0 retries, 0.00 s, completed.",
            "us-west-2: 5 item(s), 1 page(s), 0 retries, 0.00 s, failed: Throttled.",
            "8 aggregation(s) from 2 of 4 targets.",
        ], ended.VerboseLines(4, "aggregation(s)"));
    }

    [Fact]
    public void Verbose_lines_of_no_ended_target_are_the_total_alone() =>
        Assert.Equal(["0 finding(s) from 0 of 2 targets."], new FleetListing().VerboseLines(2, "finding(s)"));

    private static TargetSummary Summary(string region, long items, string outcome) =>
        new(new FleetTarget(region, null, null, new ScanClientOptions { Region = region }), items, 1, 0, TimeSpan.Zero, outcome);
}
