using System.Globalization;
using ImageBuilderScan.Engine.Tests.Paging;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ImageBuilderScan.Engine.Tests.Validation;

/// <summary>
/// Every rule of <see cref="QueryValidator"/> refuses its bad input before any request, through every entry point,
/// naming the parameter and the expected form, in a message safe for a terminal: the named cases of
/// <see cref="HostileInput"/> (a row per case, named by its rule) and its seeded fuzz (IBSCAN_FUZZ_SEED replays
/// a run; "random" explores).
/// </summary>
public sealed class ValidationRuleTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261122;
    private const int RandomCases = 600;

    public static TheoryData<string> Named => new(HostileInput.Named.Keys);

    [Fact]
    public void Every_rule_has_named_cases_and_every_case_a_rule()
    {
        var rules = HostileInput.Named.Keys.Select(l => l[..l.IndexOf(':')]).ToHashSet();
        Assert.Equal(HostileInput.Rules.Order(), rules.Order());
    }

    [Theory]
    [MemberData(nameof(Named))]
    public void Refused_before_any_request_naming_the_parameter_and_the_expected_form(string label) =>
        AssertRefused(HostileInput.Named[label]);

    [Fact]
    public void Seeded_random_bad_values_are_refused_before_any_request()
    {
        var seed = HostileInput.Seed("IBSCAN_FUZZ_SEED", DefaultSeed);
        output.WriteLine($"IBSCAN_FUZZ_SEED={seed} ({RandomCases} values)");
        foreach (var bad in HostileInput.Random(seed, RandomCases))
        {
            try { AssertRefused(bad); }
            catch (XunitException e) { throw new XunitException($"{bad.Label} (replay with IBSCAN_FUZZ_SEED={seed}): {e.Message}"); }
        }
    }

    private static void AssertRefused(BadQuery bad)
    {
        var api = new FakeTransport();
        using var client = TestClients.Over(api);

        var errors = bad.Query switch
        {
            AggregationQuery q => new[]
            {
                Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(q)),
                Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(q).Pages),
                Assert.Throws<ScanInputException>(() => QueryValidator.Validate(q)),
            },
            FindingQuery q => new[]
            {
                Assert.Throws<ScanInputException>(() => client.GetFindingsAsync(q)),
                Assert.Throws<ScanInputException>(() => client.GetFindingsAsync(q).Pages),
                Assert.Throws<ScanInputException>(() => QueryValidator.Validate(q)),
            },
            _ => throw new InvalidOperationException(bad.Query.GetType().Name),
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
