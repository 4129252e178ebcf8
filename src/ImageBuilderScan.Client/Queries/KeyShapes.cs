namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// Which key a bare value is, by its shape alone. The five keys have disjoint shapes (an image build
/// version ARN, an image version ARN (no build number: resolved to its newest build), an image pipeline
/// ARN, a 12-digit account id, a vulnerability id: letters first and no '/'), so a piped string or an
/// AWS Tools <c>Arn</c> is classified without guessing.
/// </summary>
public static class KeyShapes
{
    /// <summary>The filter name whose typed shape <paramref name="value"/> has, or null when it has none of them.</summary>
    public static string? FilterNameOf(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        foreach (var shape in Shapes)
        {
            if (shape.Accepts(value)) return shape.FilterName;
        }

        return null;
    }

    /// <summary>What the four shapes look like, for a message about a value that has none of them.</summary>
    public static string ExpectedForm =>
        "an image build version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>/<build>), " +
        "an image version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>, its newest build), " +
        "an image pipeline ARN (arn:aws:imagebuilder:<region>:<account>:image-pipeline/<name>), " +
        "a 12-digit account id or a vulnerability id (e.g. CVE-2024-6387)";

    // Most specific first; the shapes are disjoint, so the order only matters for speed.
    private static readonly FilterValueShape[] Shapes =
        [FilterValueShape.ImageBuildVersionArn, FilterValueShape.ImageVersionArn, FilterValueShape.ImagePipelineArn, FilterValueShape.AccountId, FilterValueShape.VulnerabilityId];

    /// <summary>What a build to judge or compare may be named by: a build, a version (its newest build) or a pipeline (its newest build).</summary>
    public const string BuildExpectedForm =
        "an image build version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>/<build>), " +
        "an image version ARN (.../image/<name>/<x.y.z>: its newest build) or an image pipeline ARN (.../image-pipeline/<name>: its newest build)";
}
