using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The minimum a developer would write: HttpClient, AWSSDK.Core's standalone SigV4 signing handler,
/// System.Text.Json into DTOs, mapped to the engine's own output records. No retries, no validation,
/// no pipeline. What the engine adds on top is measured against this.
/// </summary>
internal sealed class RawBaselineClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public RawBaselineClient(Uri endpoint, string accessKey, string secretKey, string region)
    {
        _endpoint = endpoint;
        var signer = new SigV4SigningHandler(
            new BasicAWSCredentials(accessKey, secretKey), RegionEndpoint.GetBySystemName(region), "imagebuilder",
            new SocketsHttpHandler());
        _http = new HttpClient(signer);
    }

    public async IAsyncEnumerable<ScanFindingAggregation> ListAggregationsAsync(string filterName, string value)
    {
        await foreach (var page in PagesAsync<AggregationsResponseDto>("/ListImageScanFindingAggregations",
                           token => new AggregationsRequestDto(new FilterDto(filterName, [value]), token)))
            foreach (var item in page.Responses ?? [])
                yield return Map(item, page.AggregationType, page.RequestId);
    }

    public async IAsyncEnumerable<ScanFinding> ListFindingsAsync(int pageSize)
    {
        await foreach (var page in PagesAsync<FindingsResponseDto>("/ListImageScanFindings", token => new FindingsRequestDto(pageSize, token)))
            foreach (var item in page.Findings ?? [])
                yield return RawFindingMapper.Map(item, page.RequestId);
    }

    /// <summary>Every page of one operation: the request <paramref name="body"/> makes for each next token, posted until a page has none.</summary>
    private async IAsyncEnumerable<TPage> PagesAsync<TPage>(string path, Func<string?, object> body) where TPage : PageDto
    {
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, path))
            {
                Content = new StringContent(JsonSerializer.Serialize(body(token)), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var page = await JsonSerializer.DeserializeAsync<TPage>(stream, Json)
                ?? throw new InvalidDataException("empty body");
            yield return page;
            token = page.NextToken;
        }
        while (token is not null);
    }

    private static ScanFindingAggregation Map(AggregationDto item, string? type, string? requestId)
    {
        var (kind, key, counts) =
            item.AccountAggregation is { } a ? (AggregationKind.Account, a.AccountId, a.SeverityCounts) :
            item.ImageAggregation is { } i ? (AggregationKind.Image, i.ImageBuildVersionArn, i.SeverityCounts) :
            item.ImagePipelineAggregation is { } p ? (AggregationKind.ImagePipeline, p.ImagePipelineArn, p.SeverityCounts) :
            item.VulnerabilityIdAggregation is { } v ? (AggregationKind.VulnerabilityId, v.VulnerabilityId, v.SeverityCounts) :
            (AggregationKind.Unknown, null, null);
        return new ScanFindingAggregation
        {
            KindValue = kind,
            AggregationType = type,
            Key = key ?? "",
            AccountId = kind == AggregationKind.Account ? key : ImageBuilderArn.AccountOf(key),
            ImageBuildVersionArn = kind == AggregationKind.Image ? key : null,
            ImagePipelineArn = kind == AggregationKind.ImagePipeline ? key : null,
            VulnerabilityId = kind == AggregationKind.VulnerabilityId ? key : null,
            Critical = counts?.Critical ?? 0,
            High = counts?.High ?? 0,
            Medium = counts?.Medium ?? 0,
            All = counts?.All ?? 0,
            RequestId = requestId,
        };
    }

    public void Dispose() => _http.Dispose();

    private sealed record FilterDto([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("values")] string[] Values);
    private sealed record AggregationsRequestDto(
        [property: JsonPropertyName("filter")] FilterDto Filter,
        [property: JsonPropertyName("nextToken"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);
    private sealed record FindingsRequestDto(
        [property: JsonPropertyName("maxResults")] int MaxResults,
        [property: JsonPropertyName("nextToken"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);

    /// <summary>What every page of a listing carries.</summary>
    private abstract class PageDto
    {
        public string? RequestId { get; set; }
        public string? NextToken { get; set; }
    }

    private sealed class AggregationsResponseDto : PageDto
    {
        public string? AggregationType { get; set; }
        public List<AggregationDto>? Responses { get; set; }
    }

    private sealed class AggregationDto
    {
        public KeyedCountsDto? AccountAggregation { get; set; }
        public KeyedCountsDto? ImageAggregation { get; set; }
        public KeyedCountsDto? ImagePipelineAggregation { get; set; }
        public KeyedCountsDto? VulnerabilityIdAggregation { get; set; }
    }

    private sealed class KeyedCountsDto
    {
        public string? AccountId { get; set; }
        public string? ImageBuildVersionArn { get; set; }
        public string? ImagePipelineArn { get; set; }
        public string? VulnerabilityId { get; set; }
        public SeverityCountsDto? SeverityCounts { get; set; }
    }

    private sealed class SeverityCountsDto
    {
        public long All { get; set; }
        public long Critical { get; set; }
        public long High { get; set; }
        public long Medium { get; set; }
    }

    private sealed class FindingsResponseDto : PageDto
    {
        public List<RawFindingMapper.FindingDto>? Findings { get; set; }
    }
}
