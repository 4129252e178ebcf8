namespace ImageBuilderScan.Client.Errors;

/// <summary>The base of every error the engine raises.</summary>
public abstract class ImageBuilderScanException : Exception
{
    /// <param name="message">Written as given but for what no message may hold: secrets in use or echoed are taken out,
    /// and control characters, escape sequences and CI-runner commands are made inert (<see cref="SecretRedaction.ForOutput"/>).</param>
    protected ImageBuilderScanException(string message, Exception? inner = null) : base(SecretRedaction.ForOutput(message), inner) { }

    /// <summary>A stable identifier, used as the PowerShell error id.</summary>
    public abstract string ErrorId { get; }

    public abstract ScanErrorCategory Category { get; }

    /// <summary>Set when the failure happened while listing, so the listing can be resumed.</summary>
    public ResumePoint? Resume { get; protected internal set; }

    /// <summary>True when no call can ever succeed with this configuration (stops the command).</summary>
    public virtual bool IsFatalConfiguration => false;
}
