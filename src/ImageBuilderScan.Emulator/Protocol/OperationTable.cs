using System.Buffers;
using System.IO.Pipelines;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// One request as an operation's row sees it: its body and query string, what the caller may see, and the scans set
/// to advance with the time the request came (GetImage serves the state reached then).
/// </summary>
internal sealed record OperationCall(byte[] Body, IQueryCollection Query, PageServer Pages, PageTokens Tokens, FindingsDataSet View, DataScope Scope,
    ScanBoard Scans, DateTimeOffset Now);

/// <summary>Writes a served page as the operation's response body (aggregations stream through <c>pipe</c> when given).</summary>
internal delegate ValueTask WriteBody(IBufferWriter<byte> output, PipeWriter? pipe, string requestId, ServedPage page, string? nextToken,
    Absurdity? absurdity, CancellationToken cancellationToken);

/// <summary>
/// One operation of the table: the model's http method and requestUri, the names a fault plan may give it, how a
/// request is parsed and served, how the answer is written, and the body of a wrong-types fault.
/// </summary>
internal sealed record OperationRow(EmulatorOperation Operation, string Method, string Path, string[] FaultNames,
    Func<OperationCall, ServedPage> Serve, WriteBody Write, Func<string, string> WrongTypes);

/// <summary>
/// Every operation the emulator serves, in one place: a new operation is a member of <see cref="EmulatorOperation"/>
/// (last: page tokens carry the number) and a row here. A request no row matches is UnknownOperationException, never
/// another operation's answer.
/// </summary>
internal static class OperationTable
{
    public static IReadOnlyList<OperationRow> All { get; } =
    [
        new(EmulatorOperation.ListImageScanFindingAggregations, "POST", "/ListImageScanFindingAggregations", ["aggregations"],
            c => c.Pages.Aggregations(ApiRequests.ParseAggregations(c.Body), c.Tokens, c.View, c.Scope),
            (o, pipe, id, page, next, absurdity, ct) => PageJson.WriteAggregationsAsync(o, pipe, id, page.Kind!, page.Aggregations!, next, absurdity, ct),
            id => "{\"requestId\":\"" + id + "\",\"aggregationType\":7,\"responses\":[{\"accountAggregation\":{\"accountId\":123456789012," +
                "\"severityCounts\":{\"all\":\"many\",\"critical\":true,\"high\":[],\"medium\":{}}}}],\"nextToken\":17}"),
        new(EmulatorOperation.ListImageScanFindings, "POST", "/ListImageScanFindings", ["findings"],
            c => c.Pages.Findings(ApiRequests.ParseFindings(c.Body), c.Tokens, c.View, c.Scope),
            (o, _, id, page, next, _, _) => Sync(() => PageJson.WriteFindings(o, id, page.Findings!, next)),
            id => $$"""{"requestId":"{{id}}","findings":{"severity":42},"nextToken":17}"""),
        new(EmulatorOperation.GetImage, "GET", "/GetImage", ["image"],
            c => PageServer.Image(ApiRequests.ParseGetImage(c.Query["imageBuildVersionArn"]), c.View, c.Scans, c.Now),
            (o, _, id, page, _, _, _) => Sync(() => PageJson.WriteImage(o, id, page.Image!)),
            id => $$"""{"requestId":"{{id}}","image":{"arn":7,"dateCreated":[],"scanState":"COMPLETED","imageScanningConfiguration":{"imageScanningEnabled":"yes"} } }"""),
        // A pipeline's builds; a pipeline the caller sees no image of is not found.
        new(EmulatorOperation.ListImagePipelineImages, "POST", "/ListImagePipelineImages", ["pipeline-images"],
            c => c.Pages.Images(EmulatorOperation.ListImagePipelineImages,
                ApiRequests.ParseImageList(c.Body, "imagePipelineArn", ImageBuilderArns.PipelinePattern(), ["name", "version"]), c.Tokens, c.Scope,
                arn => c.View.PipelineImages(arn) ?? throw ApiError.NotFound(arn), c.Scans, c.Now),
            ImageSummaries, ImageSummariesWrongTypes),
        // An image version's builds; none is an empty list (the service lists, it does not look up).
        new(EmulatorOperation.ListImageBuildVersions, "POST", "/ListImageBuildVersions", ["build-versions"],
            c => c.Pages.Images(EmulatorOperation.ListImageBuildVersions,
                ApiRequests.ParseImageList(c.Body, "imageVersionArn", ImageBuilderArns.ImageVersionPattern(), ["name", "osVersion", "platform", "type", "version"]),
                c.Tokens, c.Scope, arn => c.View.ImagesNewestFirst(i => i.Arn.StartsWith(arn + "/", StringComparison.Ordinal)), c.Scans, c.Now),
            ImageSummaries, ImageSummariesWrongTypes),
    ];

    /// <summary>The answer of the image listings: <c>imageSummaryList</c>.</summary>
    private static ValueTask ImageSummaries(IBufferWriter<byte> output, PipeWriter? pipe, string requestId, ServedPage page, string? nextToken,
        Absurdity? absurdity, CancellationToken cancellationToken) => Sync(() => PageJson.WriteImageSummaries(output, requestId, page.ImageSummaries!, nextToken));

    private static string ImageSummariesWrongTypes(string id) => $$"""{"requestId":"{{id}}","imageSummaryList":{"arn":7},"nextToken":17}""";

    /// <summary>The row at this method and path, or null (an unknown operation).</summary>
    public static OperationRow? Find(string method, string? path) =>
        All.FirstOrDefault(r => r.Method == method && string.Equals(r.Path, path, StringComparison.Ordinal));

    public static OperationRow For(EmulatorOperation operation) =>
        All.FirstOrDefault(r => r.Operation == operation) ?? throw new InvalidOperationException($"{operation} has no row in the operation table.");

    /// <summary>A fault plan's operation: its short name or the operation's own name, any case.</summary>
    /// <exception cref="ArgumentException">No operation has that name.</exception>
    public static EmulatorOperation ByFaultName(string name) =>
        All.FirstOrDefault(r => r.FaultNames.Contains(name, StringComparer.OrdinalIgnoreCase) || string.Equals(r.Operation.ToString(), name, StringComparison.OrdinalIgnoreCase))?.Operation
        ?? throw new ArgumentException($"Unknown operation '{name}' ({string.Join(", ", All.Select(r => r.FaultNames[0]))}).");

    private static ValueTask Sync(Action write)
    {
        write();
        return ValueTask.CompletedTask;
    }
}
