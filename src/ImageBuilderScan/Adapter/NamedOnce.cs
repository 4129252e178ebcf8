using System.Diagnostics.CodeAnalysis;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The names one command was given, each acted on once: piped objects often name the same thing (a pipeline's findings
/// share a few images, a finding per row names its build), and a command lists, judges or compares it once. The one
/// home of that check for every command (<c>AwsCmdlet.FirstTime</c> says a repeat in -Verbose).
/// </summary>
internal sealed class NamedOnce
{
    private readonly HashSet<(string Kind, string Value)> _named = [];

    /// <summary>True the first time <paramref name="value"/> is named; else false, with the line that says so.</summary>
    /// <param name="kind">What the value names (a parameter's or property's name); by default the name of its shape
    /// (<see cref="KeyShapes.FilterNameOf"/>), e.g. <c>ImagePipelineArn</c>.</param>
    public bool First(string value, string? kind, [NotNullWhen(false)] out string? repeat)
    {
        kind ??= FilterNames.PropertyFor(KeyShapes.FilterNameOf(value)) ?? "InputObject";
        repeat = _named.Add((kind, value)) ? null : $"{kind} {value}: already named to this command.";
        return repeat is null;
    }
}
