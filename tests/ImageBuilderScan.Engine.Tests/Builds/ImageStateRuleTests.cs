using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Tests.Builds;

/// <summary>
/// The one rule of whether a build's findings are its whole, final list (<see cref="ImageScanState.IsComplete"/>), read by the
/// gate, the comparison (<see cref="BuildScans.RequireComplete"/>) and the history alike: the scan completed and the image is
/// one a scan is final for.
/// </summary>
public sealed class ImageStateRuleTests
{
    private const string Arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";

    private static ImageScanState Completed(string? image) => new(Arn, null, ImageScanState.Completed, null, true, null) { ImageStatus = image };

    public static TheoryData<string> EveryImageStatus => new(ServiceValues.ImageStatuses);

    [Theory]
    [MemberData(nameof(EveryImageStatus))]
    public void A_completed_scan_is_complete_only_on_an_available_deprecated_or_disabled_image(string image)
    {
        var final = image is "AVAILABLE" or "DEPRECATED" or "DISABLED";
        Assert.Equal(final, Completed(image).IsComplete);
        var refused = Record.Exception(() => BuildScans.RequireComplete(Completed(image), "difference build"));
        if (final) Assert.Null(refused);
        else Assert.Contains($"the image is {image}: ", Assert.IsType<ScanStateException>(refused).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_that_names_no_image_status_keeps_the_scans_word()
    {
        // GetImage's image state is optional in the model; a missing one is not a build still being made.
        Assert.True(Completed(null).IsComplete);
    }
}
