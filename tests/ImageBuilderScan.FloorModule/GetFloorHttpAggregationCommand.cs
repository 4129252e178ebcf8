using System.Globalization;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ImageBuilderScan.FloorModule;

/// <summary>
/// <c>Get-FloorHttpAggregation -EndpointUrl URL</c>: the least any HTTP client of this API costs in
/// PowerShell. Every page of ListImageScanFindingAggregations (no filter) over one HttpClient, signed
/// with a minimal SigV4 (keys and region from the environment, as the emulator expects), read with
/// Utf8JsonReader into the floor's objects and written one by one on the pipeline thread. No retries,
/// no validation, no read-ahead, no SDK: what ImageBuilderScan costs above this is the module's own.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FloorHttpAggregation")]
[OutputType(typeof(FloorAggregation))]
public sealed class GetFloorHttpAggregationCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    public Uri EndpointUrl { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var accessKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? throw new InvalidOperationException("AWS_ACCESS_KEY_ID");
        var secretKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? throw new InvalidOperationException("AWS_SECRET_ACCESS_KEY");
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        using var http = new HttpClient();
        var uri = new Uri(EndpointUrl, "/ListImageScanFindingAggregations");
        string? token = null;
        do
        {
            var body = token is null ? "{}" : "{\"nextToken\":" + JsonSerializer.Serialize(token) + "}";
            using var request = Signed(uri, body, accessKey, secretKey, region);
            using var response = http.Send(request);
            response.EnsureSuccessStatusCode();
            var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            token = WritePage(bytes);
        }
        while (token is not null);
    }

    /// <summary>Writes the page's aggregations; returns its next token.</summary>
    private string? WritePage(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        string? requestId = null, type = null, next = null;
        var items = new List<FloorAggregation>(1000);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("requestId"u8)) { reader.Read(); requestId = reader.GetString(); }
            else if (reader.ValueTextEquals("aggregationType"u8)) { reader.Read(); type = reader.GetString(); }
            else if (reader.ValueTextEquals("nextToken"u8)) { reader.Read(); next = reader.GetString(); }
            else if (reader.ValueTextEquals("responses"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) items.Add(ReadAggregation(ref reader));
            }
            else { reader.Read(); reader.Skip(); }
        }

        foreach (var item in items) WriteObject(item with { AggregationType = type, RequestId = requestId });
        return next;
    }

    // { "accountAggregation": { "accountId": "...", "severityCounts": { "all": n, ... } } }: the
    // no-filter listing is by account, which is all the emulator's synthetic keys serve here.
    private static FloorAggregation ReadAggregation(ref Utf8JsonReader reader)
    {
        string key = "";
        long critical = 0, high = 0, medium = 0, all = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read(); // the kind's object
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("accountId"u8)) { reader.Read(); key = reader.GetString() ?? ""; }
                else if (reader.ValueTextEquals("severityCounts"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        reader.Read();
                        var value = reader.GetInt64();
                        switch (name) { case "all": all = value; break; case "critical": critical = value; break; case "high": high = value; break; case "medium": medium = value; break; }
                    }
                }
                else { reader.Read(); reader.Skip(); }
            }
        }

        return new FloorAggregation { Kind = FloorAggregationKind.Account, Key = key, AccountId = key, Critical = critical, High = high, Medium = medium, All = all };
    }

    /// <summary>A POST signed with SigV4 over host, x-amz-date and the payload hash.</summary>
    private static HttpRequestMessage Signed(Uri uri, string body, string accessKey, string secretKey, string region)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payloadHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        const string signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        var canonical = $"POST\n{uri.AbsolutePath}\n\nhost:{host}\nx-amz-content-sha256:{payloadHash}\nx-amz-date:{amzDate}\n\n{signedHeaders}\n{payloadHash}";
        var scope = $"{date}/{region}/imagebuilder/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, "imagebuilder", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));

        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
