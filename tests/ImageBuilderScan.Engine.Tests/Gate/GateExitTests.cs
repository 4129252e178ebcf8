
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>The CI exit contract: 0 all judged and passed, 1 a build judged and failed, 2 anything not judged.</summary>
public sealed class GateExitTests
{
    private static readonly GateEvaluator Evaluator = new();

    private static GateResult Passed() => Evaluator.Evaluate(TestFindings.Image, TestFindings.Complete(), [], new GatePolicy());

    private static GateResult Failed() => Evaluator.Evaluate(TestFindings.Image, TestFindings.Complete(), [TestFindings.Finding("CVE-2024-1", "HIGH")], new GatePolicy());

    private static GateResult Scanning() => Evaluator.Evaluate(TestFindings.Image, TestFindings.State("SCANNING"), [], new GatePolicy());

    private static GateResult Unread() => Evaluator.Evaluate(TestFindings.Image, TestFindings.Complete(), [], new GatePolicy(), "its scan could not be read completely");

    [Fact]
    public void Every_build_judged_and_passed_is_0() => Assert.Equal(GateExitCode.Passed, GateExit.For([Passed(), Passed()], 0));

    [Fact]
    public void A_build_judged_and_failed_is_1() => Assert.Equal(GateExitCode.Failed, GateExit.For([Passed(), Failed()], 0));

    [Fact]
    public void Nothing_judged_is_2_never_a_pass() => Assert.Equal(GateExitCode.NotJudged, GateExit.For([], 0));

    [Fact]
    public void An_error_is_2_even_beside_a_failure() => Assert.Equal(GateExitCode.NotJudged, GateExit.For([Failed()], 1));

    [Fact]
    public void An_incomplete_scan_or_unread_data_is_2()
    {
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([Passed(), Scanning()], 0));
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([Unread()], 0));
        Assert.False(GateExit.IsJudged(Scanning()));
    }

    [Fact]
    public void An_incomplete_scan_allowed_by_policy_is_judged()
    {
        // With a finding to judge: an incomplete scan with none proves nothing, and stays not judged.
        var allowed = Evaluator.Evaluate(TestFindings.Image, TestFindings.State("SCANNING"), [TestFindings.Finding("CVE-2024-1", "MEDIUM")], new GatePolicy { AllowIncompleteScan = true });
        Assert.Equal(GateExitCode.Passed, GateExit.For([allowed], 0));
    }

    [Fact]
    public void The_verdict_of_Quiet_and_the_default_is_the_exit_contracts()
    {
        // GateVerdicts.AllPassed is what -Quiet returns and what decides ScanGateFailed: it passes exactly when the exit code is 0.
        foreach (var (results, errors) in new (GateResult[] Results, int Errors)[]
            { ([], 0), ([Passed()], 0), ([Passed(), Failed()], 0), ([Passed()], 1), ([Passed(), Scanning()], 0), ([Unread()], 0) })
        {
            var verdicts = new GateVerdicts();
            foreach (var r in results) verdicts.Add(r);
            for (var i = 0; i < errors; i++) verdicts.AddError("GetImage failed");
            Assert.Equal(GateExit.For(results, errors) == GateExitCode.Passed, verdicts.AllPassed);
        }
    }

    [Fact]
    public void The_failure_message_names_each_failed_build_by_its_label_and_each_build_not_judged()
    {
        var verdicts = new GateVerdicts();
        verdicts.Add(Passed());
        verdicts.Add(Failed());
        verdicts.AddError("GetImage failed");
        var message = verdicts.Describe();
        Assert.StartsWith("The scan gate failed for 2 of 3 image(s): ", message, StringComparison.Ordinal);
        Assert.Contains($"{ReportImage.From(Failed()).ShortName}: ", message, StringComparison.Ordinal);
        Assert.Contains("CVE-2024-1 HIGH", message, StringComparison.Ordinal);
        Assert.EndsWith("not judged: GetImage failed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_about_the_statement_keeps_the_gate_from_passing_without_counting_as_an_image()
    {
        var passed = new GateVerdicts();
        passed.Add(Passed());
        passed.AddStatementError("Get-Content: missing.txt");
        Assert.False(passed.AllPassed);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For(passed.Results, passed.ErrorCount));
        Assert.StartsWith("The scan gate could not judge its input as a whole (1 image(s) judged, none failed): ", passed.Describe(), StringComparison.Ordinal);
        Assert.EndsWith("input not judged as a whole: Get-Content: missing.txt", passed.Describe(), StringComparison.Ordinal);

        var failed = new GateVerdicts();
        failed.Add(Failed());
        failed.AddStatementError("Get-Content: missing.txt");
        Assert.StartsWith("The scan gate failed for 1 of 1 image(s): ", failed.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(TestFindings.Image + "| ")]
    public void An_empty_or_missing_build_is_refused_naming_the_parameter(string? joined)
    {
        var arns = joined?.Split('|');
        var e = Assert.Throws<ScanInputException>(() => ScanGate.RequireNamedBuilds(arns, required: true));
        Assert.Equal("ImageBuildVersionArn", e.ParameterName);
    }

    [Fact]
    public void No_build_named_beside_piped_findings_is_fine() => ScanGate.RequireNamedBuilds(null, required: false);

    [Theory]
    [InlineData(null, "no value was given")]
    [InlineData("", "the value is empty")]
    [InlineData(" ", "the value is empty")]
    [InlineData("arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web|", "1 of the 2 value(s) is empty")]
    public void An_empty_value_of_any_parameter_is_refused_naming_it(string? joined, string problem)
    {
        var values = joined is null ? [] : joined.Split('|');
        var e = Assert.Throws<ScanInputException>(() => ScanGate.RequireValues("ImagePipelineArn", values, "an image pipeline ARN"));
        Assert.Equal("ImagePipelineArn", e.ParameterName);
        Assert.Contains(problem, e.Message);
        Assert.Throws<ScanInputException>(() => ScanGate.RequireValues("ExceptionPath", [null], "a file"));
        ScanGate.RequireValues("ExceptionPath", ["./x.yaml"], "a file");
    }

    [Fact]
    public void A_process_about_to_end_with_0_ends_with_the_code_a_gate_decided_and_any_other_code_stands()
    {
        Assert.Equal(1, GateExit.AtProcessExit(0, GateExitCode.Failed));
        Assert.Equal(2, GateExit.AtProcessExit(0, GateExitCode.NotJudged));
        Assert.Equal(0, GateExit.AtProcessExit(0, GateExitCode.Passed));
        Assert.Equal(1, GateExit.AtProcessExit(1, GateExitCode.NotJudged));
        Assert.Equal(5, GateExit.AtProcessExit(5, GateExitCode.Failed));
    }

    [Fact]
    public void An_earlier_failure_stays_and_not_judged_outranks_failed()
    {
        Assert.Equal(GateExitCode.Failed, GateExit.Worse(GateExitCode.Failed, GateExitCode.Passed));
        Assert.Equal(GateExitCode.NotJudged, GateExit.Worse(GateExitCode.Failed, GateExitCode.NotJudged));
        Assert.Equal(GateExitCode.NotJudged, GateExit.Worse(GateExitCode.NotJudged, GateExitCode.Failed));
    }
}
