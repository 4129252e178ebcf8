using System.Buffers;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// Writes any operation's rest-json request: <c>POST /&lt;Operation&gt;</c> with a JSON body holding
/// exactly the members that are set, or <c>GET /&lt;Operation&gt;?member=value</c> (service-2.json).
/// </summary>
internal sealed class ImageBuilderRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly ImageBuilderRequestMarshaller Instance = new();

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var wire = (IWireRequest)input;
        IRequest request = new DefaultRequest(input, "Amazon.Imagebuilder");
        request.Headers[Amazon.Util.HeaderKeys.XAmzApiVersion] = ImageBuilderSdkConfig.ApiVersion;
        request.HttpMethod = wire.HttpMethod;
        request.ResourcePath = "/" + wire.Operation;
        if (wire.HttpMethod == "GET")
        {
            foreach (var (name, value) in wire.QueryParameters) request.Parameters.Add(name, value);
            request.UseQueryString = true;
            return request;
        }

        request.Headers["Content-Type"] = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            wire.WriteBody(writer);
            writer.WriteEndObject();
        }
        request.Content = buffer.WrittenSpan.ToArray();
        return request;
    }
}
