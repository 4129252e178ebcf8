namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>Tests that touch process-wide environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SdkEnvironmentCollection
{
    public const string Name = "SdkEnvironment";
}
