using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What a value of one typed filter must look like: the check, what to call a value that fails it,
/// and the expected form the error message shows. Every regex is ASCII-only (<c>[0-9]</c>, never
/// <c>\d</c>, which matches other scripts' digits) and anchored with <c>\z</c> (<c>$</c> would let a
/// trailing newline through).
/// </summary>
internal sealed class FilterValueShape
{
    private readonly Regex _pattern;

    private FilterValueShape(string filterName, string noun, string expectedForm, Regex pattern, bool isArn = false)
    {
        IsArn = isArn;
        FilterName = filterName;
        ParameterName = FilterNames.PropertyFor(filterName)!;
        Noun = noun;
        ExpectedForm = expectedForm;
        _pattern = pattern;
    }

    public string FilterName { get; }
    /// <summary>The typed parameter that carries this filter's values, e.g. <c>ImagePipelineArn</c>.</summary>
    public string ParameterName { get; }
    /// <summary>What a good value is, for "'x' is not {Noun}".</summary>
    public string Noun { get; }
    public string ExpectedForm { get; }
    /// <summary>The values are ARNs, which name the region a request for them must be sent to (see <see cref="QueryRegion"/>).</summary>
    public bool IsArn { get; }

    public bool Accepts(string value) => _pattern.IsMatch(value);

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // The partitions Image Builder's endpoint rule set knows; the model's own pattern (aws[^:]*) is looser.
    private const string Partition = "aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?";
    // us-east-1, us-gov-west-1, cn-northwest-1, us-isob-east-1, eu-isoe-west-1, eusc-de-east-1.
    private const string Region = "[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}";
    private const string Name = "[a-z0-9_-]+";

    /// <summary>The model: an account, or <c>aws</c>/<c>aws-*</c> for images AWS owns.</summary>
    public static readonly FilterValueShape ImageBuildVersionArn = new(
        FilterNames.ImageBuildVersionArn, "an image build version ARN",
        "arn:<partition>:imagebuilder:<region>:<12-digit account>:image/<lower-case name>/<x.y.z>/<build number>, " +
        "e.g. arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4",
        new Regex($@"\Aarn:{Partition}:imagebuilder:{Region}:([0-9]{{12}}|aws(-[a-z-]+)?):image/{Name}/[0-9]+\.[0-9]+\.[0-9]+/[0-9]+\z", Options), isArn: true);

    /// <summary>The model's ImageVersionArn: an image build version ARN without its build number.</summary>
    public static readonly FilterValueShape ImageVersionArn = new(
        FilterNames.ImageVersionArn, "an image version ARN",
        "arn:<partition>:imagebuilder:<region>:<12-digit account>:image/<lower-case name>/<x.y.z>, " +
        "e.g. arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3",
        new Regex($@"\Aarn:{Partition}:imagebuilder:{Region}:([0-9]{{12}}|aws(-[a-z-]+)?):image/{Name}/[0-9]+\.[0-9]+\.[0-9]+\z", Options), isArn: true);

    /// <summary>The model: an account, or <c>aws</c>.</summary>
    public static readonly FilterValueShape ImagePipelineArn = new(
        FilterNames.ImagePipelineArn, "an image pipeline ARN",
        "arn:<partition>:imagebuilder:<region>:<12-digit account>:image-pipeline/<lower-case name>",
        new Regex($@"\Aarn:{Partition}:imagebuilder:{Region}:([0-9]{{12}}|aws):image-pipeline/{Name}\z", Options), isArn: true);

    public static readonly FilterValueShape AccountId = new(
        FilterNames.AccountId, "an AWS account id",
        "12 digits, e.g. 123456789012",
        new Regex(@"\A[0-9]{12}\z", Options));

    /// <summary>
    /// Well-known families are held to their shape: <c>CVE-YYYY-NNNN+</c>, <c>ALAS*-YYYY-NNN+</c>
    /// (ALAS, ALAS2, ALAS2023, ALAS2KERNEL-5.10, ...), <c>GHSA-xxxx-xxxx-xxxx</c>, <c>KB</c> plus 6 to 8
    /// digits. Any other vendor id (RHSA-2024:1234, DSA-1234-1, USN-1234-1, ELSA-2024-1234,
    /// GO-2024-1234, PYSEC-2021-123, SNYK-JS-LODASH-567746, ...) is accepted liberally: a letter first,
    /// then letters, digits, '-', ':', '.' or '_', at least one digit, ending in a letter or digit, no spaces.
    /// </summary>
    public static readonly FilterValueShape VulnerabilityId = new(
        FilterNames.VulnerabilityId, "a vulnerability id",
        "CVE-YYYY-NNNN, ALAS*-YYYY-NNN, GHSA-xxxx-xxxx-xxxx, KB1234567, or a vendor id " +
        "(a letter first, then letters, digits, '-', ':', '.' or '_', with at least one digit), e.g. CVE-2025-38064",
        new Regex(
            // A family prefix in any case selects that family's (upper-case) shape, so cve-2024-1 is refused.
            @"\A(?(?=(?i:cve)[^a-zA-Z])CVE-[0-9]{4}-[0-9]{4,}" +
            @"|(?(?=(?i:alas))ALAS[0-9A-Z]*(-[0-9.]+)?-[0-9]{4}-[0-9]{3,}" +
            @"|(?(?=(?i:ghsa)[^a-zA-Z])GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}" +
            @"|(?(?=(?i:kb)[0-9])KB[0-9]{6,8}" +
            @"|(?=[^0-9]*[0-9])[A-Za-z][A-Za-z0-9._:-]*[A-Za-z0-9]))))\z",
            Options));

    /// <summary>Checked case-insensitively; the validator sends the upper-case spelling.</summary>
    public static readonly FilterValueShape Severity = new(
        FilterNames.Severity, "a severity",
        SeverityRank.ExpectedForm,
        new Regex(@"\A(" + string.Join("|", SeverityRank.ServiceNames) + @")\z", Options | RegexOptions.IgnoreCase));

    /// <summary>The typed shape for a known filter name, or null.</summary>
    public static FilterValueShape? For(string filterName) => filterName switch
    {
        FilterNames.ImageBuildVersionArn => ImageBuildVersionArn,
        FilterNames.ImagePipelineArn => ImagePipelineArn,
        FilterNames.ImageVersionArn => ImageVersionArn,
        FilterNames.AccountId => AccountId,
        FilterNames.VulnerabilityId => VulnerabilityId,
        FilterNames.Severity => Severity,
        _ => null,
    };
}
