using System.Text.Json;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// The run's <c>invocations[0]</c>: <c>executionSuccessful</c> is false when the gate could not judge an
/// image, with one error notification per such image naming why, so a run that failed never reads as
/// "no results, all fixed"; expired exceptions that matched a finding are warning notifications.
/// </summary>
internal static class SarifInvocation
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ReportImage> images)
    {
        var gates = images.Where(i => i.Gate is not null).Select(i => (Image: i, Gate: i.Gate!)).ToList();
        var notJudged = gates.Where(g => !GateExit.IsJudged(g.Gate)).ToList();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", notJudged.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var (image, gate) in notJudged)
            Notification(json, "error", "NotJudged", $"{image.DisplayName} was not judged: {gate.ScanProblem}");
        foreach (var (image, gate) in gates)
        {
            foreach (var match in gate.ExpiredMatches.DistinctBy(m => m.Exception.Location))
                Notification(json, "warning", "ExpiredException",
                    $"The exception for {match.Exception.VulnerabilityId} at {match.Exception.Location} expired on {match.Exception.ExpiresText} and no longer suppresses ({image.DisplayName}).");
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void Notification(Utf8JsonWriter json, string level, string id, string text)
    {
        json.WriteStartObject();
        json.WriteString("level", level);
        json.WriteStartObject("message");
        // The reason or entry carries text from the service, another command or the exceptions file: made inert, and
        // its link syntax escaped, as every SARIF message is (ReportText.ForSarif).
        json.WriteString("text", ReportText.ForSarif(text));
        json.WriteEndObject();
        json.WriteStartObject("descriptor");
        json.WriteString("id", id);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
