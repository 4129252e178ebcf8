using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// Signs a test's request with AWSSDK.Core's own SigV4 signer (<see cref="AWS4Signer"/>), the implementation every AWS
/// SDK for .NET client uses. The emulator's verifier is written from the AWS documentation and shares no code with it,
/// so each checks the other; a second hand-written signer could share the verifier's misreadings. (The AWS CLI tests
/// are the third reader: botocore signs without an x-amz-content-sha256 header, which this signer always sends.)
/// </summary>
internal static class SdkSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, string accessKey, string secret, string region,
        DateTimeOffset at, string? sessionToken = null, string service = "imagebuilder")
    {
        var uri = request.RequestUri!;
        using var signed = new DefaultRequest(new Unmarshalled(), service)
        {
            HttpMethod = request.Method.Method,
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            ResourcePath = uri.AbsolutePath,
            Content = body,
            AuthenticationRegion = region,
            OverrideSigningServiceName = service,
            UseQueryString = uri.Query.Length > 1,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
        {
            signed.Parameters[Uri.UnescapeDataString(pair[0])] = Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : "");
        }
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signed.Headers["Content-Type"] = contentType.ToString();
        }
        if (sessionToken is not null)
        {
            signed.Headers["X-Amz-Security-Token"] = sessionToken;
        }
        var result = new AWS4Signer().SignRequest(signed, new SigningConfig(), null, accessKey, secret, at.UtcDateTime);
        signed.Headers["Authorization"] = result.ForAuthorizationHeader;
        foreach (var (name, value) in signed.Headers)
        {
            // Content-Type travels with the content; HttpClient writes Host from the URI (the same value).
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The SDK's request record wants the typed request it was marshalled from; a signature needs none of it.</summary>
    private sealed class Unmarshalled : AmazonWebServiceRequest;

    /// <summary>What the signer reads of a client configuration: nothing beyond the region and service set on the request.</summary>
    private sealed class SigningConfig() : ClientConfig(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
    {
        public override string RegionEndpointServiceName => "imagebuilder";
        public override string ServiceVersion => "2019-12-02";
        public override string UserAgent => "ImageBuilderScan.Tests";
        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => throw new NotSupportedException();
    }
}
