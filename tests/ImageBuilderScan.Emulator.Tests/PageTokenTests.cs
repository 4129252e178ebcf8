namespace ImageBuilderScan.Emulator.Tests;

public sealed class PageTokenTests
{
    /// <summary>An emulator of two aggregations a page, a caller, and the token of the first page; disposing it stops the emulator.</summary>
    private sealed record FirstPage(EmulatorServer Server, EmulatorCaller Caller, string Token) : IAsyncDisposable
    {
        public static async Task<FirstPage> ReadAsync()
        {
            var server = await TestData.Sample(pageSize: 2, filterMatchesAll: true);
            var caller = new EmulatorCaller(server);
            var reply = await caller.Aggregations(new { filter = new { name = "imageBuildVersionArn", values = new[] { "a" } } });
            return new FirstPage(server, caller, reply.NextToken!);
        }

        public async ValueTask DisposeAsync()
        {
            Caller.Dispose();
            await Server.DisposeAsync();
        }
    }

    public static TheoryData<string> Tampers => new() { "flip-first", "flip-middle", "flip-last", "truncate", "extend", "forged", "garbage" };

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Altered_or_forged_tokens_get_InvalidPaginationTokenException(string how)
    {
        await using var first = await FirstPage.ReadAsync();
        var (caller, token) = (first.Caller, first.Token);
        static char Flip(char c) => c == 'A' ? 'B' : 'A';
        var bad = how switch
        {
            "flip-first" => Flip(token[0]) + token[1..],
            "flip-middle" => token[..(token.Length / 2)] + Flip(token[token.Length / 2]) + token[(token.Length / 2 + 1)..],
            "flip-last" => token[..^1] + Flip(token[^1]),
            "truncate" => token[..^4],
            "extend" => token + "AAAA",
            "forged" => Convert.ToBase64String(new byte[58]).TrimEnd('='),
            _ => "not a token at all!",
        };
        Assert.NotEqual(token, bad);
        var reply = await caller.Aggregations(new { filter = new { name = "imageBuildVersionArn", values = new[] { "a" } }, nextToken = bad });
        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidPaginationTokenException", reply.ErrorType);
    }

    [Fact]
    public async Task A_token_is_valid_only_for_its_operation_filter_and_values()
    {
        await using var first = await FirstPage.ReadAsync();
        var (caller, token) = (first.Caller, first.Token);
        var ok = await caller.Aggregations(new { filter = new { name = "imageBuildVersionArn", values = new[] { "a" } }, nextToken = token });
        Assert.Equal(200, ok.Status);
        Reply[] foreign =
        [
            await caller.Aggregations(new { filter = new { name = "imageBuildVersionArn", values = new[] { "b" } }, nextToken = token }),
            await caller.Aggregations(new { filter = new { name = "imagePipelineArn", values = new[] { "a" } }, nextToken = token }),
            await caller.Aggregations(new { nextToken = token }),
            await caller.Findings(new { nextToken = token }),
        ];
        Assert.All(foreign, r => Assert.Equal("InvalidPaginationTokenException", r.ErrorType));
    }

    [Fact]
    public async Task A_token_from_another_emulator_process_is_foreign()
    {
        await using var first = await FirstPage.ReadAsync();
        var (caller, token) = (first.Caller, first.Token);
        await using var other = await TestData.Sample(pageSize: 2, filterMatchesAll: true);
        using var otherCaller = new EmulatorCaller(other);
        var reply = await otherCaller.Aggregations(new { filter = new { name = "imageBuildVersionArn", values = new[] { "a" } }, nextToken = token });
        Assert.Equal("InvalidPaginationTokenException", reply.ErrorType);
    }

    [Fact]
    public async Task Tokens_are_opaque()
    {
        await using var first = await FirstPage.ReadAsync();
        var (caller, token) = (first.Caller, first.Token);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.DoesNotContain("arn", token, StringComparison.OrdinalIgnoreCase);
    }
}
