using Amazon.Runtime;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>endpoint-rule-set-1.json, for a table of regions and FIPS/dual-stack flags.</summary>
public sealed class EndpointProviderTests
{
    [Theory]
    [InlineData("us-east-1", false, false, "https://imagebuilder.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", true, false, "https://imagebuilder-fips.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", false, true, "https://imagebuilder.us-east-1.api.aws")]
    [InlineData("us-east-1", true, true, "https://imagebuilder-fips.us-east-1.api.aws")]
    [InlineData("eu-west-1", false, false, "https://imagebuilder.eu-west-1.amazonaws.com")]
    [InlineData("ap-southeast-2", false, true, "https://imagebuilder.ap-southeast-2.api.aws")]
    [InlineData("cn-north-1", false, false, "https://imagebuilder.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", true, false, "https://imagebuilder-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("cn-north-1", false, true, "https://imagebuilder.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData("cn-north-1", true, true, "https://imagebuilder-fips.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData("us-gov-west-1", false, false, "https://imagebuilder.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-west-1", true, false, "https://imagebuilder.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", false, true, "https://imagebuilder.us-gov-east-1.api.aws")]
    [InlineData("us-gov-east-1", true, true, "https://imagebuilder-fips.us-gov-east-1.api.aws")]
    [InlineData("us-iso-east-1", false, false, "https://imagebuilder.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-iso-east-1", true, false, "https://imagebuilder-fips.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-isob-east-1", false, false, "https://imagebuilder.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("us-isob-east-1", true, false, "https://imagebuilder-fips.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", false, false, "https://imagebuilder.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", false, false, "https://imagebuilder.us-isof-south-1.csp.hci.ic.gov")]
    public void Region_and_flags_resolve_to_the_rule_set_host(string region, bool fips, bool dualStack, string expected)
    {
        var endpoint = new ImageBuilderEndpointProvider().ResolveEndpoint(
            new ImageBuilderEndpointParameters { Region = region, UseFIPS = fips, UseDualStack = dualStack });
        Assert.Equal(expected, endpoint.URL);
    }

    [Fact]
    public void A_custom_endpoint_wins_and_refuses_fips_and_dual_stack()
    {
        var provider = new ImageBuilderEndpointProvider();
        Assert.Equal("https://example.com", provider.ResolveEndpoint(
            new ImageBuilderEndpointParameters { Region = "us-east-1", Endpoint = "https://example.com" }).URL);
        Assert.Contains("FIPS and custom endpoint", Assert.Throws<AmazonClientException>(() => provider.ResolveEndpoint(
            new ImageBuilderEndpointParameters { Region = "us-east-1", Endpoint = "https://example.com", UseFIPS = true })).Message);
        Assert.Contains("Dualstack and custom endpoint", Assert.Throws<AmazonClientException>(() => provider.ResolveEndpoint(
            new ImageBuilderEndpointParameters { Region = "us-east-1", Endpoint = "https://example.com", UseDualStack = true })).Message);
    }

    [Fact]
    public void No_region_is_a_configuration_error()
        => Assert.Contains("Missing Region", Assert.Throws<AmazonClientException>(
            () => new ImageBuilderEndpointProvider().ResolveEndpoint(new ImageBuilderEndpointParameters())).Message);
}
