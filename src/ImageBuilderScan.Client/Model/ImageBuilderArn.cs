namespace ImageBuilderScan.Client.Model;

/// <summary>
/// The parts of an Image Builder ARN, split leniently: output mapping shows whatever the service
/// sent, so this never throws; strict shape checks for input live in the query validator.
/// </summary>
/// <remarks>
/// <c>arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4</c> and
/// <c>arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server-pipeline</c>.
/// </remarks>
public sealed record ImageBuilderArn(
    string Partition,
    string Region,
    string AccountId,
    string ResourceType,
    string Name,
    string? Version,
    string? Build)
{
    /// <summary>
    /// The account of an ARN that <see cref="TryParse"/> would accept, without splitting the rest
    /// (the one part an aggregation stores); null when it would not.
    /// </summary>
    public static string? AccountOf(string? arn) => PartOf(arn, 4);

    /// <summary>The region of an ARN that <see cref="TryParse"/> would accept, without splitting the rest; null when it would not.</summary>
    public static string? RegionOf(string? arn) => PartOf(arn, 3);

    // The region (3) or account (4) part, checked as TryParse checks the whole.
    private static string? PartOf(string? arn, int part)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
        // arn : partition : service : region : account : resource
        var colons = new int[5];
        var found = 0;
        for (var i = 0; i < arn.Length && found < 5; i++)
            if (arn[i] == ':') colons[found++] = i;
        if (found < 5 || !arn.AsSpan(colons[1] + 1, colons[2] - colons[1] - 1).SequenceEqual("imagebuilder")) return null;
        var resource = arn.AsSpan(colons[4] + 1);
        var slash = resource.IndexOf('/');
        if (slash <= 0 || slash == resource.Length - 1 || resource[slash + 1] == '/') return null;
        return arn.Substring(colons[part - 1] + 1, colons[part] - colons[part - 1] - 1);
    }

    public static ImageBuilderArn? TryParse(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
        // arn:partition:service:region:account:resource — the resource part may itself hold ':'.
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "imagebuilder") return null;
        var path = parts[5].Split('/');
        if (path.Length < 2 || path[0].Length == 0 || path[1].Length == 0) return null;
        return new ImageBuilderArn(
            parts[1], parts[3], parts[4], path[0], path[1],
            path.Length > 2 ? path[2] : null,
            path.Length > 3 ? path[3] : null);
    }
}
