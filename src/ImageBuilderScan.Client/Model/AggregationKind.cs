namespace ImageBuilderScan.Client.Model;

/// <summary>What an aggregation's key is: the service groups counts by one of these.</summary>
public enum AggregationKind
{
    /// <summary>The response held none of the four known aggregation members (a newer service shape).</summary>
    Unknown = 0,
    Account,
    Image,
    ImagePipeline,
    VulnerabilityId,
}
