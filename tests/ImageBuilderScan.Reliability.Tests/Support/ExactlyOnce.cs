
namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>What a listing under faults produced: every item emitted (across resumes) and every typed error met.</summary>
internal sealed record ListingOutcome(IReadOnlyList<string> Emitted, IReadOnlyList<ImageBuilderScanException> Errors);

/// <summary>
/// The promise "exactly once or a clear error": runs a workload; every failure must be an
/// <see cref="ImageBuilderScanException"/> whose <see cref="ResumePoint"/> names the request that failed
/// (its token and values, as the emulator received them); resuming from it continues the listing.
/// Faults are left in place, so a resume may fail again; the number of resumes is bounded.
/// </summary>
internal static class ExactlyOnce
{
    public const int MaxResumes = 25;

    /// <param name="concurrent">The client runs several request chains at once: the failed request is then one of those the
    /// emulator received, not necessarily the last.</param>
    public static async Task<ListingOutcome> RunAsync(EmulatorServer server, Workload workload, ImageBuilderScanClient client,
        CancellationToken ct = default, bool concurrent = false)
    {
        var emitted = new List<string>();
        var errors = new List<ImageBuilderScanException>();
        var pending = new List<(IReadOnlyList<string> Values, string? Token)> { (workload.Values(server.Data), null) };
        while (pending.Count > 0)
        {
            var (values, token) = pending[0];
            pending.RemoveAt(0);
            try
            {
                await foreach (var item in workload.ListAsync(client, values, token, ct)) emitted.Add(item);
            }
            catch (ImageBuilderScanException error)
            {
                errors.Add(error);
                Assert.True(errors.Count <= MaxResumes, $"Still failing after {MaxResumes} resumes: {error}");
                Assert.True(error is not ScanInputException and not ScanConfigurationException, $"A fault must not look like bad input: {error}");
                var resume = error.Resume ?? throw new Xunit.Sdk.XunitException($"{error.GetType().Name} carries no ResumePoint: {error.Message}");
                if (concurrent)
                {
                    Assert.Contains(Requests(server), r => r.Token == resume.NextToken && r.Values.SequenceEqual(resume.FilterValues));
                }
                else
                {
                    var failed = LastRequest(server);
                    Assert.Equal(failed.Token, resume.NextToken);
                    Assert.Equal(failed.Values, resume.FilterValues);
                }
                var next = new List<(IReadOnlyList<string>, string?)> { (resume.FilterValues, resume.NextToken) };
                if (resume.RemainingValues.Count > 0) next.Add((resume.RemainingValues, null));
                pending.InsertRange(0, next);
            }
        }
        return new ListingOutcome(emitted, errors);
    }

    /// <summary>The token and filter values of the most recent API request, as the emulator received it.</summary>
    public static (string? Token, IReadOnlyList<string> Values) LastRequest(EmulatorServer server) => Read(server.Requests.Recent[^1].Body);

    /// <summary>The token and filter values of every recent API request.</summary>
    public static IReadOnlyList<(string? Token, IReadOnlyList<string> Values)> Requests(EmulatorServer server) =>
        server.Requests.Recent.Select(r => Read(r.Body)).ToList();

    private static (string? Token, IReadOnlyList<string> Values) Read(string body)
    {
        using var doc = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        var root = doc.RootElement;
        var token = root.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
        var filter = root.TryGetProperty("filter", out var f) ? f
            : root.TryGetProperty("filters", out var fs) && fs.GetArrayLength() > 0 ? fs[0] : default;
        var values = filter.ValueKind == JsonValueKind.Object && filter.TryGetProperty("values", out var v)
            ? v.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return (token, values);
    }
}
