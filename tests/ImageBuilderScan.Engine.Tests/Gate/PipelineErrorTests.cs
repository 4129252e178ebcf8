namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>The gate's refusal when other commands of its statement wrote errors while it ran (ErrorLogMark in the module).</summary>
public sealed class PipelineErrorTests
{
    [Fact]
    public void One_error_names_its_command_and_message_and_says_what_to_do()
    {
        var error = new PipelineErrorException([("Get-Content", "Cannot find path '/ci/missing.txt' because it does not exist.")]);

        Assert.Equal(1, error.Count);
        Assert.Equal("PipelineError", error.ErrorId);
        Assert.Equal(ScanErrorCategory.InvalidData, error.Category);
        Assert.Contains("wrote an error while the gate ran (Get-Content: Cannot find path '/ci/missing.txt'", error.Message);
        Assert.Contains("not judged", error.Message);
        Assert.Contains("-ErrorAction Ignore", error.Message);
    }

    [Fact]
    public void Several_errors_are_counted_and_the_first_is_named()
    {
        var error = new PipelineErrorException([("ForEach-Object", "one build lost"), ("Get-Content", "another")]);

        Assert.Equal(2, error.Count);
        Assert.Contains("wrote 2 errors, the first while the gate ran (ForEach-Object: one build lost)", error.Message);
        Assert.DoesNotContain("another", error.Message);
    }

    [Fact]
    public void An_error_without_a_command_is_named_by_its_message_alone() =>
        Assert.Contains("ran (a script's own error)", new PipelineErrorException([("", "a script's own error")]).Message);

    [Fact]
    public void What_another_command_wrote_is_shown_inert()
    {
        var error = new PipelineErrorException([("Get-Content", "\u001b[2J::set-output name=gate::passed\u0007")]);

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
    }

    [Fact]
    public void No_error_is_not_a_refusal() => Assert.Throws<ArgumentException>(() => new PipelineErrorException([]));
}
