
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>Hostile files are refused by the caps (size, entries, depth, aliases, bytes), not by a timer.</summary>
public sealed class HostileExceptionsFileTests
{
    private static ExceptionsFileException Refused(byte[] content, string name = "ex.yaml") =>
        Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Parse(content, name));

    private static ExceptionsFileException Refused(string text, string name = "ex.yaml") => Refused(Encoding.UTF8.GetBytes(text), name);

    [Fact]
    public void A_file_over_the_size_cap_is_refused_before_it_is_parsed()
    {
        var big = Encoding.UTF8.GetBytes("# " + new string('x', ExceptionsFileLimits.MaxBytes));
        Assert.Contains("larger than", Refused(big).Message);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml");
        try
        {
            File.WriteAllBytes(path, big);
            var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(path));
            Assert.Contains("larger than", e.Message);
            Assert.Null(e.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void More_entries_than_the_cap_are_refused_at_the_first_one_over()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i <= ExceptionsFileLimits.MaxEntries; i++) yaml.Append("- {vulnerabilityId: CVE-").Append(i).Append(", reason: r}\n");
        var e = Refused(yaml.ToString());
        Assert.Contains($"more than {ExceptionsFileLimits.MaxEntries} entries", e.Message);
        Assert.Equal(ExceptionsFileLimits.MaxEntries + 1, e.Line);
        yaml.Length = 0;
        for (var i = 0; i < ExceptionsFileLimits.MaxEntries; i++) yaml.Append("- {vulnerabilityId: CVE-").Append(i).Append(", reason: r}\n");
        Assert.Equal(ExceptionsFileLimits.MaxEntries, ExceptionsFile.Parse(Encoding.UTF8.GetBytes(yaml.ToString()), "ex.yaml").Entries.Count);

        var json = "[" + string.Join(",", Enumerable.Repeat("{\"vulnerabilityId\":\"CVE-1\",\"reason\":\"r\"}", ExceptionsFileLimits.MaxEntries + 1)) + "]";
        Assert.Contains("more than", Refused(json, "ex.json").Message);
    }

    [Theory]
    [InlineData("ex.yaml")]
    [InlineData("ex.json")]
    public void Deep_nesting_is_refused_at_the_first_level_too_deep(string name)
    {
        // 400 KB of brackets: a recursive reader would need that many frames.
        var deep = new string('[', 200_000) + new string(']', 200_000);
        var e = Refused(deep, name);
        Assert.Equal(1, e.Line);
        var mappings = string.Concat(Enumerable.Range(0, 50_000).Select(i => "{a: ")) + "1" + new string('}', 50_000);
        Refused("- vulnerabilityId: CVE-1\n  reason: " + mappings, name == "ex.yaml" ? name : "ex.yaml");
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused_at_the_first_anchor()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 'b'; i <= 'i'; i++) bomb.Append(i).Append(": &").Append(i).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(i - 1), 9))).Append("]\n");
        var e = Refused("exceptions:\n  - vulnerabilityId: CVE-1\n    reason: &r r\n" + bomb);
        Assert.Contains("anchor", e.Message);
        Assert.Equal(3, e.Line);
        var alias = Refused("- vulnerabilityId: CVE-1\n  reason: *r\n");
        Assert.Contains("alias", alias.Message);
    }

    [Fact]
    public void A_yaml_tag_is_refused()
    {
        Assert.Contains("tag", Refused("- vulnerabilityId: CVE-1\n  reason: !!binary aGVsbG8=\n").Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x2D, 0x20, 0x00, 0x0A }, "NUL byte")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "control character 0x1A")]
    [InlineData(new byte[] { 0x2D, 0x20, 0xFF, 0x0A }, "not UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x2D, 0x00 }, "NUL byte")]
    [InlineData(new byte[] { 0x2D, 0x20, 0x61, 0x0A, 0x2D, 0x20, 0xC3, 0x28 }, "not UTF-8")]
    [InlineData(new byte[] { 0x2D, 0x20, 0x1B, 0x5B }, "control character 0x1B")]
    public void Binary_and_non_utf8_content_is_refused(byte[] content, string problem)
    {
        var e = Refused(content);
        Assert.Contains(problem, e.Message);
        Assert.NotNull(e.Line);
    }

    [Theory]
    [InlineData("[{\"vulnerabilityId\": \"CVE-1\", \"reason\": \"r\", \"\\u001b]0;owned\\u0007\": \"x\"}]", "\u001b]0;owned\u0007")]
    [InlineData("[{\"vulnerabilityId\": \"CVE-1\", \"reason\": \"r\", \"expires\": \"\\u001b[2J\\u202Etoday\"}]", "expires")]
    public void Escaped_control_characters_reach_the_message_escaped(string json, string key)
    {
        // The bytes are plain ASCII (the byte check passes); the JSON escapes become the characters.
        var e = Refused(json, "ex.json");
        Assert.Equal(key, e.Key);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.DoesNotContain('\u0007', e.Message);
        Assert.DoesNotContain('\u202E', e.Message);
        Assert.Contains("\\u001B", e.Message);
    }

    [Fact]
    public void A_bad_byte_is_reported_on_its_line()
    {
        Assert.Equal(2, Refused(new byte[] { 0x2D, 0x20, 0x61, 0x0A, 0x2D, 0x20, 0xC3, 0x28 }).Line);
    }
}
