namespace ImageBuilderScan.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Every_option_maps_onto_EmulatorOptions()
    {
        var o = EmulatorCommandLine.Parse(
        [
            "--urls", "http://127.0.0.1:5099", "--access-key-id", "AKIDTEST", "--secret-access-key", "s3cr3t", "--session-token", "tok",
            "--max-clock-skew-minutes", "5", "--page-size", "1000", "--findings-page-size", "25", "--data", "x.json", "--seed", "9",
            "--accounts", "4", "--pipelines", "5", "--images-per-pipeline", "6", "--vulnerabilities", "70", "--findings-per-image", "8",
            "--filter-matches-all", "--synthetic-keys", "1000000", "--verbose",
            "--fault", "latency:ms=250,max=3", "--fault", "truncated-body:op=aggregations,on=3,chunked=true",
        ], out var help);
        Assert.False(help);
        Assert.Equal(("http://127.0.0.1:5099", "AKIDTEST", "s3cr3t", "tok"), (o.Urls, o.AccessKeyId, o.SecretAccessKey, o.SessionToken));
        Assert.Equal(TimeSpan.FromMinutes(5), o.MaxClockSkew);
        // A relative --data path is the user's: resolved against the current directory at once.
        Assert.Equal((1000, 25, Path.Combine(Environment.CurrentDirectory, "x.json"), 9), (o.AggregationPageSize, o.FindingsPageSize, o.DataFile, o.Seed));
        Assert.Equal((4, 5, 6, 70, 8), (o.Accounts, o.PipelinesPerAccount, o.ImagesPerPipeline, o.Vulnerabilities, o.FindingsPerImage));
        Assert.True(o.FilterMatchesAll && o.Verbose);
        Assert.Equal(1_000_000, o.SyntheticKeys);
        Assert.Equal(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 250, MaxCount = 3 }, o.Faults[0]);
        Assert.Equal(new FaultPlan { Kind = FaultKind.TruncatedBody, Operation = EmulatorOperation.ListImageScanFindingAggregations, OnRequest = 3, Chunked = true }, o.Faults[1]);
    }

    [Fact]
    public void The_MFA_options_name_the_roles_the_device_and_its_code()
    {
        var o = EmulatorCommandLine.Parse(["--mfa-role", "arn:aws:iam::111122223333:role/a", "--mfa-role", "arn:aws:iam::444455556666:role/b",
            "--mfa-serial", "arn:aws:iam::111122223333:mfa/me", "--mfa-code", "408317"], out _);
        Assert.Equal(["arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:role/b"], o.MfaRoles);
        Assert.Equal(("arn:aws:iam::111122223333:mfa/me", "408317"), (o.MfaSerialNumber, o.MfaTokenCode));
        Assert.Contains("--mfa-role", EmulatorCommandLine.Help());
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var o = EmulatorCommandLine.Parse([], out _);
        Assert.Equal(("AKIAIBSCANEMULATOR00", "ImageBuilderScanEmulatorSecretKey00000000"), (o.AccessKeyId, o.SecretAccessKey));
        Assert.Equal((100, 10, 1, 0L), (o.AggregationPageSize, o.FindingsPageSize, o.Seed, o.SyntheticKeys));
        Assert.Null(o.Urls);
        Assert.Null(o.SessionToken);
    }

    [Fact]
    public void Help_lists_every_option_with_its_default()
    {
        var help = EmulatorCommandLine.Help();
        foreach (var option in new[] { "--urls", "--access-key-id", "--secret-access-key", "--session-token", "--page-size", "--findings-page-size", "--data",
                     "--seed", "--accounts", "--pipelines", "--images-per-pipeline", "--vulnerabilities", "--findings-per-image",
                     "--filter-matches-all", "--synthetic-keys", "--fault", "--verbose", "--max-clock-skew-minutes" })
        {
            var line = help.Split('\n').Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.Contains("Default: ", line);
        }
        EmulatorCommandLine.Parse(["--help"], out var wanted);
        Assert.True(wanted);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--page-size", "many")]
    [InlineData("--page-size")]
    [InlineData("--fault", "explode")]
    [InlineData("--fault", "throttle:max=0")]
    [InlineData("--fault", "throttle:op=elsewhere")]
    public void Bad_arguments_are_refused(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(args, out _));
    }
}
