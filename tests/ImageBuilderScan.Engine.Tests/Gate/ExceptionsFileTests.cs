
namespace ImageBuilderScan.Engine.Tests.Gate;

public sealed class ExceptionsFileTests
{
    private static ExceptionList Parse(string text, string name = "ex.yaml") => ExceptionsFile.Parse(Encoding.UTF8.GetBytes(text), name);

    private static ExceptionsFileException Refused(string text, string name = "ex.yaml") =>
        Assert.Throws<ExceptionsFileException>(() => Parse(text, name));

    [Fact]
    public void The_sample_file_parses()
    {
        var list = ExceptionsFile.Load(Path.Combine(ReferenceFiles.RepoRoot, "samples", "scan-exceptions.yaml"));
        Assert.Equal(3, list.Entries.Count);
        var first = list.Entries[0];
        Assert.Equal(("CVE-2024-6387", "openssh-server", "web-frontend-*"), (first.VulnerabilityId, first.Package, first.Image));
        Assert.Equal(new DateTime(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc), first.ExpiresAt);
        Assert.Equal(new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc), list.Entries[1].ExpiresAt);
        Assert.Null(list.Entries[2].ExpiresAt);
        Assert.EndsWith("scan-exceptions.yaml", first.Source);
        Assert.Equal(12, first.Line);
    }

    [Theory]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: because\n")]
    [InlineData("ex.yaml", "exceptions:\n  - vulnerabilityId: CVE-1\n    reason: because\n")]
    [InlineData("ex.json", "[{\"vulnerabilityId\": \"CVE-1\", \"reason\": \"because\"}]")]
    [InlineData("ex.json", "{\"exceptions\": [{\"vulnerabilityId\": \"CVE-1\", \"reason\": \"because\"}]}")]
    [InlineData("ex.txt", "  [{\"vulnerabilityId\": \"CVE-1\", \"reason\": \"because\"}]")]
    [InlineData("ex.txt", "\uFEFF- {vulnerabilityId: CVE-1, reason: because}\n")]
    public void Both_forms_in_both_formats_give_the_same_entry(string name, string text)
    {
        var entry = Assert.Single(Parse(text, name).Entries);
        Assert.Equal(("CVE-1", "because", null, 1), (entry.VulnerabilityId, entry.Reason, entry.Package, entry.Line > 0 ? 1 : 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing\n")]
    [InlineData("exceptions:\n")]
    [InlineData("[]")]
    public void An_empty_file_has_no_entries(string text) => Assert.Empty(Parse(text).Entries);

    [Theory]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  severity: HIGH\n", 3, "severity", "unknown key")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n\n- vulnerabilityID: CVE-2\n  reason: r\n", 4, "vulnerabilityID", "unknown key")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  package: a\n", 1, "reason", "missing")]
    [InlineData("ex.yaml", "- reason: r\n", 1, "vulnerabilityId", "missing")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: \"  \"\n", 2, "reason", "empty")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason:\n", 2, "reason", "without a value")]
    // A scoping key written with nothing after it is refused as an empty string is: read as absent, the entry would
    // cover every pipeline, image or package, or never expire.
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  pipeline:\n", 3, "pipeline", "without a value")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  image: ~\n", 3, "image", "without a value")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  package: null\n", 3, "package", "without a value")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  expires:\n", 3, "expires", "without a value")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  package: \"\"\n", 3, "package", "empty")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n  \"reason\": \"r\",\n  \"pipeline\": null}\n]", 4, "pipeline", "without a value")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n  \"reason\": \"r\",\n  \"expires\": null}\n]", 4, "expires", "without a value")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": null,\n  \"reason\": \"r\"}\n]", 2, "vulnerabilityId", "without a value")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-*\n  reason: r\n", 1, "vulnerabilityId", "wildcards")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  expires: tomorrow\n", 3, "expires", "'tomorrow' is not a date")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  expires: 2026-02-30\n", 3, "expires", "not a date")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n  reason: s\n", 3, "reason", "twice")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason:\n    - a\n", 3, "reason", "a list or mapping")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n  reason: r\n- just text\n", 3, null, "not a mapping")]
    [InlineData("ex.yaml", "rules:\n  - vulnerabilityId: CVE-1\n", 1, "rules", "unknown top-level key")]
    [InlineData("ex.yaml", "- vulnerabilityId: CVE-1\n   reason: r\n", 2, null, "not valid YAML")]
    [InlineData("ex.yaml", "--- \n- vulnerabilityId: CVE-1\n  reason: r\n---\n- vulnerabilityId: CVE-2\n  reason: r\n", 4, null, "second YAML document")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n  \"reason\": 42}\n]", 3, "reason", "a number is not text")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n  \"reason\": \"r\",\n  \"pkg\": \"a\"}\n]", 4, "pkg", "unknown key")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": true, \"reason\": \"r\"}\n]", 2, "vulnerabilityId", "a boolean is not text")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n  \"reason\": {\"text\": \"r\"}}\n]", 3, "reason", "an array or object")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\"}\n]", 2, "reason", "missing")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",\n \"reason\": \"r\",\n \"expires\": \"2026/01/01\"}]", 4, "expires", "not a date")]
    [InlineData("ex.json", "[\n {\"vulnerabilityId\": \"CVE-1\",,\n]", 2, null, "not valid JSON")]
    [InlineData("ex.json", "[\n \"CVE-1\"\n]", 2, null, "not an object")]
    [InlineData("ex.json", "{\"exceptions\": [], \n\"more\": 1}", 2, "more", "unknown top-level key")]
    [InlineData("ex.json", "[] []", 1, null, "not valid JSON")]
    public void A_mistake_is_named_by_file_line_and_key_with_the_expected_form(string name, string text, int line, string? key, string problem)
    {
        var e = Refused(text, name);
        Assert.Equal((name, line, key), (e.FilePath, e.Line, e.Key));
        Assert.Contains(problem, e.Message);
        Assert.Contains("Expected", e.Message);
        Assert.StartsWith($"{name}:{line}: ", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_exceptions_file_error()
    {
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml")));
        Assert.Contains("cannot be read", e.Message);
    }

    [Fact]
    public void A_yaml_date_is_text_and_values_are_trimmed()
    {
        var entry = Assert.Single(Parse("- vulnerabilityId: ' CVE-1 '\n  package: 'openssl*'\n  reason: ' why '\n  expires: '2026-12-31'\n").Entries);
        Assert.Equal(("CVE-1", "openssl*", "why"), (entry.VulnerabilityId, entry.Package, entry.Reason));
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), entry.ExpiresAt);
    }
}
