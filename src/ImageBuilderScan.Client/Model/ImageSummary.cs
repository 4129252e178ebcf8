namespace ImageBuilderScan.Client.Model;

/// <summary>One build, as <c>ListImagePipelineImages</c> and <c>ListImageBuildVersions</c> list it (<c>ImageSummary</c>).</summary>
public sealed record ImageSummary : IPageItem
{
    /// <summary>The members as C# prints them, made inert (<see cref="Text.InputDisplay.Printed"/>); the values stay as sent.</summary>
    public override string ToString() => Text.InputDisplay.Printed(nameof(ImageSummary), PrintMembers);

    public required string Arn { get; init; }
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? Platform { get; init; }
    /// <summary>The image's state (<c>AVAILABLE</c>, <c>FAILED</c>, ...).</summary>
    public string? State { get; init; }
    /// <summary>UTC; null when the service sent none.</summary>
    public DateTime? DateCreated { get; init; }
    /// <summary>The request id of the page this summary came in.</summary>
    public string? RequestId { get => _requestId; init => _requestId = value; }
    private string? _requestId;

    bool IPageItem.NeedsAccount => false;

    string? IPageItem.NamedArn => Arn;

    void IPageItem.Stamp(in PageOrigin origin) => _requestId = origin.RequestId;
}
