using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Other commands of the gate's statement wrote errors while it ran (an upstream <c>Get-Content</c> that could not
/// read one of its files): what reached the gate may be missing builds or findings, so it is not judged as whole.
/// </summary>
public sealed class PipelineErrorException : ImageBuilderScanException
{
    public PipelineErrorException(IReadOnlyList<(string Command, string Message)> errors) : base(Compose(errors))
    {
        if (errors.Count == 0) throw new ArgumentException("At least one error.", nameof(errors));
        Count = errors.Count;
    }

    /// <summary>How many errors the other commands wrote.</summary>
    public int Count { get; }
    public override string ErrorId => "PipelineError";
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidData;

    private static string Compose(IReadOnlyList<(string Command, string Message)> errors)
    {
        var (command, message) = errors.Count > 0 ? errors[0] : ("", "");
        var what = errors.Count == 1 ? "an error" : $"{errors.Count} errors, the first";
        var who = command.Length > 0 ? $"{InputDisplay.Show(command)}: " : "";
        return $"Another command of the gate's pipeline wrote {what} while the gate ran ({who}{InputDisplay.Show(message)}): " +
               "what reached the gate may be incomplete, so it is not judged. Give a command whose errors are expected -ErrorAction Ignore, " +
               "or stop on them (-ErrorAction Stop).";
    }
}
