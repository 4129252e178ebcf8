using System.Globalization;
using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Queries;
using ImageBuilderScan.Engine.Tests.Paging;

namespace ImageBuilderScan.Engine.Tests.Validation;

public sealed class BadInputTests
{
    public static TheoryData<string> Labels => new(BadInputCases.All.Keys);

    [Fact]
    public void The_tables_are_generated_not_listed() => Assert.True(BadInputCases.All.Count > 1000, $"{BadInputCases.All.Count} cases");

    [Theory]
    [MemberData(nameof(Labels))]
    public void Refused_before_any_request_naming_the_parameter_and_the_expected_form(string label)
    {
        var bad = BadInputCases.All[label];
        var api = new FakeScanApi();
        using var client = TestClients.Over(api);

        var errors = bad.Query switch
        {
            AggregationQuery q => new[]
            {
                Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(q)),
                Assert.Throws<ScanInputException>(() => client.GetAggregationPagesAsync(q)),
                Assert.Throws<ScanInputException>(() => QueryValidator.Validate(q)),
            },
            FindingQuery q => new[]
            {
                Assert.Throws<ScanInputException>(() => client.GetFindingsAsync(q)),
                Assert.Throws<ScanInputException>(() => client.GetFindingPagesAsync(q)),
                Assert.Throws<ScanInputException>(() => QueryValidator.Validate(q)),
            },
            _ => throw new InvalidOperationException(),
        };

        Assert.Equal(0, api.RequestCount);
        foreach (var error in errors)
        {
            Assert.Equal(bad.Parameter, error.ParameterName);
            Assert.StartsWith(bad.Parameter + ": ", error.Message);
            Assert.Contains(bad.FormFragment, error.ExpectedForm);
            Assert.EndsWith($" Expected {error.ExpectedForm}.", error.Message);
            Assert.Equal("InvalidInput", error.ErrorId);
            Assert.Equal(ScanErrorCategory.InvalidArgument, error.Category);
            AssertSafeForATerminal(error.Message, bad.Value);
        }
    }

    private static void AssertSafeForATerminal(string message, string? value)
    {
        Assert.True(message.Length < 800, $"message of {message.Length} characters");
        Assert.DoesNotContain(message, c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate);
        if (value is { Length: > 110 }) Assert.DoesNotContain(value[..110], message);
    }
}
