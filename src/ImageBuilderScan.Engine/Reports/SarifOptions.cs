namespace ImageBuilderScan.Engine.Reports;

/// <summary>Settings of a SARIF report.</summary>
public sealed record SarifOptions
{
    public string ToolVersion { get; init; } = typeof(SarifOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// The project's page (tool.driver.informationUri), left out when null. The module passes the
    /// manifest's ProjectUri: the one place a fork sets its URL.
    /// </summary>
    public string? InformationUri { get; init; }

    /// <summary>
    /// The repository path results point at (say, the image recipe). <c>{image}</c> is replaced by
    /// the image name. Default <c>imagebuilder/{image}</c>: a stable path per image, so GitHub keeps
    /// one alert per vulnerability, package and image across builds.
    /// </summary>
    public string ArtifactPath { get; init; } = "imagebuilder/{image}";
}
