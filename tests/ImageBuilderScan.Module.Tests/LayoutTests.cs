namespace ImageBuilderScan.Module.Tests;

/// <summary>`dotnet build src/ImageBuilderScan` lays the module out as it installs.</summary>
public sealed class LayoutTests
{
    private static string InModule(params string[] parts) => Path.Combine([Repo.ModuleFolder, .. parts]);

    [Fact]
    public void The_module_folder_holds_what_powershell_needs()
    {
        foreach (var file in new[] { "ImageBuilderScan.psd1", "ImageBuilderScan.Format.ps1xml", "en-US/about_ImageBuilderScan.help.txt", "en-US/ImageBuilderScan.dll-Help.xml", "bin/ImageBuilderScan.dll", "bin/deps/ImageBuilderScan.Engine.dll", "bin/deps/AWSSDK.Core.dll", "bin/deps/AWSSDK.SecurityToken.dll", "bin/deps/AWSSDK.SSO.dll", "bin/deps/AWSSDK.SSOOIDC.dll" })
        {
            Assert.True(File.Exists(InModule(file.Split('/'))), $"missing {file} in {Repo.ModuleFolder}");
        }
    }

    [Fact]
    public void System_management_automation_is_nowhere_and_the_engine_only_in_deps()
    {
        var files = Directory.GetFiles(Repo.ModuleFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Repo.ModuleFolder, f).Replace('\\', '/')).ToList();
        Assert.DoesNotContain(files, f => f.EndsWith("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["bin/deps/ImageBuilderScan.Engine.dll"], files.Where(f => f.EndsWith("ImageBuilderScan.Engine.dll")));
        Assert.Equal(["bin/ImageBuilderScan.dll"], files.Where(f => f.StartsWith("bin/") && !f.StartsWith("bin/deps/")));
        Assert.All(files.Where(f => f.StartsWith("bin/deps/")), f => Assert.Matches(@"^bin/deps/(ImageBuilderScan\.Engine|AWSSDK\.[A-Za-z.]+)\.dll$", f));
    }

    [Fact]
    public void The_shipped_manifest_and_format_file_are_the_sources()
    {
        Assert.Equal(File.ReadAllText(Repo.File("ImageBuilderScan.psd1")), File.ReadAllText(InModule("ImageBuilderScan.psd1")));
        Assert.Equal(File.ReadAllText(Repo.File("ImageBuilderScan.Format.ps1xml")), File.ReadAllText(InModule("ImageBuilderScan.Format.ps1xml")));
    }
}
