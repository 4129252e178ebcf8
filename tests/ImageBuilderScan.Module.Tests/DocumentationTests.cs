using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The README stays what a user reads first (issue 19: at most 250 lines, detail in docs/), and no link in it or
/// in docs/ leads nowhere: moving a section to docs/ must carry its links along.
/// </summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void The_readme_is_at_most_250_lines()
    {
        var lines = File.ReadAllLines(Repo.File("README.md")).Length;
        Assert.True(lines <= 250, $"README.md has {lines} lines; move detail into docs/ and link it.");
    }

    public static TheoryData<string> Pages() =>
        new(new[] { "README.md" }.Concat(Directory.GetFiles(Repo.File("docs"), "*.md").Select(f => Path.Combine("docs", Path.GetFileName(f)))));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves(string page)
    {
        var folder = Path.GetDirectoryName(Repo.File(page))!;
        var broken = MarkdownLink().Matches(File.ReadAllText(Repo.File(page)))
            .Select(m => m.Groups["target"].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith('#') && !t.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(t => t.Split('#')[0])
            .Where(t => !File.Exists(Path.Combine(folder, t)) && !Directory.Exists(Path.Combine(folder, t)))
            .ToList();
        Assert.True(broken.Count == 0, $"{page} links to what does not exist: {string.Join(", ", broken)}");
    }

    [Fact]
    public void The_link_check_finds_a_broken_link()
    {
        // The check above must be able to fail: a link to a missing file is found by the same pattern.
        var target = MarkdownLink().Match("see [the guide](docs/missing.md#top) for more").Groups["target"].Value;
        Assert.Equal("docs/missing.md#top", target);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
