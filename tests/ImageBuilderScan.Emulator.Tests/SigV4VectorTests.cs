using System.Text;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>
/// The verifier against the AWS Signature Version 4 test suite's published requests and signatures (get-vanilla,
/// post-vanilla, get-vanilla-query-order-key-case: key AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service
/// "service"). Unlike the SDK-signed requests of the other tests, these declare no x-amz-content-sha256: the
/// verifier hashes the body itself, so a changed body must fail.
/// </summary>
public sealed class SigV4VectorTests
{
    private const string Scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static readonly SigV4Verifier Verifier = new(
        new EmulatorOptions { AccessKeyId = "AKIDEXAMPLE", SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, () => SignedAt);

    [Theory]
    [InlineData("GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("GET", "/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    public void A_published_request_is_accepted_and_the_same_with_a_body_added_is_refused(string method, string target, string signature)
    {
        Assert.Null(Verifier.Verify(Vector(method, target, signature, []), "service"));
        var altered = Verifier.Verify(Vector(method, target, signature, Encoding.UTF8.GetBytes("{}")), "service");
        Assert.Equal("InvalidSignatureException", altered?.Code);
    }

    private static SignedRequest Vector(string method, string target, string signature, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "example.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
            ["authorization"] = $"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=host;x-amz-date, Signature={signature}",
        };
        return new SignedRequest(method, target, name => headers.GetValueOrDefault(name), body);
    }
}
