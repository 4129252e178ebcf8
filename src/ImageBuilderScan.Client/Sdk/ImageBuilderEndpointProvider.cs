using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using static Amazon.Runtime.Internal.Endpoints.StandardLibrary.Fn;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>The parameters of <c>endpoint-rule-set-1.json</c>.</summary>
internal sealed class ImageBuilderEndpointParameters : EndpointParameters
{
    public ImageBuilderEndpointParameters()
    {
        UseDualStack = false;
        UseFIPS = false;
    }

    public string? Region { get => (string?)this[nameof(Region)]; set => this[nameof(Region)] = value; }
    public bool UseDualStack { get => (bool)this[nameof(UseDualStack)]; set => this[nameof(UseDualStack)] = value; }
    public bool UseFIPS { get => (bool)this[nameof(UseFIPS)]; set => this[nameof(UseFIPS)] = value; }
    public string? Endpoint { get => (string?)this[nameof(Endpoint)]; set => this[nameof(Endpoint)] = value; }
}

/// <summary>
/// Image Builder's endpoint rule set (reference/imagebuilder/endpoint-rule-set-1.json), rule by rule:
/// a custom endpoint wins (and refuses FIPS/dual-stack); otherwise the region's partition decides the
/// host, with FIPS and dual-stack variants where the partition supports them. aws-us-gov FIPS keeps
/// the plain host name, as the rule set says. Errors are <see cref="AmazonClientException"/>.
/// </summary>
internal sealed class ImageBuilderEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var region = parameters["Region"] as string;
        var useDualStack = parameters["UseDualStack"] is true;
        var useFips = parameters["UseFIPS"] is true;
        var endpoint = parameters["Endpoint"] as string;

        if (IsSet(endpoint))
        {
            if (useFips) throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
            if (useDualStack) throw new AmazonClientException("Invalid Configuration: Dualstack and custom endpoint are not supported");
            return new Endpoint(endpoint!);
        }

        if (!IsSet(region)) throw new AmazonClientException("Invalid Configuration: Missing Region");

        var partition = Partition(region!)
            ?? throw new AmazonClientException($"Cannot resolve a partition for region '{region}'");
        var refs = new Dictionary<string, object> { ["Region"] = region!, ["PartitionResult"] = partition };

        if (useFips && useDualStack)
        {
            if (partition.supportsFIPS && partition.supportsDualStack)
                return new Endpoint(Interpolate("https://imagebuilder-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", refs));
            throw new AmazonClientException("FIPS and DualStack are enabled, but this partition does not support one or both");
        }
        if (useFips)
        {
            if (!partition.supportsFIPS) throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
            if (partition.name == "aws-us-gov")
                return new Endpoint(Interpolate("https://imagebuilder.{Region}.amazonaws.com", refs));
            return new Endpoint(Interpolate("https://imagebuilder-fips.{Region}.{PartitionResult#dnsSuffix}", refs));
        }
        if (useDualStack)
        {
            if (partition.supportsDualStack)
                return new Endpoint(Interpolate("https://imagebuilder.{Region}.{PartitionResult#dualStackDnsSuffix}", refs));
            throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");
        }
        return new Endpoint(Interpolate("https://imagebuilder.{Region}.{PartitionResult#dnsSuffix}", refs));
    }
}
