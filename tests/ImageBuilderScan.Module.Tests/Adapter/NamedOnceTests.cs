using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>NamedOnce: the one "once per command" check of the listings, the history, the gate and the comparison.</summary>
public sealed class NamedOnceTests
{
    private const string Pipeline = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web";

    [Fact]
    public void A_name_is_first_once_and_a_repeat_says_so_by_the_kind_of_its_shape()
    {
        var named = new NamedOnce();
        Assert.True(named.First(Pipeline, null, out var none));
        Assert.Null(none);
        Assert.False(named.First(Pipeline, null, out var repeat));
        Assert.Equal($"ImagePipelineArn {Pipeline}: already named to this command.", repeat);
    }

    [Fact]
    public void The_same_text_as_two_kinds_is_two_names()
    {
        var named = new NamedOnce();
        Assert.True(named.First("123456789012", "AccountId", out _));
        Assert.True(named.First("123456789012", "VulnerabilityId", out _));
        Assert.False(named.First("123456789012", "AccountId", out var repeat));
        Assert.Equal("AccountId 123456789012: already named to this command.", repeat);
    }
}
