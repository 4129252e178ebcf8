namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// One module under measurement: its manifest and the command that lists <c>count</c> aggregations
/// (from the emulator at <c>endpoint</c>, or from memory for the floor).
/// </summary>
internal sealed record PwshSide(string Name, string Manifest, Func<Uri, long, string> Listing)
{
    public static PwshSide Module() => new("ImageBuilderScan", RepoPaths.ModuleManifest(),
        (endpoint, _) => $"Get-IBScanFindingAggregation -EndpointUrl {PwshScripts.Quote(endpoint.ToString().TrimEnd('/'))}");

    public static PwshSide Floor() => new("floor", RepoPaths.FloorManifest(),
        (_, count) => $"Get-FloorAggregation -Count {count}");

    /// <summary>The floor module's plain HTTP client: the same pages over one HttpClient with a minimal SigV4, no SDK.</summary>
    public static PwshSide RawHttp() => new("raw HTTP", RepoPaths.FloorManifest(),
        (endpoint, _) => $"Get-FloorHttpAggregation -EndpointUrl {PwshScripts.Quote(endpoint.ToString().TrimEnd('/'))}");
}
