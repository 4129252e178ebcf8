namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>Tests that set process-wide environment variables run one at a time, and never beside another such class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "ReliabilityEnvironment";
}
