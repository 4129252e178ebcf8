namespace ImageBuilderScan.Module.Tests;

/// <summary>The PowerShell surface as declared: names, sets, pipeline binding, aliases, output types.</summary>
public sealed class CmdletMetadataTests
{
    private static CmdletInfo Aggregation => CmdletMetadata.Cmdlets["Get-IBScanFindingAggregation"];
    private static CmdletInfo Finding => CmdletMetadata.Cmdlets["Get-IBScanFinding"];

    private static readonly string[] AwsParameters =
        ["Region", "ProfileName", "ProfileLocation", "AccessKey", "SecretKey", "SessionToken", "Credential", "EndpointUrl",
         "MaxAttempts", "TimeoutSec", "AllowInsecureEndpoint", "NextToken", "NoAutoPage", "NextTokenVariable"];

    [Fact]
    public void Exactly_the_five_cmdlets_exist_named_verb_noun_command()
    {
        Assert.Equal(["Compare-IBScanFinding", "Export-IBScanReport", "Get-IBScanFinding", "Get-IBScanFindingAggregation", "Test-IBScanGate"],
            CmdletMetadata.Cmdlets.Keys.Order());
        Assert.All(CmdletMetadata.Cmdlets, c => Assert.Equal(c.Key.Replace("-", "") + "Command", c.Value.ClassName));
        Assert.Equal("GetIBScanFindingAggregationCommand", Aggregation.ClassName);
        Assert.Equal("GetIBScanFindingCommand", Finding.ClassName);
    }

