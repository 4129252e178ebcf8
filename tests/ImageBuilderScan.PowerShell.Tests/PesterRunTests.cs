using ImageBuilderScan.Tests.Shared;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Xunit.Abstractions;

namespace ImageBuilderScan.PowerShell.Tests;

/// <summary>
/// Each Pester suite of tests/ in PowerShell 7.6 (Microsoft.PowerShell.SDK), the way
/// <c>./build.ps1 -Task Test</c> runs it on a user's machine: the built module, a local emulator.
/// </summary>
public sealed class PesterRunTests(ITestOutputHelper output)
{
    private static readonly string PesterManifest = typeof(PesterRunTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PesterManifest").Value!;

    /// <summary>Every suite in tests/, so a new one cannot be left out.</summary>
    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "tests"), "*.Tests.ps1").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Pester_suite_passes_in_PowerShell_7(string suite)
    {
        var path = Path.Combine(RepoRoot.Path, "tests", suite);
        Assert.True(File.Exists(PesterManifest), $"Pester is missing at {PesterManifest} (restore downloads it).");

        var state = InitialSessionState.CreateDefault2();
        // Execution policy exists only on Windows (setting it elsewhere throws).
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create(runspace);
        shell.AddScript("""
            param($Pester, $Path)
            Import-Module $Pester -Force
            $c = New-PesterConfiguration
            $c.Run.Path = $Path
            $c.Run.PassThru = $true
            $c.Output.Verbosity = 'None'
            $r = Invoke-Pester -Configuration $c
            [pscustomobject]@{
                Passed   = $r.PassedCount
                Failed   = $r.FailedCount
                Skipped  = $r.SkippedCount
                NotRun   = $r.NotRunCount
                Failures = @($r.Failed | ForEach-Object { "$($_.ExpandedPath): $($_.ErrorRecord -join ' | ')" }) +
                           @($r.FailedContainers | ForEach-Object { "container $($_.Item): $($_.ErrorRecord -join ' | ')" })
            }
            """).AddParameter("Pester", PesterManifest).AddParameter("Path", path);
        var result = shell.Invoke().Single();

        foreach (var error in shell.Streams.Error) output.WriteLine("error stream: " + error);
        int Count(string name) => Convert.ToInt32(result.Properties[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (passed, failed, skipped, notRun) = (Count("Passed"), Count("Failed"), Count("Skipped"), Count("NotRun"));
        output.WriteLine($"{suite}: {passed} passed, {failed} failed, {skipped} skipped, {notRun} not run");
        var failures = ((IEnumerable<object>)PSObject.AsPSObject(result.Properties["Failures"].Value).BaseObject).Select(f => f.ToString()!).ToList();
        foreach (var f in failures) output.WriteLine(f);

        Assert.True(failures.Count == 0 && failed == 0, string.Join(Environment.NewLine, failures));
        Assert.True(passed > 0, $"{suite}: no test passed; discovery found nothing.");
        Assert.Equal(0, notRun);
    }
}
