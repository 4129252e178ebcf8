namespace ImageBuilderScan.Module.Tests;

/// <summary>`dotnet build src/ImageBuilderScan` lays the module out as it installs.</summary>
public sealed class LayoutTests
{
    private static string InModule(params string[] parts) => Path.Combine([Repo.ModuleFolder, .. parts]);

    [Fact]
    public void The_module_folder_holds_what_powershell_needs()
    {
        foreach (var file in new[] { "ImageBuilderScan.psd1", "ImageBuilderScan.Format.ps1xml", "LICENSE", "THIRD-PARTY-NOTICES", "en-US/about_ImageBuilderScan.help.txt", "en-US/ImageBuilderScan.dll-Help.xml", "bin/ImageBuilderScan.dll", "bin/deps/ImageBuilderScan.Engine.dll", "bin/deps/ImageBuilderScan.Client.dll", "bin/deps/AWSSDK.Core.dll", "bin/deps/AWSSDK.SecurityToken.dll", "bin/deps/AWSSDK.SSO.dll", "bin/deps/AWSSDK.SSOOIDC.dll" })
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
        Assert.All(files.Where(f => f.StartsWith("bin/deps/")), f => Assert.Matches(@"^bin/deps/(ImageBuilderScan\.Engine|ImageBuilderScan\.Client|AWSSDK\.[A-Za-z.]+|YamlDotNet)\.dll$", f));
    }

    [Fact]
    public void The_shipped_manifest_and_format_file_are_the_sources()
    {
        Assert.Equal(File.ReadAllText(Repo.File("ImageBuilderScan.psd1")), File.ReadAllText(InModule("ImageBuilderScan.psd1")));
        Assert.Equal(File.ReadAllText(Repo.File("ImageBuilderScan.Format.ps1xml")), File.ReadAllText(InModule("ImageBuilderScan.Format.ps1xml")));
    }

    [Fact]
    public void The_licence_and_the_third_party_notices_ship_with_the_module()
    {
        foreach (var file in new[] { "LICENSE", "THIRD-PARTY-NOTICES" })
            Assert.Equal(File.ReadAllText(Repo.File(file)), File.ReadAllText(InModule(file)));
        // The manifest's LicenseUri names the repository's LICENSE, and the manifest's copyright its licence.
        var manifest = File.ReadAllText(Repo.File("ImageBuilderScan.psd1"));
        Assert.Matches(@"LicenseUri\s*=\s*'[^']+/LICENSE'", manifest);
        Assert.Contains("MIT License", File.ReadAllText(Repo.File("LICENSE")));
        Assert.Contains("MIT License", manifest);
    }

    [Fact]
    public void Every_shipped_third_party_assembly_is_named_in_the_notices_with_its_licence()
    {
        var notices = File.ReadAllText(InModule("THIRD-PARTY-NOTICES"));
        var shipped = Directory.GetFiles(InModule("bin", "deps"), "*.dll").Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("ImageBuilderScan.", StringComparison.Ordinal)).ToList();
        Assert.Contains(shipped, name => name!.StartsWith("AWSSDK.", StringComparison.Ordinal));
        Assert.Contains("YamlDotNet", shipped);
        Assert.All(shipped, name => Assert.Matches($@"(?m)^\s*{System.Text.RegularExpressions.Regex.Escape(name!)}\s", notices));
        // Each licence's full text, not only its name.
        string[] licenceText =
        [
            // The AWS SDK's Apache licence: its terms and its end.
            "Apache License", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS",
            "Amazon.com, Inc. or its affiliates",
            // YamlDotNet's MIT licence, with its copyright line.
            "Copyright (c) Antoine Aubry and contributors", "Permission is hereby granted, free of charge",
        ];
        Assert.All(licenceText, text => Assert.Contains(text, notices));
    }

    /// <summary>
    /// PowerShell loads every type of a binary module's assembly before the module's resolver is
    /// hooked: a type there that derives from or implements an engine type makes Import-Module fail
    /// with "Could not load file or assembly 'ImageBuilderScan.Engine'". So does a method whose type
    /// parameter is constrained to an engine type.
    /// </summary>
    [Fact]
    public void No_type_of_the_cmdlet_assembly_derives_from_implements_or_constrains_to_an_engine_type()
    {
        var dll = InModule("bin", "ImageBuilderScan.dll");
        var paths = Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Concat(Directory.GetFiles(InModule("bin", "deps"), "*.dll"))
            .Append(dll).Append(typeof(System.Management.Automation.PSCmdlet).Assembly.Location);
        using var context = new System.Reflection.MetadataLoadContext(new System.Reflection.PathAssemblyResolver(paths));
        var offenders = new List<string>();
        foreach (var type in context.LoadFromAssemblyPath(dll).GetTypes())
        {
            var related = new List<Type>(type.GetInterfaces());
            for (var b = type.BaseType; b is not null; b = b.BaseType) related.Add(b);
            offenders.AddRange(related.Where(IsEngine).Select(r => $"{type.FullName} : {r.FullName}"));
            var all = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance
                | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Where(m => m.IsGenericMethodDefinition))
            {
                offenders.AddRange(method.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()).Where(IsEngine)
                    .Select(c => $"{type.FullName}.{method.Name}<{c.FullName}>"));
            }
        }

        Assert.Empty(offenders);
    }

    private static bool IsEngine(Type type) => type.Assembly.GetName().Name is "ImageBuilderScan.Engine" or "ImageBuilderScan.Client";
}
