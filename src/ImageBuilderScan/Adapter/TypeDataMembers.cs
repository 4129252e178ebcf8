using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The code behind ImageBuilderScan.Types.ps1xml and the views' text: a hidden <c>Severity</c> member on findings that
/// shadows the service's string with a <see cref="ScanSeverity"/>, so <c>Sort-Object Severity</c>
/// sorts by rank. Hidden members are left out of ConvertTo-Json, Export-Csv and Format-List, which
/// keep writing the string (the .NET property).
/// </summary>
/// <remarks>Public for PowerShell's type data (a CodeProperty names a public static method taking
/// the PSObject). The signature names no engine type: the engine resolves only after import.</remarks>
public static class TypeDataMembers
{
    public static object? Severity(PSObject instance) => SeverityOf(instance?.BaseObject);

    /// <summary>
    /// A value as the format views show it (ImageBuilderScan.Format.ps1xml): its text made inert by the one sanitiser
    /// (no control character, escape sequence or bidi control raw, no line starting with a CI runner's command) and
    /// scrubbed of secrets; null stays null so an empty cell stays empty.
    /// </summary>
    public static string? Inert(object? value)
    {
        // A copy's member (Import-Clixml: the finding's Severity travels as a bag) prints as the value it copies.
        value = value is PSObject wrapped ? wrapped.BaseObject is PSCustomObject ? wrapped.ToString() : wrapped.BaseObject : value;
        return value switch
        {
            null => null,
            string text => SecretRedaction.ForOutput(text),
            _ => SecretRedaction.ForOutput(value.ToString()),
        };
    }

    /// <summary>
    /// The finding table's package cell: a line per vulnerable package, <c>name installed -> fix</c>, <c>none</c> where
    /// there is no fix (<see cref="FixedIn"/>), made inert; with a <paramref name="width"/>, a package longer than that
    /// is broken into lines as <see cref="PackageLines"/> says. A live finding and a copy (Import-Clixml) read alike.
    /// </summary>
    public static string? Packages(PSObject? finding, int width = 0)
    {
        ScanFinding? read;
        try
        {
            read = FindingCopies.From(finding);
        }
        catch (FormatException)
        {
            // A copy that lost a member's form: its cell stays empty rather than guessed.
            read = null;
        }

        return read is null ? null : PackageCell(read, width);
    }

    /// <summary>
    /// The package cell of a finding: each line is one of its rows (<see cref="FindingRow"/>, the one home of a row's
    /// package name, installed version and fix, as the reports and comparisons show them); a finding with neither a
    /// package nor a package name has no line.
    /// </summary>
    internal static string PackageCell(ScanFinding finding, int width = 0) => string.Join("\n", FindingRow.Of(finding)
        .Where(row => row.Package is not null || row.PackageName.Length > 0)
        .Select(row => Words(row.PackageName, row.InstalledVersion, row.FixedInVersion))
        .Select(words => width > 0 ? PackageLines(words, width) : string.Join(' ', words)));

    /// <summary>
    /// One package's <c>name installed -> fix</c> broken for a last table column of at least <paramref name="width"/>
    /// characters, by real line breaks, as <see cref="Lines"/> breaks a summary (padding lined up only at one console
    /// width, and split versions at 100, 120 and 140 columns and on an 80-column console). A package that fits is one
    /// line. A longer one is broken only at the separators between its three parts: the name, the installed version and
    /// the fix with its arrow (<c>-> 8.3.0-1.amzn2023.0.2</c> stays one part), never inside a name or a version, whose
    /// characters (dots, dashes, colons, tildes) say nothing about where a reader may cut. Continuation lines are
    /// indented by <see cref="PackageIndent"/>, so a reader (and a script reading the column back) tells the rest of a
    /// package from the next package. A part that does not fit the column (after the indent, on a later line) keeps a line
    /// of its own and is split by PowerShell: there is no separator to break it at.
    /// </summary>
    private static string PackageLines(IReadOnlyList<string> words, int width)
    {
        var lines = new List<string>();
        Break(words, width, PackageIndent, lines);
        return string.Join("\n", lines);
    }

    /// <summary>What starts the second and later lines of one package in the package cell (<see cref="PackageLines"/>).</summary>
    internal const string PackageIndent = "  ";

