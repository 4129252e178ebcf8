namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// <c>aws --endpoint-url ... imagebuilder list-image-scan-finding-aggregations --output json</c>, no filter
/// (account aggregations, as the cmdlet without parameters): the CLI pages itself.
/// </summary>
internal static class CliListing
{
    private static string[] Arguments(Uri endpoint) =>
        ["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json", "imagebuilder", "list-image-scan-finding-aggregations"];

    /// <summary>Wall time with stdout to /dev/null, as a user would run it.</summary>
    public static double TimeMs(Uri endpoint) =>
        TimedProcess.Run("aws", Arguments(endpoint), stdoutToNull: true).Elapsed.TotalMilliseconds;

    /// <summary>How many aggregations the CLI's merged output holds (checked once before timing).</summary>
    public static long Count(Uri endpoint)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(TimedProcess.Run("aws", Arguments(endpoint)).Stdout);
        return doc.RootElement.GetProperty("responses").GetArrayLength();
    }
}
