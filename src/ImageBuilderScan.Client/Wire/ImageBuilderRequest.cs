using System.Text.Json;
using Amazon.Runtime;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// One Image Builder operation's request as it travels through the AWSSDK.Core pipeline: what goes
/// on the wire (<see cref="ImageBuilderRequestMarshaller"/> writes it) and which reader reads the
/// answer. Adding an operation is a subclass of this, a <see cref="ResponseReader{T}"/> and a
/// client method; marshalling, signing, retries, error translation and paging are shared.
/// </summary>
internal abstract class ImageBuilderRequest<TResponse> : AmazonWebServiceRequest, IWireRequest
{
    /// <summary>The operation name, also the request path (<c>POST /ListImageScanFindings</c>).</summary>
    public abstract string Operation { get; }

    public virtual string HttpMethod => "POST";

    /// <summary>Writes the members of the JSON body that are set (POST operations).</summary>
    public virtual void WriteBody(Utf8JsonWriter writer)
    {
    }

    /// <summary>The query string members (GET operations), in the order they are sent.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> QueryParameters => [];

    /// <summary>Reads this operation's response body.</summary>
    public abstract ResponseReader<TResponse> Reader { get; }
}

/// <summary>What the marshaller needs of any request, whatever its response type.</summary>
internal interface IWireRequest
{
    string Operation { get; }
    string HttpMethod { get; }
    void WriteBody(Utf8JsonWriter writer);
    IEnumerable<KeyValuePair<string, string>> QueryParameters { get; }
}

/// <summary>Parses one operation's response body (the reader is on the top-level StartObject).</summary>
internal abstract class ResponseReader<T>
{
    public abstract T Read(ref Utf8JsonReader reader, string? headerRequestId);
}
