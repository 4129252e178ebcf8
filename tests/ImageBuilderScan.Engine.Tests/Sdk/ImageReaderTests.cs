
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>GetImage's answer as the gate reads it: what counts as a completed scan, and what is not one.</summary>
public sealed class ImageReaderTests
{
    private const string Arn = "arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1";

    private static ImageScanState Read(string image)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"requestId\":\"r1\",\"image\":" + image + "}"));
        reader.Read();
        return ImageReader.Instance.Read(ref reader, null);
    }

    [Fact]
    public void A_completed_scan_with_scanning_enabled_is_complete()
    {
        var state = Read("""{"arn":"A","state":{"status":"AVAILABLE"},"sourcePipelineArn":"p","dateCreated":"2025-08-01T00:00:00.000Z","scanState":{"status":"COMPLETED"},"imageScanningConfiguration":{"imageScanningEnabled":true}}""".Replace("\"A\"", $"\"{Arn}\""));
        Assert.True(state.IsComplete);
        Assert.Equal(new DateTime(2025, 8, 1, 0, 0, 0, DateTimeKind.Utc), state.DateCreated);
        Assert.Equal("p", state.ImagePipelineArn);
    }

    [Theory]
    [InlineData("""{"arn":"A","state":{"status":"AVAILABLE"},"scanState":null,"imageScanningConfiguration":{"imageScanningEnabled":true}}""", null, true)]
    [InlineData("""{"arn":"A","state":{"status":"AVAILABLE"},"scanState":{"status":"COMPLETED"},"imageScanningConfiguration":null}""", "COMPLETED", false)]
    [InlineData("""{"arn":"A","state":{"status":"AVAILABLE"},"scanState":{"status":"COMPLETED"}}""", "COMPLETED", false)]
    [InlineData("""{"arn":"A","state":{"status":"AVAILABLE"},"scanState":{"status":"SCANNING","reason":"r"},"imageScanningConfiguration":{"imageScanningEnabled":true}}""", "SCANNING", true)]
    public void Null_or_missing_members_read_as_absent_and_never_as_a_completed_scan(string image, string? status, bool enabled)
    {
        var state = Read(image.Replace("\"A\"", $"\"{Arn}\""));
        Assert.Equal((status, enabled), (state.Status, state.ScanningEnabled));
        Assert.False(state.IsComplete);
    }

    [Fact]
    public void An_answer_without_an_image_is_refused()
    {
        Assert.Equal("The response has no image.", Assert.Throws<JsonShapeException>(() => Read("null")).Message);
        Assert.Equal("The image has no arn.", Assert.Throws<JsonShapeException>(() => Read("""{"scanState":{"status":"COMPLETED"}}""")).Message);
        // The model makes the image's state optional; without it nothing says the image was built.
        Assert.StartsWith("The image has no state.status", Assert.Throws<JsonShapeException>(() => Read($$$"""{"arn":"{{{Arn}}}","scanState":{"status":"COMPLETED"}}""")).Message);
    }
}
