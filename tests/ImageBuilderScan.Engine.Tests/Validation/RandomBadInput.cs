using ImageBuilderScan.Engine.Queries;
using static ImageBuilderScan.Engine.Tests.Validation.BadInputCase;

namespace ImageBuilderScan.Engine.Tests.Validation;

/// <summary>
/// Randomised bad values: a good value of each kind with random characters the model refuses
/// inserted or replacing others. The seed is fixed and printed in each case's label so a failure
/// replays; set IBSCAN_VALIDATION_SEED to explore other schedules.
/// </summary>
internal static class RandomBadInput
{
    public const int CasesPerKind = 40;

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("IBSCAN_VALIDATION_SEED"), out var s) ? s : 20261122;

    // Outside ^[0-9a-zA-Z./_ :,{}"-]$: controls, shell and SQL metacharacters, non-ASCII look-alikes.
    private static readonly char[] Refused =
        "\0\u0001\u0007\b\t\n\r\u001b\u007f\u0085;$`|&<>'=*?#%@!~^()[]\\+\u00a0\u00e9\u0430\u03bf\u2011\u2013\u200b\u202e\u2028\uff1a\u0661\ufeff".ToCharArray();

    private static readonly (string Filter, string Parameter, string Good, string Form, bool Findings)[] Kinds =
    [
        (FilterNames.ImagePipelineArn, "ImagePipelineArn", BadInputCases.PipelineArn, "image-pipeline/<lower-case name>", true),
        (FilterNames.ImageBuildVersionArn, "ImageBuildVersionArn", BadInputCases.ImageArn, "<x.y.z>/<build number>", true),
        (FilterNames.AccountId, "AccountId", "123456789012", "12 digits", false),
        (FilterNames.VulnerabilityId, "VulnerabilityId", "ALAS2023-2025-1130", "GHSA-xxxx-xxxx-xxxx", true),
        (FilterNames.Severity, "Severity", "CRITICAL", "UNTRIAGED", true),
        ("customFilter", "FilterValue", "any value: 1, 2", "1 to 1024 characters", true),
    ];

    public static IEnumerable<BadInputCase> Cases()
    {
        var random = new Random(Seed);
        foreach (var kind in Kinds)
        {
            for (var i = 0; i < CasesPerKind; i++)
            {
                var value = Mutate(random, kind.Good);
                var label = $"random seed={Seed} {kind.Parameter} #{i}";
                var hatch = kind.Parameter == "FilterValue" ? "FilterValue" : null;
                // Hide the bad value among good ones: a request must not go out for the good ones either.
                var values = random.Next(3) == 0 ? new[] { kind.Good, value } : new[] { value };
                if (kind.Findings && (kind.Filter != FilterNames.AccountId))
                    yield return Finding(label + " findings", kind.Filter, values, kind.Parameter, kind.Form, valuesParameter: hatch);
                if (kind.Filter != FilterNames.Severity)
                    yield return Aggregation(label + " aggregations", kind.Filter, values, kind.Parameter, kind.Form, valuesParameter: hatch);
            }
        }
    }

    private static string Mutate(Random random, string good)
    {
        var chars = good.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var bad = Refused[random.Next(Refused.Length)];
            var at = random.Next(chars.Count + 1);
            if (random.Next(2) == 0 || at == chars.Count) chars.Insert(at, bad);
            else chars[at] = bad;
        }
        return new string(chars.ToArray());
    }
}
