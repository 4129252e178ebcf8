using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>An answer from the emulator: status, the error type header, and the JSON body (if it parsed).</summary>
internal sealed record Reply(int Status, string? ErrorType, string? RequestId, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public string? NextToken => Json["nextToken"]?.GetValue<string>();
}

/// <summary>Sends requests signed by AWSSDK.Core's signer to an emulator over real loopback HTTP.</summary>
internal sealed class EmulatorCaller(EmulatorServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string AccessKey { get; init; } = server.Options.AccessKeyId;
    public string Secret { get; init; } = server.Options.SecretAccessKey;
    public string? SessionToken { get; init; } = server.Options.SessionToken;
    /// <summary>The region requests are signed for: the region whose data they see (the sample's home is us-east-1).</summary>
    public string Region { get; init; } = "us-east-1";

    public Task<Reply> Aggregations(object? request = null, CancellationToken ct = default) =>
        Send("/ListImageScanFindingAggregations", JsonSerializer.Serialize(request ?? new { }), ct: ct);

    public Task<Reply> Findings(object? request = null, CancellationToken ct = default) =>
        Send("/ListImageScanFindings", JsonSerializer.Serialize(request ?? new { }), ct: ct);

    public Task<Reply> BuildVersions(object request, CancellationToken ct = default) =>
        Send("/ListImageBuildVersions", JsonSerializer.Serialize(request), ct: ct);

    public Task<Reply> PipelineImages(object request, CancellationToken ct = default) =>
        Send("/ListImagePipelineImages", JsonSerializer.Serialize(request), ct: ct);

    /// <summary>GET /GetImage?imageBuildVersionArn=... (null: no query at all).</summary>
    public Task<Reply> GetImage(string? arn, CancellationToken ct = default) =>
        Send(arn is null ? "/GetImage" : "/GetImage?imageBuildVersionArn=" + Uri.EscapeDataString(arn), "", method: HttpMethod.Get, ct: ct);

    /// <summary>Signs <paramref name="json"/>; <paramref name="tamper"/> may change the request after signing.</summary>
    public async Task<Reply> Send(string path, string json, DateTimeOffset? at = null, Action<HttpRequestMessage>? tamper = null,
        bool sign = true, HttpMethod? method = null, CancellationToken ct = default)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        request.RequestUri = new Uri(server.BaseAddress, path);
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (sign)
        {
            SdkSigner.Sign(request, body, AccessKey, Secret, Region, at ?? DateTimeOffset.UtcNow, SessionToken);
        }
        tamper?.Invoke(request);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new Reply((int)response.StatusCode,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.Single() : null,
            response.Headers.TryGetValues("x-amzn-RequestId", out var r) ? r.Single() : null, text);
    }

    /// <summary>Follows nextToken until it is absent (bounded), collecting (key, counts) of every aggregation.</summary>
    public async Task<List<ExpectedAggregation>> AllAggregations(object? filter = null, int maxPages = 10_000)
    {
        var result = new List<ExpectedAggregation>();
        string? token = null;
        for (var page = 0; page < maxPages; page++)
        {
            var reply = await Aggregations(filter is null ? new { nextToken = token } : new { filter, nextToken = token });
            Assert.Equal(200, reply.Status);
            var kind = reply.Json["aggregationType"]!.GetValue<string>();
            foreach (var item in reply.Json["responses"]!.AsArray())
            {
                var inner = item!.AsObject().Single().Value!;
                var counts = inner["severityCounts"]!;
                result.Add(new ExpectedAggregation(kind, inner[kind]!.GetValue<string>(), new SeverityCounts(
                    counts["all"]!.GetValue<long>(), counts["critical"]!.GetValue<long>(), counts["high"]!.GetValue<long>(), counts["medium"]!.GetValue<long>())));
            }
            token = reply.NextToken;
            if (token is null)
            {
                return result;
            }
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    public void Dispose() => _http.Dispose();
}
