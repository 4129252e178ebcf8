using System.Globalization;
using System.Text;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Memory stays flat whatever an endpoint sends (issue 21): the peak working set (VmHWM) of a fresh process listing
/// the findings of one image from a hostile server (ScriptedServer in this process, 127.0.0.1), against the same
/// process listing as many findings normally (pages of 25). The oversized page holds all <see cref="Items"/>
/// findings (about 20 MB) in one body with no Content-Length when 25 were asked (the client stops at its 8 MiB ceiling); the
/// endless empty pages each carry a fresh token (the client stops after 50). Each hostile run must end in its typed error.
/// <c>dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- hostile [--runs N]</c>
/// </summary>
internal static class HostileMemory
{
    public const int Items = 50_000;
    private const string Image = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4";
    private static readonly string Finding =
        """{"imageBuildVersionArn":"IMAGE","severity":"HIGH","title":"A finding of about four hundred bytes, as a small real one is: a title, a description of a line or two that says what is wrong and where, and one vulnerable package with its version","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2025-38064","vulnerablePackages":[{"name":"openssl","version":"3.0.8"}]}}"""
            .Replace("IMAGE", Image, StringComparison.Ordinal);

    /// <summary>The child: lists, then prints its peak resident bytes and the error id it ended with (<c>none</c>).</summary>
    public static async Task<int> ChildAsync(string url, string expectedError)
    {
        using var client = ImageBuilderScanClient.Create(new Client.Connection.ScanClientOptions
        {
            Region = "us-east-1", AccessKey = "AKIAIBSCANBENCH00001", SecretKey = "bench-secret-key-0000000000000000", EndpointUrl = url, MaxAttempts = 1,
        });
        var query = new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Image], PageSize = 25 };
        long count = 0;
        var error = "none";
        try
        {
            await foreach (var _ in client.GetFindingsAsync(query)) count++;
        }
        catch (ScanProtocolException e)
        {
            error = e.ErrorId;
        }
        if (error != expectedError) throw new InvalidOperationException($"expected {expectedError}, got {error} after {count} findings");
        Console.WriteLine($"{PeakResidentBytes().ToString(CultureInfo.InvariantCulture)} {count.ToString(CultureInfo.InvariantCulture)} {error}");
        return 0;
    }

    public sealed record Row(string Case, long PeakBytes, long Listed, string Error);

    public static IReadOnlyList<Row> Measure(int runs)
    {
        var rows = new List<Row>();
        foreach (var (name, expected, serve) in Cases())
        {
            var peaks = new List<(long Peak, long Listed)>();
            for (var r = 0; r < runs; r++)
            {
                using var server = new ScriptedServer();
                serve(server);
                var p = ChildProcess.Run("hostile-memory", server.BaseAddress.ToString(), expected).Split(' ');
                peaks.Add((long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture)));
            }
            var median = peaks.OrderBy(p => p.Peak).ElementAt(peaks.Count / 2);
            rows.Add(new Row(name, median.Peak, median.Listed, expected));
        }
        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var normal = rows[0].PeakBytes;
        var text = new StringBuilder("| Case | Findings listed | Ended with | Peak working set | Against the normal listing | Target |\n|---|---:|---|---:|---:|---|\n");
        foreach (var row in rows)
        {
            var ratio = (double)row.PeakBytes / normal;
            text.Append(CultureInfo.InvariantCulture, $"| {row.Case} | {row.Listed:N0} | {row.Error} | {row.PeakBytes / 1048576.0:0.0} MiB | {ratio:0.00} | {(ReferenceEquals(row, rows[0]) ? "baseline" : $"≤ 1.25 {(ratio <= 1.25 ? "met" : "NOT met")}")} |\n");
        }
        return text.ToString();
    }

    private static IEnumerable<(string Name, string Expected, Action<ScriptedServer> Serve)> Cases()
    {
        yield return ($"Normal listing, {Items:N0} findings in pages of 25", "none", server =>
        {
            var page = string.Join(",", Enumerable.Repeat(Finding, 25));
            for (var i = 1; i <= Items / 25; i++)
                server.Enqueue(ScriptedResponse.Json($$"""{"findings":[{{page}}]{{(i < Items / 25 ? $",\"nextToken\":\"page-{i}\"" : "")}}}"""));
        });
        yield return ($"Oversized page: {Items:N0} findings in one body when 25 were asked", "ResponseTooLarge",
            server => server.Default = ScriptedResponse.Json("""{"findings":[""") with { Repeat = (Finding, Items, "]}") });
        yield return ("Endless empty pages, each with a fresh token", "EndlessEmptyPages",
            server => server.Default = ScriptedResponse.Json("""{"findings":[],"nextToken":"{token}"}""") with { FreshToken = true });
    }

    private static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
