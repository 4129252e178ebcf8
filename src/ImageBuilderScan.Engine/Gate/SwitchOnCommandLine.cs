namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Whether a command line asked for a switch (Test-IBScanGate's -ExitCode) that PowerShell never bound: it binds named
/// parameters in the order they are written and stops at the first one it cannot bind (a value that fails validation or
/// conversion, a misspelled name), so a switch written after it is never set, and the command (disposed unbound) could
/// not tell that the script asked it to own the exit code. Read from the command's own text instead, the way
/// PowerShell matches names: the full name, an alias, or a prefix no other parameter name or alias shares.
/// </summary>
public static class SwitchOnCommandLine
{
    /// <summary>One parameter as written: its name without the dash, and its value when one is given (<c>-ExitCode:$false</c>).</summary>
    /// <param name="Value">Null when the token has no value of its own (a switch as usually written), else whether the value is true;
    /// a value the caller could not evaluate counts as true: in doubt, the run is the switch's.</param>
    public readonly record struct Given(string Name, bool? Value = null);

    /// <param name="wanted">The switch's name, e.g. ExitCode.</param>
    /// <param name="given">The parameters on the line, in order (from a splatted hashtable too).</param>
    /// <param name="names">Every parameter name and alias of the command (common parameters included), the switch's own among them.</param>
    /// <returns>Whether the last token that names <paramref name="wanted"/> asks for it (a later <c>-ExitCode:$false</c> undoes it).</returns>
    public static bool Asked(string wanted, IEnumerable<Given> given, IReadOnlyCollection<string> names)
    {
        var asked = false;
        foreach (var parameter in given)
        {
            if (Names(wanted, parameter.Name, names)) asked = parameter.Value ?? true;
        }

        return asked;
    }

    private static bool Names(string wanted, string name, IReadOnlyCollection<string> names)
    {
        if (name.Length == 0 || !wanted.StartsWith(name, StringComparison.OrdinalIgnoreCase)) return false;
        if (name.Length == wanted.Length) return true;
        // A prefix another parameter shares (-Ex: ExceptionPath, ExternalId) was ambiguous to PowerShell: not this switch.
        return !names.Any(other => !string.Equals(other, wanted, StringComparison.OrdinalIgnoreCase)
                                   && other.StartsWith(name, StringComparison.OrdinalIgnoreCase));
    }
}
