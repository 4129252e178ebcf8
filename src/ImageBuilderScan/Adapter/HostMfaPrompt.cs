using System.Collections.ObjectModel;
using System.Management.Automation.Host;
using System.Net;
using System.Security;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Asks the person at the host for an MFA code (a profile with <c>mfa_serial</c>), as AWS Tools does: through the
/// host's own prompt, on the pipeline thread (a worker's question is handed over by the command's
/// <see cref="PipelinePump"/>), the code read masked and never written anywhere. A host that cannot prompt
/// (<c>pwsh -NonInteractive</c>, a runspace without UI, a job) answers null: the client then fails before any request.
/// </summary>
internal static class HostMfaPrompt
{
    public const string Field = "Code";

    public static MfaSession For(PSHost? host, PipelinePump pump, CancellationToken stop) => new(challenge =>
    {
        try
        {
            return pump.OnPipelineThread(() => Ask(host, challenge), stop);
        }
        catch (InvalidOperationException)
        {
            // Asked on a worker while the pipeline thread consumes nothing: nobody can be asked now.
            return null;
        }
    });

    private static string? Ask(PSHost? host, MfaChallenge challenge)
    {
        if (host?.UI is not { } ui) return null;
        var field = new FieldDescription(Field)
        {
            HelpMessage = "The code your MFA device shows now (6 digits).",
        };
        field.SetParameterType(typeof(SecureString));
        try
        {
            // The serial and role come from the user's own files, shown inert all the same.
            var answers = ui.Prompt($"MFA code for {InputDisplay.Show(challenge.Who)}",
                $"Assuming the role {InputDisplay.Show(challenge.RoleArn)} needs the code of the MFA device {InputDisplay.Show(challenge.SerialNumber)} (mfa_serial).",
                new Collection<FieldDescription> { field });
            if (answers is null || !answers.TryGetValue(Field, out var answer) || answer is null) return "";
            return answer.BaseObject switch
            {
                SecureString secure => new NetworkCredential(string.Empty, secure).Password,
                var other => other?.ToString() ?? "",
            };
        }
        catch (Exception e) when (e is PSInvalidOperationException or HostException or NotImplementedException or NotSupportedException)
        {
            // pwsh -NonInteractive ("Read and Prompt functionality is not available"), or a host without a UI.
            return null;
        }
    }
}
