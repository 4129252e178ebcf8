namespace ImageBuilderScan.Client.Model;

/// <summary>
/// One aggregation of <c>ListImageScanFindingAggregations</c>, flattened for the pipeline: the key,
/// the typed key that applies, the severity counts and, for ARN keys, the ARN's parts.
/// </summary>
/// <remarks>
/// Read-only outside the engine: the setters are internal, so PowerShell (which sets a public
/// init-only property by reflection) sees get-only properties, while the engine still builds and
/// copies these with initializers and <c>with</c>.
/// The service counts low, informational and untriaged findings only inside <see cref="All"/>;
/// <see cref="Other"/> is derived from the four counts the service sent, never invented.
/// The service model does not require any member of <c>severityCounts</c>: a count the answer left out (or sent as
/// null, or with no severityCounts at all) is null here, unknown, never 0, and <see cref="Other"/> is then unknown too.
/// </remarks>
public sealed record ScanFindingAggregation : IPageItem
{
    /// <summary>The members as C# prints them, made inert (<see cref="Text.InputDisplay.Printed"/>); the values stay as sent.</summary>
    public override string ToString() => Text.InputDisplay.Printed(nameof(ScanFindingAggregation), PrintMembers);

    private readonly string _key = "";
    // The parsed key: null until first read, then the parts or NotAnArn.
    private static readonly ImageBuilderArn NotAnArn = new("", "", "", "", "", null, null);
    private ImageBuilderArn? _arn;

    /// <summary>What the key is, as a name (<c>Account</c>, <c>Image</c>, <c>ImagePipeline</c>,
    /// <c>VulnerabilityId</c>, <c>Unknown</c>): a string so that ConvertTo-Json and Export-Csv write
    /// the name (ConvertTo-Json writes an enum as its number).</summary>
    /// <remarks>An aggregation of a kind this version does not know shows the member name the service sent
    /// (<c>repositoryAggregation</c>).</remarks>
    public string Kind => UnknownKind ?? AggregationKinds.NameOf(KindValue);

    /// <summary>The member name of an aggregation of a kind this version does not know, as sent; null for the four known.</summary>
    internal string? UnknownKind { get; init; }

    /// <summary>The kind as the engine switches on it.</summary>
    internal AggregationKind KindValue { get; init; }

    /// <summary>The response's <c>aggregationType</c> as the service sent it (e.g. <c>imagePipelineArn</c>).</summary>
    public string? AggregationType { get => _aggregationType; internal init => _aggregationType = value; }
    private string? _aggregationType;

    /// <summary>The aggregation key: account id, image build version ARN, pipeline ARN or vulnerability id.</summary>
    public string Key
    {
        get => _key;
        internal init
        {
            _key = value;
            _arn = null;
        }
    }

    /// <summary>The account: the key of an account aggregation, or the account part of an ARN key.</summary>
    public string? AccountId { get => _accountId; internal init => _accountId = value; }
    private string? _accountId;
    public string? ImageBuildVersionArn { get; internal init; }
    public string? ImagePipelineArn { get; internal init; }
    public string? VulnerabilityId { get; internal init; }

    /// <summary>CRITICAL findings as the service counts them; null when its answer did not say (unknown, not 0).</summary>
    public long? Critical { get; internal init; }
    /// <summary>HIGH findings; null when the answer did not say.</summary>
    public long? High { get; internal init; }
    /// <summary>MEDIUM findings; null when the answer did not say.</summary>
    public long? Medium { get; internal init; }
    /// <summary>Every finding; null when the answer did not say.</summary>
    public long? All { get; internal init; }

    /// <summary>Low, informational and untriaged findings: <c>All - Critical - High - Medium</c>; null when one of them is unknown.</summary>
    public long? Other => All - Critical - High - Medium;

    // Parts of an ARN key (null for account and vulnerability aggregations). The key is split on
    // the first read of any part and kept: every property PowerShell reads (Format-*, Where-Object,
    // Export-Csv read each one per object) used to split it again. Nothing is split for objects
    // whose parts nobody reads, so a page held in memory costs no more than before.
    public string? Partition => Arn?.Partition;
    /// <summary>The ARN key's region; for account and vulnerability aggregations, the region the listing asked.</summary>
    public string? Region => Arn?.Region ?? ListedRegion;

    /// <summary>The region the listing was signed for (stamped by the client), where the key names none.</summary>
    internal string? ListedRegion { get => _listedRegion; init => _listedRegion = value; }
    private string? _listedRegion;

    /// <summary>A vulnerability aggregation's key names no account: it shows the account asked.</summary>
    bool IPageItem.NeedsAccount => KindValue is AggregationKind.VulnerabilityId;

    string? IPageItem.NamedArn => KindValue is AggregationKind.Image or AggregationKind.ImagePipeline ? Key : null;

    /// <summary>
    /// Where this aggregation came from: the page's request id and aggregation type and, on those whose key names no
    /// region (account and vulnerability aggregations), the region the listing asked; on vulnerability aggregations
    /// (whose key names no account either) the account asked. Fan-out results then group by region and sort by
    /// account like ARN-keyed ones.
    /// </summary>
    void IPageItem.Stamp(in PageOrigin origin)
    {
        _requestId = origin.RequestId;
        _aggregationType = origin.AggregationType;
        if (KindValue is AggregationKind.Account or AggregationKind.VulnerabilityId) _listedRegion = origin.Region;
        if (KindValue is AggregationKind.VulnerabilityId) _accountId ??= origin.AccountId;
    }

    public string? ImageName => KindValue == AggregationKind.Image ? Arn?.Name : null;
    public string? ImageVersion => KindValue == AggregationKind.Image ? Arn?.Version : null;
    public string? ImageBuild => KindValue == AggregationKind.Image ? Arn?.Build : null;
    public string? PipelineName => KindValue == AggregationKind.ImagePipeline ? Arn?.Name : null;

    private ImageBuilderArn? Arn
    {
        get
        {
            if (KindValue is not (AggregationKind.Image or AggregationKind.ImagePipeline)) return null;
            // One reference write: two readers racing parse twice and store equal values, harmless.
            var arn = _arn ??= ImageBuilderArn.TryParse(_key) ?? NotAnArn;
            return ReferenceEquals(arn, NotAnArn) ? null : arn;
        }
    }

    /// <summary>The request id of the page this aggregation came in.</summary>
    public string? RequestId { get => _requestId; internal init => _requestId = value; }
    private string? _requestId;

    // Records compare and hash every field, the cached parts included: compare what the service sent.
    public bool Equals(ScanFindingAggregation? other) =>
        other is not null && KindValue == other.KindValue && UnknownKind == other.UnknownKind && AggregationType == other.AggregationType && _key == other._key
        && AccountId == other.AccountId && ImageBuildVersionArn == other.ImageBuildVersionArn && ImagePipelineArn == other.ImagePipelineArn
        && VulnerabilityId == other.VulnerabilityId && Critical == other.Critical && High == other.High && Medium == other.Medium
        && All == other.All && RequestId == other.RequestId;

    public override int GetHashCode() => HashCode.Combine(KindValue, _key, Critical, High, Medium, All, RequestId);
}
