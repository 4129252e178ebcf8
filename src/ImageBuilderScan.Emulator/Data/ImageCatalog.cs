namespace ImageBuilderScan.Emulator;

/// <summary>
/// Every image of a data set: those listed in "images", then those named only by findings, in order of first
/// appearance. A finding-only image has been scanned (COMPLETED) and its dateCreated is derived from its place in
/// its recipe's history (versions and builds in order, a week apart from 2025-01-01), so it is the same on every run.
/// </summary>
internal static class ImageCatalog
{
    private const long DerivedBase = 1735689600; // 2025-01-01T00:00:00Z
    private const long DerivedStep = 7 * 86400;

    public static IReadOnlyList<EmulatedImage> Build(IReadOnlyList<EmulatedImage> listed, IReadOnlyList<EmulatedFinding> findings, string source)
    {
        var pipelineOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (!pipelineOf.TryGetValue(finding.ImageBuildVersionArn, out var known) || known is null)
            {
                pipelineOf[finding.ImageBuildVersionArn] = finding.ImagePipelineArn;
            }
        }
        var result = new List<EmulatedImage>(listed.Count + pipelineOf.Count);
        foreach (var image in listed)
        {
            var fromFindings = pipelineOf.GetValueOrDefault(image.Arn);
            if (image.ImagePipelineArn is not null && fromFindings is not null && image.ImagePipelineArn != fromFindings)
            {
                throw new FormatException($"{source}: image '{image.Arn}' is listed under pipeline '{image.ImagePipelineArn}' but its findings name '{fromFindings}'.");
            }
            result.Add(image.ImagePipelineArn is null && fromFindings is not null ? image with { ImagePipelineArn = fromFindings } : image);
        }
        var listedArns = new HashSet<string>(listed.Select(i => i.Arn), StringComparer.Ordinal);
        var derived = pipelineOf.Keys.Where(arn => !listedArns.Contains(arn))
            .Select(arn => ImageBuilderArns.TryParseBuildVersion(arn, out var name, out var version, out var build) ? (arn, name, version, build) : (arn, name: "", version: "", build: 0L))
            .ToList();
        // Each recipe's history in version order gets its dates; other images (unparsable ARNs) get none of this.
        var dates = derived.Where(d => d.name.Length > 0)
            .GroupBy(d => (ImageBuilderArns.Account(d.arn), ImageBuilderArns.Region(d.arn), d.name))
            .SelectMany(g => g.OrderBy(d => ImageBuilderArns.Order(d.version, d.build)).Select((d, i) => (d.arn, date: DerivedBase + i * DerivedStep)))
            .ToDictionary(x => x.arn, x => x.date, StringComparer.Ordinal);
        foreach (var (arn, name, version, build) in derived)
        {
            if (name.Length == 0)
            {
                continue; // an ARN that names no build version cannot be served by GetImage anyway
            }
            result.Add(new EmulatedImage
            {
                Arn = arn, Name = name, Version = version, Build = build, ImagePipelineArn = pipelineOf[arn],
                DateCreated = dates[arn], Platform = DefaultPlatform(name),
            });
        }
        return result;
    }

    /// <summary>Windows for a recipe whose name says so, else Linux (the data file can say otherwise).</summary>
    internal static string DefaultPlatform(string name) => name.Contains("windows", StringComparison.OrdinalIgnoreCase) ? "Windows" : "Linux";
}
