using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>
/// TypeDataMembers.Fit: text laid out for a table column that PowerShell wraps by character. Cut at the column's width
/// as PowerShell cuts, every word comes out whole; joined on one line (a wider console), the words read in order.
/// </summary>
public sealed class ViewTextTests
{
    [Theory]
    [InlineData("web-frontend-al2023 1.4.0/1", 19)]
    [InlineData("windows-iis-2022 2025.2.0/12", 19)]
    [InlineData("windows-iis-2022 2025.2.0/12", 22)]
    [InlineData("nginx 1.25.10-5.amzn2023.0.1 -> 1.25.10-5.amzn2023.0.3", 40)]
    [InlineData("a b c d e f g h i j k l m n o p", 5)]
    [InlineData("short", 40)]
    public void Cut_by_character_at_the_width_no_word_is_split(string text, int width)
    {
        var fitted = TypeDataMembers.Fit(text, width)!;
        var lines = Enumerable.Range(0, (fitted.Length + width - 1) / width).Select(i => fitted.Substring(i * width, Math.Min(width, fitted.Length - i * width)));
        var words = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(text.Split(' '), words);
        Assert.Equal(text.Split(' '), fitted.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_line_that_fits_is_left_as_it_is_and_a_word_longer_than_the_width_is_kept_in_order()
    {
        Assert.Equal("log4j-core 2.14.1 -> 2.15.0", TypeDataMembers.Fit("log4j-core 2.14.1 -> 2.15.0", 40));
        // A word longer than the width is followed by a line break, not padding, which would line up at this width only.
        Assert.Equal("windows-iis-2022-datacenter-core-hardened-for-payments\n2025.1.0/3", TypeDataMembers.Fit("windows-iis-2022-datacenter-core-hardened-for-payments 2025.1.0/3", 19));
        Assert.Null(TypeDataMembers.Fit(null, 19));
        // Through the one sanitiser: an escape sequence is shown, not obeyed.
        Assert.DoesNotContain('\u001b', TypeDataMembers.Fit("a \u001b[31mred", 19)!);
    }

    [Theory]
    [InlineData("FAILED: scan FAILED (Amazon Inspector could not scan the instance: the SSM Agent did not report within the scan timeout.): the findings may be incomplete", 24)]
    [InlineData("FAILED: arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.2.0/1 was still at scan PENDING", 24)]
    [InlineData("PASSED", 24)]
    public void Lines_break_between_words_so_every_column_at_least_that_wide_keeps_each_word_whole(string text, int width)
    {
        var lines = TypeDataMembers.Lines(text, width)!.Split('\n');
        // A line longer than the width is one word (PowerShell splits it, there is nothing to keep whole).
        Assert.All(lines, line => Assert.True(line.Length <= width || !line.Contains(' '), line));
        Assert.Equal(text.Split(' '), lines.SelectMany(l => l.Split(' ')));
        Assert.Null(TypeDataMembers.Lines(null, 24));
        Assert.DoesNotContain('\u001b', TypeDataMembers.Lines("a \u001b[31mred", 24)!);
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData("", "none")]
    [InlineData("NotAvailable", "none")]
    [InlineData("1.0.1", "1.0.1")]
    public void A_fix_of_NotAvailable_reads_as_none(string? fix, string shown) => Assert.Equal(shown, TypeDataMembers.FixText(fix));
}
