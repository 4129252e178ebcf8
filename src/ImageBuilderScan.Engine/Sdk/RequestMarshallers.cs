using System.Buffers;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Writes the rest-json request of both operations: <c>POST /&lt;Operation&gt;</c> with a JSON body
/// holding exactly the members that are set (service-2.json: filter{name,values} or
/// filters[{name,values}], maxResults, nextToken).
/// </summary>
internal abstract class JsonRequestMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    protected abstract string Operation { get; }

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        IRequest request = new DefaultRequest(input, "Amazon.Imagebuilder");
        request.Headers["Content-Type"] = "application/json";
        request.Headers[Amazon.Util.HeaderKeys.XAmzApiVersion] = ImageBuilderSdkConfig.ApiVersion;
        request.HttpMethod = "POST";
        request.ResourcePath = "/" + Operation;

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteMembers(writer, (TRequest)input);
            writer.WriteEndObject();
        }
        request.Content = buffer.WrittenSpan.ToArray();
        return request;
    }

    protected abstract void WriteMembers(Utf8JsonWriter writer, TRequest request);

    protected static void WriteFilter(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteStartArray("values"u8);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

internal sealed class AggregationsRequestMarshaller : JsonRequestMarshaller<AggregationsSdkRequest>
{
    public static readonly AggregationsRequestMarshaller Instance = new();

    protected override string Operation => "ListImageScanFindingAggregations";

    protected override void WriteMembers(Utf8JsonWriter writer, AggregationsSdkRequest sdkRequest)
    {
        var request = sdkRequest.Request;
        if (request.FilterName is not null)
        {
            writer.WritePropertyName("filter"u8);
            WriteFilter(writer, request.FilterName, request.FilterValues);
        }
        if (request.NextToken is not null) writer.WriteString("nextToken"u8, request.NextToken);
    }
}

internal sealed class FindingsRequestMarshaller : JsonRequestMarshaller<FindingsSdkRequest>
{
    public static readonly FindingsRequestMarshaller Instance = new();

    protected override string Operation => "ListImageScanFindings";

    protected override void WriteMembers(Utf8JsonWriter writer, FindingsSdkRequest sdkRequest)
    {
        var request = sdkRequest.Request;
        if (request.FilterName is not null)
        {
            writer.WriteStartArray("filters"u8);
            WriteFilter(writer, request.FilterName, request.FilterValue is null ? [] : [request.FilterValue]);
            writer.WriteEndArray();
        }
        if (request.MaxResults is int maxResults) writer.WriteNumber("maxResults"u8, maxResults);
        if (request.NextToken is not null) writer.WriteString("nextToken"u8, request.NextToken);
    }
}