    /// <summary>
    /// <paramref name="value"/> made inert and laid out for a table column that PowerShell wraps by character at
    /// <paramref name="width"/> (its width at 80 console columns): each line is word-wrapped at that width, and a
    /// wrapped line is padded with spaces to the width instead of broken, so at 80 columns the wrap falls between words
    /// (a version is never split) while a wider console still shows the line on one line. A word longer than the
    /// width is split by PowerShell, and a real line break follows it: padding after it would line up at this width
    /// only (at 120 columns a long image name's version was split), while a break holds at every width.
    /// </summary>
    public static string? Fit(object? value, int width)
    {
        if (Inert(value) is not { } text || width < 2) return Inert(value);
        return string.Join("\n", text.Split('\n').Select(line => FitLine(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), width)));
    }

    /// <summary>
    /// <paramref name="value"/> made inert and broken between words into lines of at most <paramref name="width"/>
    /// characters, for a last table column whose width grows with the console: unlike <see cref="Fit"/>'s padding, a
    /// line break holds at any column at least that wide (PowerShell cuts a padded cell wherever its own width falls,
    /// which split words at 100 or 120 columns, and on an 80-column console, whose last column is one narrower than
    /// Out-String -Width 80's). A word longer than the width keeps a line of its own and is split by PowerShell.
    /// </summary>
    public static string? Lines(object? value, int width)
    {
        if (Inert(value) is not { } text || width < 2) return Inert(value);
        var lines = new List<string>();
        foreach (var given in text.Split('\n')) Break(given.Split(' ', StringSplitOptions.RemoveEmptyEntries), width, "", lines);
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The one line breaker of the views (<see cref="Lines"/>, <see cref="PackageLines"/>): <paramref name="words"/>
    /// joined by spaces into lines of at most <paramref name="width"/> characters, each line after the first starting
    /// with <paramref name="indent"/>; a word that does not fit a line of its own still gets one. Adds one line at least.
    /// </summary>
    private static void Break(IEnumerable<string> words, int width, string indent, List<string> lines)
    {
        var line = new System.Text.StringBuilder();
        // Whether the line being built holds a word yet (a continuation line starts with the indent alone).
        var holdsWord = false;
        foreach (var word in words)
        {
            if (holdsWord && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(indent);
                holdsWord = false;
            }

            if (holdsWord) line.Append(' ');
            line.Append(word);
            holdsWord = true;
        }

        lines.Add(line.ToString());
    }

    private static string FitLine(IEnumerable<string> words, int width)
    {
        var fitted = new System.Text.StringBuilder();
        // Where the next character lands in the column's current line: 0 at a line's start, width when it is full.
        var column = 0;
        // Whether the word just written was longer than the width (PowerShell splits it; what follows starts a line).
        var longWord = false;
        foreach (var word in words)
        {
            if (longWord)
            {
                fitted.Append('\n');
                column = 0;
            }
            else if (column > 0 && column + 1 + word.Length <= width)
            {
                fitted.Append(' ');
                column++;
            }
            else if (column > 0)
            {
                // Pad to the wrap; at least one space, so that a wide console still reads two words.
                var pad = Math.Max(1, width - column);
                fitted.Append(' ', pad);
                column += pad;
                if (column >= width) column -= width;
            }

            fitted.Append(word);
            longWord = word.Length > width;
            column = ((column + word.Length - 1) % width) + 1;
        }

        return fitted.ToString();
    }

    /// <summary>A fixed-in version as the views show it: the version, or <c>none</c> when there is no fix (<see cref="FixedIn"/>).</summary>
    public static string FixText(object? fixedInVersion) => FixedIn.Label(Inert(fixedInVersion));

    // Made inert word by word (a word is text from the wire), with no empty word.
    private static string[] Words(string name, string? installed, string? fix) =>
        new[] { Inert(name), Inert(installed), "-> " + FixText(fix) }.Where(w => !string.IsNullOrEmpty(w)).Select(w => w!).ToArray();

    private static ScanSeverity? SeverityOf(object? finding) => finding is ScanFinding f ? ScanSeverity.Of(f.Severity) : null;
}
