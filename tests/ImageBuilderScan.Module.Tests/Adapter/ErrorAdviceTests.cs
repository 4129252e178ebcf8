using ImageBuilderScan.Adapter;
using ImageBuilderScan.Emulator;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>
/// The advice of an error record is a step that can work (issue 13, point 9): a refused token is never
/// recommended back nor stored for -NextTokenVariable, a refused request is not "asked again", an unreachable
/// endpoint is named, and a long resume token is not printed whole but kept whole for -NextTokenVariable.
/// </summary>
public sealed class ErrorAdviceTests
{
    private static async Task<ImageBuilderScanException> Failure(EmulatorServer server, AggregationQuery query, int maxAttempts = 1, string? endpoint = null)
    {
        var options = TestClientOptions.For(server, "us-east-1", maxAttempts: maxAttempts);
        using var client = ImageBuilderScanClient.Create(endpoint is null ? options : options with { EndpointUrl = endpoint });
        return await Assert.ThrowsAnyAsync<ImageBuilderScanException>(async () =>
        {
            await foreach (var _ in client.GetAggregationsAsync(query)) { }
        });
    }

    [Fact]
    public async Task A_refused_token_is_neither_recommended_back_nor_stored()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var error = await Failure(server, new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["111122223333"], NextToken = "bogus" });
        var d = ScanErrorDescription.From(Assert.IsType<InvalidPaginationTokenException>(error));
        Assert.Equal("bogus", error.Resume?.NextToken); // the engine still says which request failed
        Assert.Null(d.ResumeToken);
        Assert.DoesNotContain("bogus", d.RecommendedAction);
        Assert.Equal("The token is not one this listing can continue from (from another listing, altered, or expired): " +
            "list again for 111122223333 without -NextToken.", d.RecommendedAction);
    }

    [Fact]
    public async Task A_request_the_service_refused_is_not_asked_again()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var error = await Failure(server, new AggregationQuery { FilterName = "foo", Values = ["bar"], ValuesParameterName = QueryValidator.EscapeHatchParameterName });
        Assert.NotNull(error.Resume);
        var d = ScanErrorDescription.From(Assert.IsType<InvalidRequestException>(error));
        Assert.DoesNotContain("Ask again", d.RecommendedAction);
        Assert.Equal("Correct what the message names; the service refused the request itself, so asking again unchanged fails the same way.", d.RecommendedAction);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_named_before_asking_again()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var port = new Uri(server.BaseAddress.ToString()).Port;
        await server.DisposeAsync(); // nothing listens there any more
        var error = await Failure(server, new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["111122223333"] }, endpoint: $"http://127.0.0.1:{port}");
        var d = ScanErrorDescription.From(Assert.IsType<ScanNetworkException>(error));
        Assert.Equal($"Check that http://127.0.0.1:{port}/ is the right endpoint (-EndpointUrl, -Region) and reachable from here; then ask again for 111122223333.",
            d.RecommendedAction);
    }

    [Fact]
    public void A_short_resume_token_is_shown_whole_and_a_long_one_only_bounded()
    {
        Assert.Equal("Resume with -NextToken 'abc' for v1. Not yet asked: v2.", ErrorAdvice.Resume(new ResumePoint("f", ["v1"], "abc", ["v2"])));
        var token = new string('A', 30) + new string('m', 65_000) + new string('Z', 30);
        var advice = ErrorAdvice.Resume(new ResumePoint("f", ["v1"], token, []))!;
        Assert.True(advice.Length < 300, advice);
        Assert.Equal("Resume with the token stored by -NextTokenVariable for v1 (AAAAAAAAAAAAAAAAAAAAAAAA…ZZZZZZZZZZZZ (65060 characters); " +
            "also in the error's Exception.Resume.NextToken).", advice);
        Assert.Equal("Ask again for v1.", ErrorAdvice.Resume(new ResumePoint("f", ["v1"], null, [])));
    }

    [Fact]
    public void Region_errors_advise_the_region_to_give()
    {
        var one = ErrorAdvice.For(new ScanRegionException("m", ["eu-west-1"], "us-east-1"));
        Assert.Equal("Give -Region eu-west-1 for this ARN, or leave -Region out: an ARN's own region is then used.", one);
        // A given region that contradicts ARNs of two other regions: without it, each ARN is asked in its own.
        var two = ErrorAdvice.For(new ScanRegionException("m", ["eu-west-1", "ap-south-1"], "us-east-1"));
        Assert.Equal("Leave -Region out: each ARN is then asked in its own region (eu-west-1, ap-south-1).", two);
        Assert.False(ScanErrorDescription.From(new ScanRegionException("m", ["eu-west-1"], "us-east-1")).StopsCommand);
    }

    [Fact]
    public void An_account_drill_down_says_what_it_read_and_kept()
    {
        Assert.Equal("ListImageScanFindings has no account filter: read 34 finding(s) of every account the caller sees, kept 18 of account 111122223333.",
            DrillDown.AccountSummary("111122223333", 34, 18));
    }
}
