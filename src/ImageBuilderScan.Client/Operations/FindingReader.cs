using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// One <c>ImageScanFinding</c> into a flat <see cref="ScanFinding"/>: every member of the model,
/// including remediation, inspectorScoreDetails.adjustedCvss (with adjustments) and
/// packageVulnerabilityDetails (packages, cvss, related vulnerabilities, reference URLs, vendor
/// timestamps). The first vulnerable package is lifted to the top.
/// </summary>
internal static class FindingReader
{
    public static ScanFinding Read(ref Utf8JsonReader reader)
    {
        var b = new FindingBuilder();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("awsAccountId"u8)) b.AccountId = ReadString(ref reader, "awsAccountId");
            else if (reader.ValueTextEquals("imageBuildVersionArn"u8)) b.ImageBuildVersionArn = ReadString(ref reader, "imageBuildVersionArn");
            else if (reader.ValueTextEquals("imagePipelineArn"u8)) b.ImagePipelineArn = ReadString(ref reader, "imagePipelineArn");
            else if (reader.ValueTextEquals("type"u8)) b.Type = ReadString(ref reader, "type");
            else if (reader.ValueTextEquals("description"u8)) b.Description = ReadString(ref reader, "description");
            else if (reader.ValueTextEquals("title"u8)) b.Title = ReadString(ref reader, "title");
            else if (reader.ValueTextEquals("severity"u8)) b.Severity = ReadString(ref reader, "severity");
            else if (reader.ValueTextEquals("fixAvailable"u8)) b.FixAvailable = ReadString(ref reader, "fixAvailable");
            else if (reader.ValueTextEquals("firstObservedAt"u8)) b.FirstObservedAt = ReadTimestamp(ref reader, "firstObservedAt");
            else if (reader.ValueTextEquals("updatedAt"u8)) b.UpdatedAt = ReadTimestamp(ref reader, "updatedAt");
            else if (reader.ValueTextEquals("inspectorScore"u8)) b.InspectorScore = ReadDouble(ref reader, "inspectorScore");
            else if (reader.ValueTextEquals("remediation"u8))
                ReadInnerObject(ref reader, "remediation", "recommendation"u8, "remediation.recommendation", b, ReadRecommendation);
            else if (reader.ValueTextEquals("inspectorScoreDetails"u8))
                ReadInnerObject(ref reader, "inspectorScoreDetails", "adjustedCvss"u8, "inspectorScoreDetails.adjustedCvss", b, ReadAdjustedCvss);
            else if (reader.ValueTextEquals("packageVulnerabilityDetails"u8)) PackageDetailsReader.Read(ref reader, b);
            else SkipValue(ref reader);
        }
        return b.Build();
    }

    private static void ReadRecommendation(ref Utf8JsonReader reader, FindingBuilder b)
    {
        if (reader.ValueTextEquals("text"u8)) b.RemediationText = ReadString(ref reader, "remediation.recommendation.text");
        else if (reader.ValueTextEquals("url"u8)) b.RemediationUrl = ReadString(ref reader, "remediation.recommendation.url");
        else SkipValue(ref reader);
    }

    private static void ReadAdjustedCvss(ref Utf8JsonReader reader, FindingBuilder b)
    {
        if (reader.ValueTextEquals("scoreSource"u8)) b.ScoreSource = ReadString(ref reader, "adjustedCvss.scoreSource");
        else if (reader.ValueTextEquals("cvssSource"u8)) b.CvssSource = ReadString(ref reader, "adjustedCvss.cvssSource");
        else if (reader.ValueTextEquals("version"u8)) b.CvssVersion = ReadString(ref reader, "adjustedCvss.version");
        else if (reader.ValueTextEquals("score"u8)) b.AdjustedCvssScore = ReadDouble(ref reader, "adjustedCvss.score");
        else if (reader.ValueTextEquals("scoringVector"u8)) b.ScoringVector = ReadString(ref reader, "adjustedCvss.scoringVector");
        else if (reader.ValueTextEquals("adjustments"u8)) b.ScoreAdjustments = ReadObjectList(ref reader, "adjustedCvss.adjustments", "adjustedCvss.adjustments[]", 2, ReadAdjustment);
        else SkipValue(ref reader);
    }

    private static CvssScoreAdjustment ReadAdjustment(ref Utf8JsonReader reader)
    {
        string? metric = null, reason = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metric"u8)) metric = ReadString(ref reader, "adjustments[].metric");
            else if (reader.ValueTextEquals("reason"u8)) reason = ReadString(ref reader, "adjustments[].reason");
            else SkipValue(ref reader);
        }
        return new CvssScoreAdjustment(metric, reason);
    }
}
