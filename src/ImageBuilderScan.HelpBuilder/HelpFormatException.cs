namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// The markdown is not in the shape the converter expects. Carries the file and the 1-based line so
/// the build error points at the place to fix.
/// </summary>
internal sealed class HelpFormatException(string file, int line, string problem)
    : Exception($"{file}({line}): error IBHELP001: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
