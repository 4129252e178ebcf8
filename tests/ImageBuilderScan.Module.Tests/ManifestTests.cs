using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>The manifest exports exactly what exists, at the build's version.</summary>
public sealed partial class ManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Repo.File("ImageBuilderScan.psd1"));

    private static string Scalar(string key) => Regex.Match(Manifest, $@"^\s*{key}\s*=\s*'((?:[^']|'')*)'", RegexOptions.Multiline) is { Success: true } m
        ? m.Groups[1].Value.Replace("''", "'") : throw new Xunit.Sdk.XunitException($"{key} not found");

    private static string[] List(string key)
    {
        var m = Regex.Match(Manifest, $@"^\s*{key}\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline);
        Assert.True(m.Success, $"{key} must be an explicit @() list");
        return Regex.Matches(m.Groups[1].Value, "'([^']*)'").Select(x => x.Groups[1].Value).ToArray();
    }

    [Fact]
    public void Cmdlets_to_export_equal_the_cmdlets_that_exist()
        => Assert.Equal(CmdletMetadata.Cmdlets.Keys.Order(), List("CmdletsToExport").Order());

    [Fact]
    public void Nothing_else_is_exported()
    {
        Assert.Empty(List("FunctionsToExport"));
        Assert.Empty(List("VariablesToExport"));
        Assert.Empty(List("AliasesToExport"));
    }

    [Fact]
    public void Version_root_module_edition_and_format_file()
    {
        Assert.Equal(Repo.Version, Scalar("ModuleVersion"));
        Assert.Equal("bin/ImageBuilderScan.dll", Scalar("RootModule"));
        Assert.Equal("7.4", Scalar("PowerShellVersion"));
        Assert.Equal(["Core"], List("CompatiblePSEditions"));
        Assert.Equal(["ImageBuilderScan.Format.ps1xml"], List("FormatsToProcess"));
        Assert.True(Guid.TryParse(Scalar("GUID"), out _));
        Assert.DoesNotMatch(@"NestedModules|ScriptsToProcess|\.psm1", Manifest);
    }

    [Fact]
    public void Gallery_metadata()
    {
        Assert.NotEmpty(List("Tags"));
        Assert.StartsWith("https://", Scalar("ProjectUri"));
        Assert.StartsWith("https://", Scalar("LicenseUri"));
        Assert.NotEmpty(Scalar("ReleaseNotes"));
    }

    [Fact]
    public void Release_notes_name_every_cmdlet()
    {
        var notes = Scalar("ReleaseNotes");
        Assert.All(CmdletMetadata.Cmdlets.Keys, cmdlet => Assert.Contains(cmdlet, notes));
    }
}
