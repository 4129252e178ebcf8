using System.Globalization;

namespace ImageBuilderScan.Client.Model;

/// <summary>
/// A finding rebuilt from its members as a copy carries them after a trip through serialization
/// (Import-Clixml, Start-Job, remoting): plain values by member name, nested objects as dictionaries,
/// lists as lists. What a finding needs to be judged (its image, vulnerability and severity) must be
/// there; a member that lost its shape (a nested list flattened to text by too shallow a depth) is
/// refused, never guessed. The copy is only as trustworthy as its source: the gate checks each image's
/// scan state, that no finding is handed in twice (<see cref="FindingIdentity"/>), and that the copies
/// number what the service counts in all and as CRITICAL, HIGH and MEDIUM; LOW, INFORMATIONAL and
/// UNTRIAGED are counted only together, so an edit among those three is not seen.
/// </summary>
public static class ScanFindingShape
{
    /// <summary>The members without which a copy is not a finding.</summary>
    public static IReadOnlyList<string> Required { get; } = [nameof(ScanFinding.ImageBuildVersionArn), nameof(ScanFinding.VulnerabilityId), nameof(ScanFinding.Severity)];

    /// <exception cref="FormatException">A required member is missing, or a member has another shape than a finding's.</exception>
    public static ScanFinding FromMembers(IReadOnlyDictionary<string, object?> m)
    {
        var missing = Required.Where(name => string.IsNullOrEmpty(Text(m, name))).ToList();
        if (missing.Count > 0) throw new FormatException($"it has no {string.Join(", ", missing)}");
        return new ScanFinding
        {
            AccountId = Text(m, nameof(ScanFinding.AccountId)),
            ImageBuildVersionArn = Text(m, nameof(ScanFinding.ImageBuildVersionArn)),
            ImagePipelineArn = Text(m, nameof(ScanFinding.ImagePipelineArn)),
            Type = Text(m, nameof(ScanFinding.Type)),
            Title = Text(m, nameof(ScanFinding.Title)),
            Description = Text(m, nameof(ScanFinding.Description)),
            Severity = Text(m, nameof(ScanFinding.Severity))!.ToUpperInvariant(),
            FirstObservedAt = Time(m, nameof(ScanFinding.FirstObservedAt)),
            UpdatedAt = Time(m, nameof(ScanFinding.UpdatedAt)),
            FixAvailable = Text(m, nameof(ScanFinding.FixAvailable)),
            RemediationText = Text(m, nameof(ScanFinding.RemediationText)),
            RemediationUrl = Text(m, nameof(ScanFinding.RemediationUrl)),
            InspectorScore = Number(m, nameof(ScanFinding.InspectorScore)),
            ScoreSource = Text(m, nameof(ScanFinding.ScoreSource)),
            CvssSource = Text(m, nameof(ScanFinding.CvssSource)),
            CvssVersion = Text(m, nameof(ScanFinding.CvssVersion)),
            AdjustedCvssScore = Number(m, nameof(ScanFinding.AdjustedCvssScore)),
            ScoringVector = Text(m, nameof(ScanFinding.ScoringVector)),
            ScoreAdjustments = List(m, nameof(ScanFinding.ScoreAdjustments), a => new CvssScoreAdjustment(Text(a, "Metric"), Text(a, "Reason"))),
            VulnerabilityId = Text(m, nameof(ScanFinding.VulnerabilityId)),
            Source = Text(m, nameof(ScanFinding.Source)),
            SourceUrl = Text(m, nameof(ScanFinding.SourceUrl)),
            VendorSeverity = Text(m, nameof(ScanFinding.VendorSeverity)),
            VendorCreatedAt = Time(m, nameof(ScanFinding.VendorCreatedAt)),
            VendorUpdatedAt = Time(m, nameof(ScanFinding.VendorUpdatedAt)),
            ReferenceUrls = Texts(m, nameof(ScanFinding.ReferenceUrls)),
            RelatedVulnerabilities = Texts(m, nameof(ScanFinding.RelatedVulnerabilities)),
            Cvss = List(m, nameof(ScanFinding.Cvss), c => new CvssScore(Number(c, "BaseScore"), Text(c, "ScoringVector"), Text(c, "Version"), Text(c, "Source"))),
            VulnerablePackages = List(m, nameof(ScanFinding.VulnerablePackages), p => new VulnerablePackage
            {
                Name = Text(p, "Name"), Version = Text(p, "Version"), SourceLayerHash = Text(p, "SourceLayerHash"),
                Epoch = Number(p, "Epoch") is double epoch ? (int)epoch : null, Release = Text(p, "Release"), Arch = Text(p, "Arch"),
                PackageManager = Text(p, "PackageManager"), FilePath = Text(p, "FilePath"), FixedInVersion = Text(p, "FixedInVersion"),
                Remediation = Text(p, "Remediation"),
            }),
            PackageName = Text(m, nameof(ScanFinding.PackageName)),
            InstalledVersion = Text(m, nameof(ScanFinding.InstalledVersion)),
            FixedInVersion = Text(m, nameof(ScanFinding.FixedInVersion)),
            RequestId = Text(m, nameof(ScanFinding.RequestId)),
        };
    }

    private static object? Member(IReadOnlyDictionary<string, object?> m, string name) => m.TryGetValue(name, out var value) ? value : null;

    private static string? Text(IReadOnlyDictionary<string, object?> m, string name) => Member(m, name) switch
    {
        null => null,
        string s => s,
        IConvertible c when c is not IEnumerable<object> => c.ToString(CultureInfo.InvariantCulture),
        var other => throw new FormatException($"its {name} is a {other.GetType().Name}, not text"),
    };

    private static DateTime? Time(IReadOnlyDictionary<string, object?> m, string name) => Member(m, name) switch
    {
        null => null,
        DateTime t => t.ToUniversalTime(),
        string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) => t,
        var other => throw new FormatException($"its {name} is not a time ({other})"),
    };

    private static double? Number(IReadOnlyDictionary<string, object?> m, string name) => Member(m, name) switch
    {
        null => null,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        IConvertible c and not string => c.ToDouble(CultureInfo.InvariantCulture),
        var other => throw new FormatException($"its {name} is not a number ({other})"),
    };

    private static IReadOnlyList<string> Texts(IReadOnlyDictionary<string, object?> m, string name) => Member(m, name) switch
    {
        null => [],
        IEnumerable<object?> items when Member(m, name) is not string => ValueList<string>.Of(items.Select(i => i?.ToString() ?? "").ToList()),
        _ => throw Flattened(name),
    };

    private static IReadOnlyList<T> List<T>(IReadOnlyDictionary<string, object?> m, string name, Func<IReadOnlyDictionary<string, object?>, T> read) => Member(m, name) switch
    {
        null => [],
        IEnumerable<object?> items when Member(m, name) is not string => ValueList<T>.Of(items.Select(i => i is IReadOnlyDictionary<string, object?> d ? read(d) : throw Flattened(name)).ToList()),
        _ => throw Flattened(name),
    };

    private static FormatException Flattened(string name) =>
        new($"its {name} was flattened to text (serialized with too small a depth: use Export-Clixml -Depth 4)");
}
