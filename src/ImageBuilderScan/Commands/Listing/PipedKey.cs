using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// One key a piped object asks for: a filter name as the service spells it and one value. A record,
/// so that a command asks each distinct key once however many piped objects carry it.
/// </summary>
internal sealed record PipedKey(string FilterName, string Value)
{
    /// <summary>The property (and typed parameter) that carries this key's kind, e.g. <c>ImagePipelineArn</c>.</summary>
    public string PropertyName => FilterNames.PropertyFor(FilterName) ?? FilterName;

    /// <summary>The <see cref="Specificity"/> of a pipeline: the keys at or above it name builds.</summary>
    public const int PipelineSpecificity = 2;

    /// <summary>How specific the key is: a build is inside an image version, a version inside a pipeline, a pipeline inside an account.</summary>
    public int Specificity => FilterName switch
    {
        FilterNames.ImageBuildVersionArn => 4,
        FilterNames.ImageVersionArn => 3,
        FilterNames.ImagePipelineArn => 2,
        FilterNames.VulnerabilityId => 1,
        _ => 0,
    };
}
