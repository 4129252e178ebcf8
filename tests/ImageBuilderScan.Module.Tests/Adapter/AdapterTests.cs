using System.Runtime.CompilerServices;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Emulator;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>The module's PowerShell adapter (src/ImageBuilderScan/Adapter), where no PowerShell is needed to check it.</summary>
public sealed class AdapterTests
{
    private sealed class Source(PipelinePump log, int items, Exception? failAfter = null)
    {
        public int Steps;

        public async IAsyncEnumerable<int> Run([EnumeratorCancellation] CancellationToken token = default)
        {
            for (var i = 0; i < items; i++)
            {
                Interlocked.Increment(ref Steps);
                // Logged from a thread-pool thread: the pump must hand it to the consumer's thread.
                await Task.Yield();
                log.Verbose($"page {i}");
                token.ThrowIfCancellationRequested();
                yield return i;
            }

            if (failAfter is not null) throw failAfter;
        }
    }

    [Fact]
    public void Pump_streams_items_and_logs_in_order_on_the_consumer_thread()
    {
        var pump = new PipelinePump();
        var source = new Source(pump, 3);
        var consumer = Environment.CurrentManagedThreadId;
        var seen = new List<string>();
        foreach (var e in pump.Run(source.Run(), CancellationToken.None))
        {
            Assert.Equal(consumer, Environment.CurrentManagedThreadId);
            seen.Add(e.Kind == ScanEventKind.Item ? $"item {e.Item}" : $"{e.Kind} {e.Message}");
        }

        Assert.Equal(["Verbose page 0", "item 0", "Verbose page 1", "item 1", "Verbose page 2", "item 2"], seen);
    }

    [Fact]
    public void Pump_asks_for_nothing_more_once_the_consumer_stops()
    {
        var pump = new PipelinePump();
        var source = new Source(pump, 100);
        var first = pump.Run(source.Run(), CancellationToken.None).First(e => e.Kind == ScanEventKind.Item);
        Assert.Equal(0, first.Item);
        Assert.Equal(1, source.Steps);
    }

    [Fact]
    public void Pump_reads_ahead_only_from_the_second_item_and_keeps_the_order()
    {
        var pump = new PipelinePump();
        var source = new Source(pump, 5);
        using var items = pump.Run(source.Run(), CancellationToken.None, readAhead: true).Where(e => e.Kind == ScanEventKind.Item).GetEnumerator();

        Assert.True(items.MoveNext());
        Assert.Equal(0, items.Current.Item);
        // The first item: nothing asked for ahead of the consumer (a step is started before the item is yielded, so this is final).
        Assert.Equal(1, pump.StepsStarted);

        Assert.True(items.MoveNext());
        Assert.Equal(1, items.Current.Item);
        // Holding the second item, the third is already being asked for.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref source.Steps) == 3, TimeSpan.FromSeconds(10)));

        var rest = new List<int>();
        while (items.MoveNext()) rest.Add(items.Current.Item);
        Assert.Equal([2, 3, 4], rest);
    }

    [Fact]
    public void Pump_without_read_ahead_asks_for_the_next_item_only_when_the_consumer_comes_back()
    {
        var pump = new PipelinePump();
        var source = new Source(pump, 5);
        using var items = pump.Run(source.Run(), CancellationToken.None).Where(e => e.Kind == ScanEventKind.Item).GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.True(items.MoveNext());
        Assert.Equal(2, pump.StepsStarted);
    }

    [Fact]
    public async Task Pump_cancels_the_read_ahead_in_flight_when_the_consumer_stops()
    {
        var pump = new PipelinePump();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var items = pump.Run(HangsOnTheThird(), CancellationToken.None, readAhead: true).Where(e => e.Kind == ScanEventKind.Item).GetEnumerator())
        {
            Assert.True(items.MoveNext());
            Assert.True(items.MoveNext());
            // The consumer stops here (Select-Object -First 2): disposing must cancel the third request, not wait for it.
        }

        // Without the cancel the request would hang for ever (the pump gives up waiting after 5 s and leaves it running).
        var ended = await Task.WhenAny(cancelled.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(ended == cancelled.Task, "the read-ahead request was left running");

        async IAsyncEnumerable<int> HangsOnTheThird([EnumeratorCancellation] CancellationToken token = default)
        {
            yield return 0;
            yield return 1;
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            yield return 2;
        }
    }

