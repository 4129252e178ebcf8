namespace ImageBuilderScan.Emulator.Tests;

public sealed class DataSetTests
{
    [Fact]
    public void The_sample_is_small_realistic_and_covers_every_severity()
    {
        var all = FindingsDataSet.Load(TestData.SamplePath);
        Assert.Equal(["eu-west-1", "us-east-1"], all.Regions);
        var data = all.View(new DataScope("us-east-1", null));
        Assert.Equal(34, all.Findings.Count);
        Assert.Equal(32, data.Findings.Count);
        Assert.Equal(2, data.Aggregations("accountId").Count);
        Assert.Equal(4, data.Aggregations("imagePipelineArn").Count);
        Assert.Equal(9, data.Aggregations("imageBuildVersionArn").Count);
        Assert.Equal(2, all.View(new DataScope("eu-west-1", null)).Findings.Count);
        Assert.Equal(["CRITICAL", "HIGH", "INFORMATIONAL", "LOW", "MEDIUM", "UNTRIAGED"], data.Findings.Select(f => f.Severity).Distinct().Order());
        Assert.Contains(data.Findings, f => f.VulnerabilityId.StartsWith("GHSA-"));
        Assert.Contains(data.Findings, f => f.VulnerabilityId.StartsWith("ALAS2023-"));
        Assert.All(data.Aggregations("imageBuildVersionArn"), a => Assert.Matches(@"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/[0-9]+\.[0-9]+\.[0-9]+/[0-9]+$", a.Key));
        Assert.All(data.Aggregations("imagePipelineArn"), a => Assert.Matches(@"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline/[a-z0-9-_]+$", a.Key));
    }

    [Fact]
    public void The_generated_data_set_is_deterministic_per_seed_and_sized_by_the_options()
    {
        var options = new EmulatorOptions { Seed = 7, Accounts = 3, PipelinesPerAccount = 2, ImagesPerPipeline = 4, FindingsPerImage = 5 };
        var one = new FindingsDataSet(FindingsGenerator.Generate(options));
        var two = new FindingsDataSet(FindingsGenerator.Generate(options));
        var other = new FindingsDataSet(FindingsGenerator.Generate(options with { Seed = 8 }));
        Assert.Equal(one.ToJson(), two.ToJson());
        Assert.NotEqual(one.ToJson(), other.ToJson());
        Assert.Equal(3 * 2 * 4 * 5, one.Findings.Count);
        Assert.Equal(3, one.Aggregations("accountId").Count);
        Assert.Equal(6, one.Aggregations("imagePipelineArn").Count);
        Assert.Equal(24, one.Aggregations("imageBuildVersionArn").Count);
        // Round trip through the documented file format.
        Assert.Equal(one.Findings.Select(f => f.Json), FindingsDataSet.Parse(one.ToJson()).Findings.Select(f => f.Json));
    }

    [Theory]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{"findings":[{"accountId":"111122223333"}]}""")]
    [InlineData("""{"findings":[{"awsAccountId":111122223333}]}""")]
    [InlineData("""{"findings":[{"awsAccountId":"111122223333","imageBuildVersionArn":"a","severity":"HIGH"}]}""")]
    public void A_data_file_that_does_not_follow_the_model_is_refused_at_load(string json)
    {
        Assert.Throws<FormatException>(() => FindingsDataSet.Parse(json));
    }

    [Fact]
    public void Aggregations_count_low_informational_and_untriaged_only_in_all()
    {
        var json = """
            {"findings":[
              {"awsAccountId":"111122223333","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","severity":"LOW","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-1"}},
              {"awsAccountId":"111122223333","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","severity":"INFORMATIONAL","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-2"}},
              {"awsAccountId":"111122223333","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","severity":"UNTRIAGED","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-3"}},
              {"awsAccountId":"111122223333","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","severity":"CRITICAL","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-3"}}
            ]}
            """;
        var data = FindingsDataSet.Parse(json);
        Assert.Equal(new SeverityCounts(4, 1, 0, 0), data.Aggregations("accountId").Single().Counts);
        Assert.Empty(data.Aggregations("imagePipelineArn"));
        Assert.Equal(new SeverityCounts(2, 1, 0, 0), data.Find("vulnerabilityId", "CVE-2024-3")!.Counts);
    }
}
