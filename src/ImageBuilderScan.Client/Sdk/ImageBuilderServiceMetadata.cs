using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Client.Sdk;

internal sealed class ImageBuilderServiceMetadata : IServiceMetadata
{
    public string ServiceId => "imagebuilder";

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(0);
}
