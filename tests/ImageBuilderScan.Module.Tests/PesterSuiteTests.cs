using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// What can be checked about the Pester suites without PowerShell: they use only Pester 5's Should
/// operators, and keep every piece of run-time code inside Pester blocks (Pester 5 runs a file's
/// top level during discovery only, so a variable set there is gone when the tests run).
/// </summary>
public sealed class PesterSuiteTests
{
    // Pester 5's built-in Should operators (Get-ShouldOperator in Pester 5.x).
    private static readonly HashSet<string> Pester5Operators = new(StringComparer.OrdinalIgnoreCase)
    {
        "Be", "BeExactly", "BeGreaterThan", "BeLessThan", "BeGreaterOrEqual", "BeLessOrEqual", "BeIn",
        "BeLike", "BeLikeExactly", "BeNullOrEmpty", "BeOfType", "BeTrue", "BeFalse", "Contain", "Exist",
        "FileContentMatch", "FileContentMatchExactly", "FileContentMatchMultiline", "FileContentMatchMultilineExactly",
        "HaveCount", "HaveParameter", "Match", "MatchExactly", "Throw", "Invoke", "InvokeVerifiable",
    };

    private static string[] SuiteNames() =>
        Directory.GetFiles(Repo.File("tests"), "*.Tests.ps1").Select(Path.GetFileName).Order().ToArray()!;

    public static TheoryData<string> Suites() => new(SuiteNames());

    [Fact]
    public void Every_cmdlet_has_a_suite()
    {
        // Build.Tests.ps1 checks build.ps1's helpers (how the Test task starts Pester); ExitCodes.Tests.ps1 the gate's
        // CI exit contract in real pwsh processes (issue 20); Errors.Tests.ps1 what the
        // cmdlets say when something fails, and where they resume; Examples.Tests.ps1 runs every documented
        // example, Fleet.Tests.ps1 the fan-out over regions and accounts, FleetOutput.Tests.ps1 what its output
        // says (targets, overlaps, unique labels, views at 80 and 140 columns, stable type names), Views.Tests.ps1 checks the format views, WaitAndSelect.Tests.ps1 the gate right
        // after a build (-WaitForScan, -ImagePipelineArn, image versions, every pipeable shape), AwsToolsHabits.Tests.ps1
        // what an AWS Tools user types and expects (parameter names, type literals, export habits), HostileEndpoint.Tests.ps1
        // what a hostile endpoint can and cannot do, ExitCodes.Tests.ps1 the CI exit contract in real pwsh processes,
        // InstallByName.Tests.ps1 publish and Install-PSResource by name, Mfa.Tests.ps1 mfa_serial profiles; one suite per cmdlet besides.
        Assert.Equal(["AwsToolsHabits.Tests.ps1", "Build.Tests.ps1", "Compare-IBScanFinding.Tests.ps1", "Errors.Tests.ps1", "Examples.Tests.ps1", "ExitCodes.Tests.ps1", "Export-IBScanReport.Tests.ps1", "Fleet.Tests.ps1", "FleetOutput.Tests.ps1",
            "Get-IBScanFinding.Tests.ps1", "Get-IBScanFindingAggregation.Tests.ps1", "Get-IBScanHistory.Tests.ps1", "HostileEndpoint.Tests.ps1", "InstallByName.Tests.ps1", "Mfa.Tests.ps1", "Test-IBScanGate.Tests.ps1", "Views.Tests.ps1", "WaitAndSelect.Tests.ps1"], SuiteNames());
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Uses_only_pester5_should_operators(string suite)
    {
        var text = File.ReadAllText(Repo.File("tests", suite));
        var operators = Regex.Matches(text, @"\bShould\s+(?:-Not\s+)?-(\w+)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(operators);
        Assert.Empty(operators.Where(o => !Pester5Operators.Contains(o)).Distinct());
        // Pester 6's assertions (Should-Be, Assert-*) do not exist in Pester 5.
        Assert.DoesNotMatch(@"\bShould-\w+|\bAssert-(?:Equal|True|False|Null)", text);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Top_level_holds_only_pester_blocks(string suite)
    {
        var misplaced = new List<string>();
        var depth = 0;
        foreach (var line in File.ReadLines(Repo.File("tests", suite)))
        {
            var trimmed = line.Trim();
            if (depth == 0 && trimmed.Length > 0 && !trimmed.StartsWith('#')
                && !Regex.IsMatch(trimmed, @"^(BeforeAll|AfterAll|BeforeDiscovery|Describe\b.*)\s*\{"))
            {
                misplaced.Add(line);
            }

            // Braces in strings would miscount; the suites keep them balanced per line or in blocks.
            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
        }

        Assert.Empty(misplaced);
        Assert.Equal(0, depth);
    }
}
