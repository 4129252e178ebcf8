using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// -WaitForScan against an endpoint that stops answering GetImage (fleet4): the wait ends by its own bound, on the last
/// state read, through the real client (the request in flight is cancelled), never after the client's own request timeouts.
/// </summary>
public sealed partial class HostileServerTests
{
    [Fact]
    public async Task A_wait_whose_GetImage_stops_answering_ends_by_its_own_bound_on_the_last_state_read()
    {
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json(ImageJson(status: "SCANNING")),
            ScriptedResponse.Json(ImageJson(status: "SCANNING")) with { Delay = TimeSpan.FromSeconds(60) });
        // One attempt of up to 30 s: without the wait's own bound the second read would end only then, as an error.
        using var client = Client(server);
        var wait = new ScanWait
        {
            Timeout = TimeSpan.FromMilliseconds(300),
            Schedule = new ScanWaitSchedule { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(50) },
        };

        var outcome = await new BuildScans(client).WaitAsync(ImageArn, "ImageBuildVersionArn", wait, CancellationToken.None);

        Assert.Equal("SCANNING", outcome.State.Status);
        Assert.Contains("GetImage had not answered when the wait", outcome.TimedOut);
        Assert.Equal("ScanWaitTimedOut", Assert.Throws<ScanStateException>(() => outcome.Settled()).ErrorId);
    }
}
