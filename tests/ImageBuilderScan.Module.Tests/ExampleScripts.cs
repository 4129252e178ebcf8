using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>One invocation of one of our cmdlets inside an example, with what precedes it in its statement.</summary>
internal sealed record ExampleCall(string Source, string Cmdlet, IReadOnlyList<string> Parameters, string Upstream, string Line);

/// <summary>
/// The PowerShell that users copy (help examples, README, about topic), cut into our cmdlets'
/// invocations. No PowerShell runs here, so this is a text reading: strings are blanked first so a
/// '-' or '|' inside quotes is not taken for syntax.
/// </summary>
internal static partial class ExampleScripts
{
    public static IEnumerable<(string Source, string Code)> Blocks()
    {
        foreach (var file in Directory.GetFiles(Repo.File("en-US"), "*.md").Append(Repo.File("README.md")))
        {
            foreach (Match block in Fence().Matches(File.ReadAllText(file)))
                yield return (Path.GetFileName(file), block.Groups[1].Value);
        }

        // The about topic is plain text: its indented lines that call a cmdlet are its examples.
        var about = Repo.File("en-US", "about_ImageBuilderScan.help.txt");
        var lines = File.ReadAllLines(about).Where(l => l.StartsWith("      ", StringComparison.Ordinal));
        yield return (Path.GetFileName(about), string.Join('\n', lines));
    }

    public static IEnumerable<ExampleCall> Calls()
    {
        foreach (var (source, code) in Blocks())
        {
            foreach (var statement in Statements(BlankStrings(code)))
            {
                var segments = statement.Split('|');
                for (var i = 0; i < segments.Length; i++)
                {
                    var call = Invocation().Match(segments[i]);
                    if (!call.Success) continue;
                    var parameters = ParameterToken().Matches(call.Groups[2].Value).Select(m => m.Groups[1].Value).ToList();
                    yield return new ExampleCall(source, call.Groups[1].Value, parameters, string.Join('|', segments.Take(i)), statement.Trim());
                }
            }
        }
    }

    /// <summary>Statements with continuation lines joined (a line ending in '|' or a backtick goes on).</summary>
    private static IEnumerable<string> Statements(string code)
    {
        var current = "";
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#')) continue;
            current += " " + line.TrimEnd('`');
            if (line.EndsWith('|') || line.EndsWith('`')) continue;
            yield return current;
            current = "";
        }

        if (current.Length > 0) yield return current;
    }

    private static string BlankStrings(string code) => QuotedString().Replace(code, m => new string('x', m.Length));

    [GeneratedRegex(@"```powershell\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex QuotedString();

    // The cmdlet and its arguments up to the end of its command: a pipe (split already), ')', ';' or '}'.
    [GeneratedRegex(@"\b(Get-IBScan\w+|Test-IBScanGate|Compare-IBScanFinding|Export-IBScanReport)\b([^);}]*)")]
    private static partial Regex Invocation();

    [GeneratedRegex(@"(?<=\s)-(\w+)")]
    private static partial Regex ParameterToken();
}
