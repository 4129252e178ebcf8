using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>Tab completion's matching and quoting, for every name completer (regions, profiles, filter names).</summary>
public sealed class CompletionTextTests
{
    private static readonly string[] Names = ["ibscan-dev", "IBSCAN-prod", "my profile", "o'brien", "other"];

    [Fact]
    public void Names_starting_with_the_word_match_in_any_case_and_the_words_quotes_are_ignored()
    {
        Assert.Equal(["ibscan-dev", "IBSCAN-prod"], CompletionText.For(Names, "ibs").Select(c => c.Name));
        Assert.Equal(["ibscan-dev", "IBSCAN-prod"], CompletionText.For(Names, "'IBS").Select(c => c.Name));
        Assert.Equal(["ibscan-dev", "IBSCAN-prod"], CompletionText.For(Names, "\"ibs\"").Select(c => c.Name));
        Assert.Equal(Names, CompletionText.For(Names, null).Select(c => c.Name));
        Assert.Empty(CompletionText.For(Names, "zz"));
    }

    [Fact]
    public void A_name_PowerShell_would_split_or_expand_goes_in_single_quotes_with_apostrophes_doubled()
    {
        var texts = CompletionText.For(Names, "").ToDictionary(c => c.Name, c => c.Text);
        Assert.Equal("ibscan-dev", texts["ibscan-dev"]);
        Assert.Equal("'my profile'", texts["my profile"]);
        Assert.Equal("'o''brien'", texts["o'brien"]);
        Assert.Equal("'a$b'", CompletionText.For(["a$b"], "a").Single().Text);
    }
}
