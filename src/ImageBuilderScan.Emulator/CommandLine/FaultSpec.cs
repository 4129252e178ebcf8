using System.Globalization;

namespace ImageBuilderScan.Emulator;

/// <summary>Parses --fault KIND[:key=value,...] into a <see cref="FaultPlan"/>.</summary>
public static class FaultSpec
{
    public static FaultPlan Parse(string spec)
    {
        var colon = spec.IndexOf(':');
        var plan = new FaultPlan { Kind = ParseEnum<FaultKind>(colon < 0 ? spec : spec[..colon], "fault kind") };
        if (colon >= 0)
        {
            foreach (var pair in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    throw new ArgumentException($"Fault setting '{pair}' is not key=value.");
                }
                var (key, value) = (pair[..eq].ToLowerInvariant(), pair[(eq + 1)..]);
                plan = key switch
                {
                    "op" or "operation" => plan with { Operation = OperationTable.ByFaultName(value) },
                    "region" => plan with { Region = value },
                    "on" => plan with { OnRequest = Int(key, value) },
                    "every" => plan with { EveryNth = Int(key, value), OnRequest = plan.OnRequest == 1 ? Int(key, value) : plan.OnRequest },
                    "max" => plan with { MaxCount = Int(key, value) },
                    "ms" or "latency" => plan with { LatencyMs = Int(key, value) },
                    "code" => plan with { ErrorCode = value },
                    "status" => plan with { StatusCode = Int(key, value) },
                    "message" => plan with { Message = value },
                    "chunked" => plan with { Chunked = bool.Parse(value) },
                    "malformation" => plan with { Malformation = ParseEnum<Malformation>(value, key) },
                    "absurdity" => plan with { Absurdity = ParseEnum<Absurdity>(value, key) },
                    "style" => plan with { ErrorCodeStyle = ParseEnum<ErrorCodeStyle>(value, key) },
                    _ => throw new ArgumentException($"Unknown fault setting '{key}'."),
                };
            }
        }
        plan.Validate();
        return plan;
    }

    private static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"Fault setting '{key}' needs a whole number.");

    /// <summary>Accepts kebab-case (drop-connection) as well as the enum name (DropConnection).</summary>
    private static T ParseEnum<T>(string text, string what) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value : throw new ArgumentException($"Unknown {what} '{text}'. Valid: {string.Join(", ", Enum.GetNames<T>())}.");
}
