
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>A severity parameter (-FailOn) as its rank: any case in, the parameter and the accepted names out when it names none.</summary>
public sealed class SeverityRankTests
{
    [Theory]
    [InlineData("critical", FindingSeverity.Critical)]
    [InlineData(" High ", FindingSeverity.High)]
    [InlineData("UNTRIAGED", FindingSeverity.Untriaged)]
    public void A_severity_in_any_case_parses_to_its_rank(string value, FindingSeverity expected) =>
        Assert.Equal(expected, SeverityRank.Parse("FailOn", value));

    [Theory]
    [InlineData("SEVERE")]
    [InlineData("")]
    public void Anything_else_is_an_input_error_naming_the_parameter_and_every_severity(string value)
    {
        var error = Assert.Throws<ScanInputException>(() => SeverityRank.Parse("FailOn", value));
        Assert.Equal("FailOn", error.ParameterName);
        Assert.Equal("one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED", error.ExpectedForm);
        Assert.Contains($"'{value}' is not a severity.", error.Message);
    }
}