    [Fact]
    public void Pump_ends_with_one_failed_event_after_what_was_already_emitted()
    {
        var pump = new PipelinePump();
        var error = new ForbiddenException("denied", 403, "req-1");
        var events = pump.Run(new Source(pump, 2, error).Run(), CancellationToken.None).ToList();
        Assert.Equal(2, events.Count(e => e.Kind == ScanEventKind.Item));
        Assert.Equal(ScanEventKind.Failed, events[^1].Kind);
        Assert.Same(error, events[^1].Error);
    }

    [Fact]
    public void Pump_cancellation_reaches_the_consumer_as_operation_cancelled()
    {
        var pump = new PipelinePump();
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var e in pump.Run(Hang(), stop.Token)) { }
        });

        async IAsyncEnumerable<int> Hang([EnumeratorCancellation] CancellationToken token = default)
        {
            stop.Cancel();
            await Task.Delay(Timeout.Infinite, token);
            yield return 0;
        }
    }

    [Fact]
    public async Task Error_description_carries_id_category_and_resume_advice()
    {
        // A real resume point, set by the engine's paging layer: the second page of the first of
        // eleven pipelines is throttled past the one attempt allowed.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 7, FilterMatchesAll = true, AggregationPageSize = 1 });
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, OnRequest = 2, MaxCount = 1 });
        using var client = ImageBuilderScanClient.Create(TestClientOptions.For(server, "us-east-1", maxAttempts: 1));
        var pipelines = Enumerable.Range(0, 11).Select(i => $"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p-{i:00}").ToArray();
        var error = await Assert.ThrowsAsync<CallRateLimitExceededException>(async () =>
        {
            await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = pipelines })) { }
        });
        var d = ScanErrorDescription.From(error);
        Assert.Equal("CallRateLimitExceededException", d.ErrorId);
        Assert.Equal(ScanErrorCategory.LimitsExceeded, d.Category);
        Assert.NotNull(d.ResumeToken);
        Assert.StartsWith($"Resume with -NextToken '{d.ResumeToken}'", d.RecommendedAction);
        Assert.Contains("image-pipeline/p-10", d.RecommendedAction);
        Assert.False(d.StopsCommand);
    }

    [Fact]
    public void What_the_engine_reports_in_its_terms_is_advised_in_the_cmdlets_parameter_names()
    {
        Assert.Contains("-Region", ScanErrorDescription.From(new ScanConfigurationException("NoRegion", "No region is set.")).RecommendedAction);
        Assert.Contains("-ProfileName", ScanErrorDescription.From(new ScanConfigurationException("NoCredentials", "No credentials.")).RecommendedAction);
        var firstPage = new ScanInputException("ImagePipelineArn", null, "at most 10 values", "12 values need 2 requests.") { ConflictsWith = "FirstPageOnly" };
        Assert.Equal("Drop -NoAutoPage to list every page, or give fewer values of -ImagePipelineArn.", ScanErrorDescription.From(firstPage).RecommendedAction);
    }

    [Fact]
    public void Only_fatal_configuration_stops_the_command_and_unknown_errors_still_describe()
    {
        Assert.True(ScanErrorDescription.From(new ScanConfigurationException("NoRegion", "no region")).StopsCommand);
        Assert.False(ScanErrorDescription.From(new ScanNetworkException("refused", false)).StopsCommand);
        Assert.Equal(ScanErrorCategory.ConnectionError, ScanErrorDescription.From(new ScanNetworkException("refused", false)).Category);
        var unknown = ScanErrorDescription.From(new InvalidCastException("boom"));
        Assert.Equal(("UnexpectedError", ScanErrorCategory.NotSpecified, false), (unknown.ErrorId, unknown.Category, unknown.StopsCommand));
        Assert.True(ScanErrorDescription.IsCancellation(new TaskCanceledException()));
    }

    [Fact]
    public void Only_a_cancellation_during_a_stop_is_a_stop_and_any_other_is_an_error_to_report()
    {
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();
        Assert.True(ScanErrorDescription.IsStop(new OperationCanceledException(stopped.Token), stopped.Token));
        Assert.True(ScanErrorDescription.IsStop(new AggregateException(new TaskCanceledException()), stopped.Token));
        // A timeout that surfaced as a cancellation while nobody stopped the command: reported, not swallowed.
        Assert.False(ScanErrorDescription.IsStop(new TaskCanceledException("timed out"), CancellationToken.None));
        Assert.False(ScanErrorDescription.IsStop(new ScanNetworkException("refused", false), stopped.Token));
        var described = ScanErrorDescription.From(new TaskCanceledException("timed out"));
        Assert.False(described.StopsCommand);
        Assert.Contains("timed out", described.Message);
    }

    private sealed class Log : IScanLog
    {
        public List<string> Lines { get; } = [];
        public void Verbose(string message) => Lines.Add(message);
        public void Debug(string message) => Lines.Add(message);
        public void Warning(string message) => Lines.Add("WARNING " + message);
    }

    // Shapes of AWS Tools' objects, from another load context in real life.
    public sealed class FakeImmutable(string a, string s, string t) { public string AccessKey => a; public string SecretKey => s; public string Token => t; }
    public sealed class FakeAwsCredentials { public FakeImmutable GetCredentials() => new("AKIDTOOLS", "tools-secret", "tools-token"); }
    public sealed class FakeStored { public FakeAwsCredentials Credentials { get; } = new(); public string Name => "x"; }

    private static ScanClientOptions Apply(ScanClientOptions options, object? credential = null, object? storedRegion = null, object? storedCredentials = null, Log? log = null)
        => AwsToolsSession.Apply(options, credential, storedRegion, storedCredentials, log ?? new Log());

    [Fact]
    public void Explicit_keys_win_then_credential_then_profile_then_session()
    {
        var log = new Log();
        var o = Apply(new ScanClientOptions { AccessKey = "AKIDX", SecretKey = "sx" }, new FakeAwsCredentials(), "eu-west-1", new FakeStored(), log);
        // $StoredAWSRegion is a default, never a -Region: an ARN's own region still beats it.
        Assert.Equal(("AKIDX", "sx", null, "eu-west-1"), (o.AccessKey, o.SecretKey, o.Region, o.DefaultRegion));

        o = Apply(new ScanClientOptions { Region = "us-east-2" }, new FakeAwsCredentials(), "eu-west-1", log: log);
        Assert.Equal(("AKIDTOOLS", "tools-secret", "tools-token", "us-east-2"), (o.AccessKey, o.SecretKey, o.SessionToken, o.Region));

        o = Apply(new ScanClientOptions { ProfileName = "dev" }, storedCredentials: new FakeStored(), log: log);
        Assert.Equal(("dev", null), (o.ProfileName, o.AccessKey));

        o = Apply(new ScanClientOptions(), storedCredentials: new FakeStored(), log: log);
        Assert.Equal("AKIDTOOLS", o.AccessKey);

        o = Apply(new ScanClientOptions(), storedCredentials: "ops", log: log);
        Assert.Equal("ops", o.ProfileName);
        Assert.DoesNotContain(log.Lines, l => l.Contains("secret") || l.Contains("tools-token"));
    }

    [Fact]
    public void Impossible_connection_parameters_stop_and_unreadable_session_credentials_warn()
    {
        // The one completeness check is the engine's, when the client is created.
        var halfKeys = Apply(new ScanClientOptions { AccessKey = "AKIDX", Region = "us-east-1" }, new FakeAwsCredentials());
        var incomplete = Assert.Throws<ScanConfigurationException>(() => ImageBuilderScanClient.Create(halfKeys));
        Assert.Equal("IncompleteCredentials", incomplete.ErrorId);
        Assert.True(incomplete.IsFatalConfiguration);
        Assert.Throws<ScanConfigurationException>(() => Apply(new ScanClientOptions(), new object()));
        var log = new Log();
        var o = Apply(new ScanClientOptions(), storedCredentials: new object(), log: log);
        Assert.Null(o.AccessKey);
        Assert.Contains(log.Lines, l => l.StartsWith("WARNING"));
    }

    private static ScanFindingAggregation Aggregation(AggregationKind kind, string key) => new()
    {
        KindValue = kind, Key = key, AccountId = "123456789012",
        ImageBuildVersionArn = kind == AggregationKind.Image ? key : null,
        ImagePipelineArn = kind == AggregationKind.ImagePipeline ? key : null,
        VulnerabilityId = kind == AggregationKind.VulnerabilityId ? key : null,
    };

    [Theory]
    [InlineData(AggregationKind.Image, "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1", FilterNames.ImageBuildVersionArn)]
    [InlineData(AggregationKind.ImagePipeline, "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web", FilterNames.ImagePipelineArn)]
    [InlineData(AggregationKind.VulnerabilityId, "CVE-2025-38064", FilterNames.VulnerabilityId)]
    public void Drill_down_uses_the_aggregations_own_key_not_its_account(AggregationKind kind, string key, string filter)
    {
        var q = DrillDown.ToFindingQuery(Aggregation(kind, key), 25, out var account);
        Assert.Equal((filter, key, 25, (string?)null), (q.FilterName, Assert.Single(q.Values), q.PageSize, account));
        var again = DrillDown.ToAggregationQuery(Aggregation(kind, key));
        Assert.Equal((filter, key), (again.FilterName, Assert.Single(again.Values)));
    }

    [Fact]
    public void Account_drill_down_lists_everything_and_keeps_that_accounts_findings()
    {
        var q = DrillDown.ToFindingQuery(Aggregation(AggregationKind.Account, "123456789012"), null, out var account);
        Assert.Null(q.FilterName);
        Assert.Equal("123456789012", account);
        Assert.True(DrillDown.Keeps(new ScanFinding { AccountId = "123456789012" }, account));
        Assert.False(DrillDown.Keeps(new ScanFinding { AccountId = "210987654321" }, account));
        Assert.Equal(FilterNames.AccountId, DrillDown.ToAggregationQuery(Aggregation(AggregationKind.Account, "123456789012")).FilterName);
    }

    /// <summary>
    /// What PowerShell binds to -InputObject when a piped object has no property that binds by
    /// name: LanguagePrimitives builds the record through its parameterless constructor and sets
    /// the properties the object carries, so the required Key can be null.
    /// </summary>
    private static ScanFindingAggregation ConvertedByPowerShell(AggregationKind kind)
    {
        // The objects are read-only to PowerShell now (no public setter), so it can no longer build one;
        // an aggregation with a kind and no key still must be refused.
        return new ScanFindingAggregation { KindValue = kind };
    }

    [Theory]
    [InlineData(AggregationKind.Account)]
    [InlineData(AggregationKind.Image)]
    [InlineData(AggregationKind.ImagePipeline)]
    [InlineData(AggregationKind.VulnerabilityId)]
    public void An_aggregation_without_a_key_is_refused_as_input_not_widened_to_everything(AggregationKind kind)
    {
        var drill = Assert.Throws<ScanInputException>(() => DrillDown.ToFindingQuery(ConvertedByPowerShell(kind), null, out _));
        Assert.Equal("InputObject", drill.ParameterName);
        var refresh = Assert.Throws<ScanInputException>(() => DrillDown.ToAggregationQuery(ConvertedByPowerShell(kind)));
        Assert.Equal("InputObject", refresh.ParameterName);
    }

    [Fact]
    public void A_foreign_object_without_kind_or_key_is_refused_as_not_an_aggregation()
    {
        // [pscustomobject]@{ AccountId = '...' } | Get-IBScanFinding: PowerShell converts it with Kind Unknown and no Key.
        var converted = ConvertedByPowerShell(AggregationKind.Unknown) with { AccountId = "123456789012" };
        var drill = Assert.Throws<ScanInputException>(() => DrillDown.ToFindingQuery(converted, null, out _));
        Assert.Equal("InputObject", drill.ParameterName);
        Assert.Contains("not an aggregation from Get-IBScanFindingAggregation", drill.Message);
        Assert.DoesNotContain("''", drill.Message);
    }

    [Fact]
    public void An_empty_typed_key_falls_back_to_the_aggregations_key()
    {
        var image = Aggregation(AggregationKind.Image, "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1") with { ImageBuildVersionArn = "" };
        Assert.Equal(image.Key, Assert.Single(DrillDown.ToFindingQuery(image, null, out _).Values));
    }
}
