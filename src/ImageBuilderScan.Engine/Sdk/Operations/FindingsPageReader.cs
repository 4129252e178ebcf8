using System.Text.Json;
using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary><c>ListImageScanFindings</c> response: requestId, nextToken and findings[] (see <see cref="FindingReader"/>).</summary>
internal sealed class FindingsPageReader : PageReader<ScanFinding>
{
    public static readonly FindingsPageReader Instance = new();

    protected override string ItemsMember => "findings";

    protected override ScanFinding ReadItem(ref Utf8JsonReader reader, string? requestId, string? aggregationType)
        => FindingReader.Read(ref reader, requestId);

    protected override bool IsStamped(ScanFinding item, string? requestId, string? aggregationType) => item.RequestId == requestId;

    protected override ScanFinding Restamp(ScanFinding item, string? requestId, string? aggregationType) => item with { RequestId = requestId };
}
