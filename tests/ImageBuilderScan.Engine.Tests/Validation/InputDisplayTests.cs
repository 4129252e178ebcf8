
namespace ImageBuilderScan.Engine.Tests.Validation;

public sealed class InputDisplayTests
{
    [Theory]
    [InlineData("a\0b", "a\\u0000b")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("line\nbreak\r", "line\\u000Abreak\\u000D")]
    [InlineData("rtl\u202eoverride", "rtl\\u202Eoverride")]
    public void Invisible_characters_are_rendered_visibly(string value, string shown) => Assert.Equal(shown, InputDisplay.Show(value));

    [Theory]
    [InlineData("plain text")]
    [InlineData("emoji \ud83d\ude00 kept")]
    public void Visible_text_is_shown_as_it_is(string value) => Assert.Equal(value, InputDisplay.Show(value));

    [Fact] // not InlineData: xunit's serialisation mangles a lone surrogate before the test sees it
    public void A_lone_surrogate_is_rendered_visibly() => Assert.Equal("lone\\uD800!", InputDisplay.Show("lone\ud800!"));

    [Fact]
    public void Long_values_are_cut_after_a_hundred_characters()
    {
        var shown = InputDisplay.Show(new string('x', 70_000));
        Assert.StartsWith(new string('x', 100) + "… (70000 characters)", shown);
        Assert.DoesNotContain(new string('x', 101), shown);
    }

    [Fact]
    public void A_surrogate_pair_is_never_cut_in_half()
    {
        var shown = InputDisplay.Show(new string('x', 99) + "\ud83d\ude00" + new string('y', 10));
        Assert.Equal(new string('x', 99) + "… (111 characters)", shown);
    }

    [Fact]
    public void A_message_never_carries_a_raw_control_character()
    {
        var error = Assert.Throws<Client.Errors.ScanInputException>(() => QueryValidator.Validate(
            new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["12345\u001b]0;pwned\u00076789012"] }));
        Assert.Contains("\\u001B", error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
    }
}
