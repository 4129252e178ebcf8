using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// One <c>ImageScanFindingAggregation</c> of a <c>ListImageScanFindingAggregations</c> page: exactly one of
/// accountAggregation, imageAggregation, imagePipelineAggregation or vulnerabilityIdAggregation with its key and
/// severityCounts{all,critical,high,medium} (none of them required by the model: a missing one is null, unknown). Two kinds in one aggregation are refused (they would be merged).
/// A member of another name ending in <c>Aggregation</c> and holding an object is a kind this version does not know: it is kept as sent (its
/// name as the kind, its one string member as the key, its counts) for the client to warn about, and the gate
/// refuses to judge from it.
/// </summary>
internal static class AggregationReader
{
    public static ScanFindingAggregation Read(ref Utf8JsonReader reader)
    {
        var kind = AggregationKind.Unknown;
        string? kindName = null, key = null;
        // A count the answer leaves out (or sends as null, or no severityCounts at all) stays null: unknown, never 0.
        long? critical = null, high = null, medium = null, all = null;
        while (NextProperty(ref reader))
        {
            // The key's path is a constant for the four known kinds: building it per item cost ~100 bytes an aggregation.
            var (member, keyMember, keyPath, memberKind) =
                reader.ValueTextEquals("accountAggregation"u8) ? ("accountAggregation", "accountId", "accountAggregation.accountId", AggregationKind.Account)
                : reader.ValueTextEquals("imageAggregation"u8) ? ("imageAggregation", "imageBuildVersionArn", "imageAggregation.imageBuildVersionArn", AggregationKind.Image)
                : reader.ValueTextEquals("imagePipelineAggregation"u8) ? ("imagePipelineAggregation", "imagePipelineArn", "imagePipelineAggregation.imagePipelineArn", AggregationKind.ImagePipeline)
                : reader.ValueTextEquals("vulnerabilityIdAggregation"u8) ? ("vulnerabilityIdAggregation", "vulnerabilityId", "vulnerabilityIdAggregation.vulnerabilityId", AggregationKind.VulnerabilityId)
                : (reader.GetString()!, null, null, AggregationKind.Unknown);
            // Another member whose name is no aggregation kind's (…Aggregation) is skipped like any unknown member.
            if (keyMember is null && !member.EndsWith("Aggregation", StringComparison.Ordinal))
            {
                SkipValue(ref reader);
                continue;
            }
            if (!BeginObjectOrSkip(ref reader, member, known: keyMember is not null)) continue;
            if (kindName is not null)
                throw new JsonShapeException($"An aggregation holds two kinds, '{InputDisplay.Show(kindName)}' and '{InputDisplay.Show(member)}'.");
            (kind, kindName) = (memberKind, member);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("severityCounts"u8)) ReadCounts(ref reader, ref critical, ref high, ref medium, ref all);
                else if (keyMember is not null ? reader.ValueTextEquals(keyMember) : PeekIsString(ref reader))
                {
                    if (keyMember is null && key is not null)
                        throw new JsonShapeException($"An aggregation of the unknown kind '{InputDisplay.Show(member)}' has more than one key.");
                    key = ReadString(ref reader, keyPath ?? member + "." + reader.GetString());
                }
                else SkipValue(ref reader);
            }
        }
        if (kindName is not null && key is null)
            throw new JsonShapeException($"An aggregation of kind {InputDisplay.Show(kindName)} has no key.");
        var aggregation = Create(kind, key ?? string.Empty, critical, high, medium, all);
        return kind == AggregationKind.Unknown && kindName is not null ? aggregation with { UnknownKind = kindName } : aggregation;
    }

    /// <summary>Moves onto an aggregation member's object: true for an object; a known member that is null, and
    /// an unknown member that holds no object, are skipped (false).</summary>
    private static bool BeginObjectOrSkip(ref Utf8JsonReader reader, string member, bool known)
    {
        if (known) return BeginObject(ref reader, member);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        reader.Skip();
        return false;
    }

    /// <summary>True when the member the reader is on holds a string (the reader does not move).</summary>
    private static bool PeekIsString(ref Utf8JsonReader reader)
    {
        var copy = reader;
        copy.Read();
        return copy.TokenType == JsonTokenType.String;
    }

    private static void ReadCounts(ref Utf8JsonReader reader, ref long? critical, ref long? high, ref long? medium, ref long? all)
    {
        if (!BeginObject(ref reader, "severityCounts")) return;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("all"u8)) all = ReadInt64(ref reader, "severityCounts.all");
            else if (reader.ValueTextEquals("critical"u8)) critical = ReadInt64(ref reader, "severityCounts.critical");
            else if (reader.ValueTextEquals("high"u8)) high = ReadInt64(ref reader, "severityCounts.high");
            else if (reader.ValueTextEquals("medium"u8)) medium = ReadInt64(ref reader, "severityCounts.medium");
            else SkipValue(ref reader);
        }
    }

    /// <summary>The flat record of one wire aggregation.</summary>
    /// <remarks>Counts are passed through as sent, a missing one as null; whether they are plausible is decided once, for the
    /// whole page, by <see cref="Paging.PagePlausibility"/> before any item of the page is emitted.</remarks>
    private static ScanFindingAggregation Create(AggregationKind kind, string key, long? critical, long? high, long? medium, long? all) => new()
    {
        KindValue = kind,
        Key = key,
        // The typed key of the aggregation's own kind; ARN keys also carry their account.
        AccountId = kind switch
        {
            AggregationKind.Account => key,
            AggregationKind.Image or AggregationKind.ImagePipeline => ImageBuilderArn.AccountOf(key),
            _ => null,
        },
        ImageBuildVersionArn = kind == AggregationKind.Image ? key : null,
        ImagePipelineArn = kind == AggregationKind.ImagePipeline ? key : null,
        VulnerabilityId = kind == AggregationKind.VulnerabilityId ? key : null,
        Critical = critical,
        High = high,
        Medium = medium,
        All = all,
    };
}
