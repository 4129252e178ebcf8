using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>
/// A report of gate results never says less than the gate decided: results a downstream stop kept from being written and
/// errors no result carries come with the results piped (Export-IBScanReport after <c>-OutVariable gate | Select-Object -First 1</c>,
/// or after an upstream command's error).
/// </summary>
public sealed class GateRunTests
{
    private static readonly GateEvaluator Evaluator = new();

    private static GateResult Passed() => Evaluator.Evaluate(TestFindings.Image, TestFindings.Complete(), [], new GatePolicy());

    private static GateResult Failed() => Evaluator.Evaluate(TestFindings.NextImage, TestFindings.Complete(TestFindings.NextImage),
        [TestFindings.Finding("CVE-2024-1", "HIGH", arn: TestFindings.NextImage)], new GatePolicy());

    [Fact]
    public void A_failed_result_that_was_not_written_is_reported()
    {
        var verdicts = new GateVerdicts();
        var (passed, failed) = (Passed(), Failed());
        verdicts.Add(passed);
        verdicts.Add(failed);

        var shown = GateRun.Decided([passed], Evaluator);

        Assert.Equal([passed, failed], shown);
        Assert.Equal(GateExitCode.Failed, GateExit.For(shown, 0));
    }

    [Fact]
    public void An_error_of_the_run_is_a_not_judged_result()
    {
        var verdicts = new GateVerdicts();
        var passed = Passed();
        verdicts.Add(passed);
        verdicts.AddError("Another command of the gate's pipeline wrote an error while the gate ran (Get-Content: missing.txt)");

        var shown = GateRun.Decided([passed], Evaluator);

        Assert.Equal(2, shown.Count);
        var error = shown[1];
        Assert.False(error.Passed);
        Assert.False(GateExit.IsJudged(error));
        Assert.Equal(GateRun.RunLabel, error.ImageName);
        Assert.Contains("missing.txt", error.ScanProblem);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For(shown, 0));
        var image = ReportImage.From(shown);
        Assert.Equal([true, false], image.Select(i => i.Passed));
    }

    [Fact]
    public void A_report_says_an_error_of_the_run_apart_from_the_images_it_counts()
    {
        var verdicts = new GateVerdicts();
        var passed = Passed();
        verdicts.Add(passed);
        verdicts.AddStatementError("Another command of the gate's pipeline wrote an error while the gate ran (Get-Content: missing.txt).");

        var shown = GateRun.Decided([passed], Evaluator);
        using var output = new StringWriter();
        MarkdownReport.Write(output, ReportImage.From(shown));

        // One image judged and passed; the run's error is not an image, and the sentence ends once.
        var verdict = output.ToString().Split('\n').Single(l => l.StartsWith("**NOT JUDGED**", StringComparison.Ordinal));
        Assert.StartsWith("**NOT JUDGED**: 1 error kept the run from being judged: Test-IBScanGate: ", verdict, StringComparison.Ordinal);
        Assert.EndsWith("(Get-Content: missing.txt).", verdict.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.DoesNotContain("image", verdict.Split(": ")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_result_left_out_stays_out_and_nothing_is_shown_twice()
    {
        var verdicts = new GateVerdicts();
        var (passed, failed) = (Passed(), Failed());
        verdicts.Add(passed);
        verdicts.Add(failed);

        Assert.Equal([failed], GateRun.Decided([failed], Evaluator));
        Assert.Equal([passed, failed], GateRun.Decided([passed, failed], Evaluator));
    }

    [Fact]
    public void Results_of_two_runs_each_bring_their_own_run()
    {
        var (first, second) = (new GateVerdicts(), new GateVerdicts());
        var (passed, failed) = (Passed(), Failed());
        first.Add(passed);
        first.AddError("a piped object was $null");
        second.Add(failed);

        var shown = GateRun.Decided([passed, failed], Evaluator);

        Assert.Equal(3, shown.Count);
        Assert.Same(passed, shown[0]);
        Assert.Same(failed, shown[1]);
        Assert.Contains("$null", shown[2].ScanProblem);
    }

    [Fact]
    public void A_result_of_no_run_is_shown_as_it_is() =>
        Assert.Single(GateRun.Decided([Passed()], Evaluator));
}