    [Fact]
    public void Output_types_are_the_engine_objects()
    {
        Assert.Equal(["ImageBuilderScan.Client.Model.ScanFindingAggregation"], Aggregation.OutputTypes);
        Assert.Equal(["ImageBuilderScan.Client.Model.ScanFinding"], Finding.OutputTypes);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation", "AccountId", "AccountId,ImageBuildVersionArn,ImagePipelineArn,VulnerabilityId,Filter,InputObject")]
    [InlineData("Get-IBScanFinding", "NoFilter", "ImagePipelineArn,ImageBuildVersionArn,VulnerabilityId,Severity,InputObject")]
    public void Parameter_sets_and_default(string cmdlet, string defaultSet, string expectedSets)
    {
        var info = CmdletMetadata.Cmdlets[cmdlet];
        Assert.Equal(defaultSet, info.DefaultSet);
        var sets = info.Parameters.Values.SelectMany(p => p.Sets).Select(s => s.Set).Where(s => s != "__AllParameterSets").Distinct().Order();
        var expected = expectedSets.Split(',').Where(s => s != "AccountId" || cmdlet.EndsWith("Aggregation")).Order();
        Assert.Equal(expected, sets);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation")]
    [InlineData("Get-IBScanFinding")]
    public void Aws_parameters_are_in_every_set_and_never_bind_from_the_pipeline(string cmdlet)
    {
        var info = CmdletMetadata.Cmdlets[cmdlet];
        foreach (var name in AwsParameters)
        {
            var entry = Assert.Single(info.Parameters[name].Sets);
            Assert.Equal(new ParameterSetEntry("__AllParameterSets", false, false, false), entry);
        }
    }

    [Fact]
    public void Aws_tools_aliases()
    {
        Assert.Equal(["StoredCredentials", "AWSProfileName"], Aggregation.Parameters["ProfileName"].Aliases);
        Assert.Equal(["AWSProfilesLocation", "ProfilesLocation"], Aggregation.Parameters["ProfileLocation"].Aliases);
        Assert.Equal(["AwsAccountId"], Aggregation.Parameters["AccountId"].Aliases);
        Assert.Equal(["MaxResults"], Finding.Parameters["PageSize"].Aliases);
        Assert.Equal(["NoAutoIteration"], Aggregation.Parameters["NoAutoPage"].Aliases);
        Assert.Equal(["NoAutoIteration"], Finding.Parameters["NoAutoPage"].Aliases);
        // "Arn" means an image, a pipeline, a recipe or a role depending on the object: an alias only where
        // the value is held to one shape before any request (Compare-IBScanFinding's image build ARN, so
        // AWS Tools' image objects pipe), never where a wrong kind of ARN could pass.
        var arnAliases = CmdletMetadata.Cmdlets.SelectMany(c => c.Value.Parameters.Select(p => (Cmdlet: c.Key, Parameter: p.Key, p.Value.Aliases)))
            .Where(p => p.Aliases.Contains("Arn", StringComparer.OrdinalIgnoreCase)).Select(p => $"{p.Cmdlet} -{p.Parameter}");
        Assert.Equal(["Compare-IBScanFinding -DifferenceImageBuildVersionArn"], arnAliases);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation", "AccountId", "AccountId", false)]
    [InlineData("Get-IBScanFindingAggregation", "ImageBuildVersionArn", "ImageBuildVersionArn", true)]
    [InlineData("Get-IBScanFindingAggregation", "ImagePipelineArn", "ImagePipelineArn", true)]
    [InlineData("Get-IBScanFindingAggregation", "VulnerabilityId", "VulnerabilityId", true)]
    [InlineData("Get-IBScanFindingAggregation", "FilterName", "Filter", true)]
    [InlineData("Get-IBScanFindingAggregation", "FilterValue", "Filter", true)]
    [InlineData("Get-IBScanFinding", "ImageBuildVersionArn", "ImageBuildVersionArn", true)]
    [InlineData("Get-IBScanFinding", "ImagePipelineArn", "ImagePipelineArn", true)]
    [InlineData("Get-IBScanFinding", "VulnerabilityId", "VulnerabilityId", true)]
    [InlineData("Get-IBScanFinding", "Severity", "Severity", true)]
    public void Filters_one_set_each_for_explicit_use_never_from_the_pipeline(string cmdlet, string parameter, string set, bool mandatory)
    {
        // Binding by property name never looks at values: an object carrying an account and an ARN
        // (every finding) bound the account. Piped objects go to -InputObject, read by the adapter.
        var p = CmdletMetadata.Cmdlets[cmdlet].Parameters[parameter];
        Assert.Equal(new ParameterSetEntry(set, mandatory, false, false), Assert.Single(p.Sets));
    }

    [Fact]
    public void Expand_package_is_a_switch_of_every_finding_set()
    {
        var p = Finding.Parameters["ExpandPackage"];
        Assert.Equal("System.Management.Automation.SwitchParameter", p.TypeName);
        Assert.Equal(new ParameterSetEntry("__AllParameterSets", false, false, false), Assert.Single(p.Sets));
        Assert.DoesNotContain("ExpandPackage", Aggregation.Parameters.Keys);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation")]
    [InlineData("Get-IBScanFinding")]
    public void The_one_pipeline_parameter_is_input_object_taking_any_object_by_value(string cmdlet)
    {
        // Strings, AWS Tools' objects, findings and aggregations all bind here in PowerShell's first
        // step (by value, no coercion), so no set is ever ambiguous; the adapter reads the key.
        var piped = CmdletMetadata.Cmdlets[cmdlet].Parameters.Values.Where(p => p.Sets.Any(s => s.ByValue || s.ByPropertyName)).ToList();
        var input = Assert.Single(piped);
        Assert.Equal("InputObject", input.Name);
        Assert.Equal("System.Management.Automation.PSObject[]", input.TypeName);
        // Position 0: AWS Tools puts the key first (Get-IBScanFinding $arn), read by the same adapter.
        Assert.Equal(new ParameterSetEntry("InputObject", true, true, false, Position: 0), Assert.Single(input.Sets));
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation", "Region", "ImageBuilderScan.Commands.RegionCompleter")]
    [InlineData("Get-IBScanFindingAggregation", "ProfileName", "ImageBuilderScan.Commands.ProfileNameCompleter")]
    [InlineData("Get-IBScanFinding", "Region", "ImageBuilderScan.Commands.RegionCompleter")]
    [InlineData("Get-IBScanFinding", "ProfileName", "ImageBuilderScan.Commands.ProfileNameCompleter")]
    [InlineData("Get-IBScanFindingAggregation", "FilterName", "ImageBuilderScan.Commands.FilterNameCompleter")]
    public void Names_complete_with_their_completer(string cmdlet, string parameter, string completer)
    {
        Assert.Equal(completer, CmdletMetadata.Cmdlets[cmdlet].Parameters[parameter].Completer);
    }

    /// <summary>Every severity parameter checks and completes from the client's one list (SeverityRank.ServiceNames), none keeps a literal set.</summary>
    [Theory]
    [InlineData("Get-IBScanFinding", "Severity")]
    [InlineData("Test-IBScanGate", "FailOn")]
    [InlineData("Export-IBScanReport", "FailOn")]
    public void Severity_parameters_use_the_one_severity_list(string cmdlet, string parameter)
    {
        var p = CmdletMetadata.Cmdlets[cmdlet].Parameters[parameter];
        Assert.Contains("ImageBuilderScan.Adapter.ValidateSeverityAttribute", p.Validators!);
        Assert.Equal("ImageBuilderScan.Commands.SeverityCompleter", p.Completer);
        Assert.Empty(p.ValidateSet);
        Assert.Equal(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"], ImageBuilderScan.Client.Model.SeverityRank.ServiceNames);
    }

    [Fact]
    public void The_cmdlet_assembly_references_no_awssdk_and_only_the_engine_besides_the_framework()
    {
        Assert.DoesNotContain(CmdletMetadata.AssemblyReferences, r => r.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ImageBuilderScan.Engine", CmdletMetadata.AssemblyReferences);
    }
}
