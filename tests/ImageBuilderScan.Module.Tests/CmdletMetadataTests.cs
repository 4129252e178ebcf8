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
        Assert.Equal(["ImageBuilderScan.Engine.Model.ScanFindingAggregation"], Aggregation.OutputTypes);
        Assert.Equal(["ImageBuilderScan.Engine.Model.ScanFinding"], Finding.OutputTypes);
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
        // "Arn" means an image, a pipeline, a recipe or a role depending on the object: an alias only where
        // the value is held to one shape before any request (Compare-IBScanFinding's image build ARN, so
        // AWS Tools' image objects pipe), never where a wrong kind of ARN could pass.
        var arnAliases = CmdletMetadata.Cmdlets.SelectMany(c => c.Value.Parameters.Select(p => (Cmdlet: c.Key, Parameter: p.Key, p.Value.Aliases)))
            .Where(p => p.Aliases.Contains("Arn", StringComparer.OrdinalIgnoreCase)).Select(p => $"{p.Cmdlet} -{p.Parameter}");
        Assert.Equal(["Compare-IBScanFinding -DifferenceImageBuildVersionArn"], arnAliases);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation", "AccountId", "AccountId", false, true)]
    [InlineData("Get-IBScanFindingAggregation", "ImageBuildVersionArn", "ImageBuildVersionArn", true, true)]
    [InlineData("Get-IBScanFindingAggregation", "ImagePipelineArn", "ImagePipelineArn", true, true)]
    [InlineData("Get-IBScanFindingAggregation", "VulnerabilityId", "VulnerabilityId", true, true)]
    [InlineData("Get-IBScanFindingAggregation", "FilterName", "Filter", true, false)]
    [InlineData("Get-IBScanFindingAggregation", "FilterValue", "Filter", true, false)]
    [InlineData("Get-IBScanFinding", "ImageBuildVersionArn", "ImageBuildVersionArn", true, true)]
    [InlineData("Get-IBScanFinding", "ImagePipelineArn", "ImagePipelineArn", true, true)]
    [InlineData("Get-IBScanFinding", "VulnerabilityId", "VulnerabilityId", true, true)]
    [InlineData("Get-IBScanFinding", "Severity", "Severity", true, false)]
    public void Filters_one_set_each_bound_by_property_name_only(string cmdlet, string parameter, string set, bool mandatory, bool byPropertyName)
    {
        var p = CmdletMetadata.Cmdlets[cmdlet].Parameters[parameter];
        Assert.Equal(new ParameterSetEntry(set, mandatory, false, byPropertyName), Assert.Single(p.Sets));
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation")]
    [InlineData("Get-IBScanFinding")]
    public void Only_our_aggregations_bind_by_value_and_no_string_does(string cmdlet)
    {
        var byValue = CmdletMetadata.Cmdlets[cmdlet].Parameters.Values.Where(p => p.Sets.Any(s => s.ByValue)).ToList();
        var input = Assert.Single(byValue);
        Assert.Equal("InputObject", input.Name);
        Assert.Equal("ImageBuilderScan.Engine.Model.ScanFindingAggregation[]", input.TypeName);
        Assert.Equal(new ParameterSetEntry("InputObject", true, true, false), Assert.Single(input.Sets));
    }

    [Fact]
    public void The_default_aggregation_set_holds_the_only_optional_pipeline_parameter()
    {
        // Why: PowerShell tries the default set's pipeline parameters first and stops there when one
        // binds, so an object carrying AccountId and an ARN binds AccountId and never two sets.
        var inDefault = Aggregation.Parameters.Values.Where(p => p.Sets.Any(s => s.Set == "AccountId")).ToList();
        Assert.Equal("AccountId", Assert.Single(inDefault).Name);
        // And no other set's pipeline parameter is optional (a null property would bind it and
        // make two sets match).
        Assert.All(Aggregation.Parameters.Values.SelectMany(p => p.Sets).Where(s => s.Set != "AccountId" && (s.ByPropertyName || s.ByValue)), s => Assert.True(s.Mandatory));
        Assert.All(Finding.Parameters.Values.SelectMany(p => p.Sets).Where(s => s.ByPropertyName || s.ByValue), s => Assert.True(s.Mandatory));
    }

    [Fact]
    public void Severity_is_a_fixed_set()
    {
        Assert.Equal(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"], Finding.Parameters["Severity"].ValidateSet);
    }

    [Fact]
    public void The_cmdlet_assembly_references_no_awssdk_and_only_the_engine_besides_the_framework()
    {
        Assert.DoesNotContain(CmdletMetadata.AssemblyReferences, r => r.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ImageBuilderScan.Engine", CmdletMetadata.AssemblyReferences);
    }
}
