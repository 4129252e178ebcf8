using Given = ImageBuilderScan.Engine.Gate.SwitchOnCommandLine.Given;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>-ExitCode read from the command's text when PowerShell stopped binding before it (TestIBScanGateCommand.Release).</summary>
public sealed class SwitchOnCommandLineTests
{
    private static readonly string[] Names = ["ImageBuildVersionArn", "ExceptionPath", "ExternalId", "EndpointUrl", "ErrorAction", "ErrorVariable", "ExitCode", "Force", "FailOn", "FixableOnly"];

    private static bool Asked(params Given[] given) => SwitchOnCommandLine.Asked("ExitCode", given, Names);

    [Theory]
    [InlineData("ExitCode")]
    [InlineData("exitcode")]
    [InlineData("Exi")]
    [InlineData("EXIT")]
    [InlineData("ExitC")]
    public void The_name_or_a_prefix_only_it_has_asks(string name) =>
        Assert.True(Asked(new Given("ExceptionPath"), new Given(name)));

    [Theory]
    [InlineData("E")]
    [InlineData("Ex")]
    [InlineData("ExitCodes")]
    [InlineData("ExceptionPath")]
    [InlineData("")]
    public void A_prefix_other_parameters_share_or_another_name_does_not(string name) => Assert.False(Asked(new Given(name)));

    [Fact]
    public void An_explicit_false_does_not_ask_and_the_last_token_wins()
    {
        Assert.False(Asked(new Given("ExitCode", false)));
        Assert.True(Asked(new Given("ExitCode", true)));
        Assert.False(Asked(new Given("ExitCode"), new Given("ExitCode", false)));
        Assert.True(Asked(new Given("ExitCode", false), new Given("Exit")));
    }

    [Fact]
    public void Nothing_on_the_line_does_not_ask() => Assert.False(Asked());
}
