using System.Buffers;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>
/// Each listing is one row beside its query (docs/adding-an-operation.md): the query points at its own row, every
/// row is an operation the emulator serves, and the request a row writes is the model's body for that operation.
/// </summary>
public sealed class ListingRowTests
{
    private const string Version = "arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0";
    private const string Pipeline = "arn:aws:imagebuilder:us-west-2:123456789012:image-pipeline/web";

    // Every query type of the client, found rather than listed, so a new listing is checked without an edit here.
    private static readonly ListingQuery[] Queries = typeof(ListingQuery).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ListingQuery)) && !t.IsAbstract)
        .Select(t => (ListingQuery)Activator.CreateInstance(t)!).ToArray();

    private static readonly ListingOperation[] Rows = Queries.Select(q => q.Operation).ToArray();

    [Fact]
    public void Each_query_points_at_its_own_row()
    {
        Assert.Contains(Queries, q => q is ImageBuildVersionsQuery);
        Assert.All(Queries, q => Assert.Same(
            q.GetType().GetField("Listing", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null), q.Operation));
    }

    [Fact]
    public void Every_row_is_an_operation_the_emulator_serves_once()
    {
        Assert.All(Rows, row => Assert.True(Enum.TryParse<ImageBuilderScan.Emulator.EmulatorOperation>(row.Name, out _), row.Name));
        Assert.Equal(Rows.Length, Rows.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Image_listings_send_their_one_arn_as_the_required_member()
    {
        Assert.Equal($$"""{"imageVersionArn":"{{Version}}","maxResults":3,"nextToken":"t"}""",
            Body(ImageBuildVersionsQuery.Listing.Request(FilterNames.ImageVersionArn, [Version], 3, "t")));
        Assert.Equal($$"""{"imagePipelineArn":"{{Pipeline}}"}""",
            Body(PipelineImagesQuery.Listing.Request(FilterNames.ImagePipelineArn, [Pipeline], null, null)));
    }

    [Fact]
    public void Scan_listings_send_their_filter_in_the_models_shape()
    {
        Assert.Equal("""{"filter":{"name":"accountId","values":["123456789012","210987654321"]}}""",
            Body(AggregationQuery.Listing.Request(FilterNames.AccountId, ["123456789012", "210987654321"], null, null)));
        Assert.Equal("""{"filters":[{"name":"severity","values":["HIGH"]}],"maxResults":25}""",
            Body(FindingQuery.Listing.Request(FilterNames.Severity, ["HIGH"], 25, null)));
        Assert.Equal("{}", Body(AggregationQuery.Listing.Request(null, [], null, null)));
    }

    private static string Body<T>(ListingRequest<T> request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            request.WriteBody(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
