namespace ImageBuilderScan.Client.Model;

/// <summary>
/// A finding's severity, ranked: a larger value is more severe, so the enum sorts and compares
/// (<c>severity &gt;= policy.FailOn</c>). Untriaged ranks lowest: the service has not rated it.
/// </summary>
public enum FindingSeverity
{
    Untriaged = 0,
    Informational = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}

/// <summary>Conversions between the service's severity text and <see cref="FindingSeverity"/>.</summary>
public static class SeverityRank
{
    /// <summary>Every severity, most severe first.</summary>
    public static IReadOnlyList<FindingSeverity> Descending { get; } =
        [FindingSeverity.Critical, FindingSeverity.High, FindingSeverity.Medium, FindingSeverity.Low, FindingSeverity.Informational, FindingSeverity.Untriaged];

    /// <summary>
    /// The rank of a severity as the service sent it, compared exactly (no trimming, no case folding, so
    /// <c>CRITICAL</c> followed by a zero-width space or spelled with a dotted capital I is no severity); null for
    /// none and for a value this version does not know. Never defaulted: a listing keeps such a value as sent and
    /// warns, and the gate refuses to judge a build that has one.
    /// </summary>
    public static FindingSeverity? Of(string? severity) => severity switch
    {
        "CRITICAL" => FindingSeverity.Critical,
        "HIGH" => FindingSeverity.High,
        "MEDIUM" => FindingSeverity.Medium,
        "LOW" => FindingSeverity.Low,
        "INFORMATIONAL" => FindingSeverity.Informational,
        "UNTRIAGED" => FindingSeverity.Untriaged,
        _ => null,
    };

    /// <summary>
    /// For a decision that must fail closed (a gate's count, a report's level): a severity this version does not
    /// know, or none, counts as CRITICAL. The gate refuses to judge a build with one anyway (see the gate's rules).
    /// </summary>
    public static FindingSeverity FailClosed(string? severity) => Of(severity) ?? FindingSeverity.Critical;

    /// <summary>A severity a person typed (a parameter, a comparison in a script): any case, surrounding blanks ignored.</summary>
    public static bool TryParse(string? severity, out FindingSeverity value)
    {
        var known = Of(severity?.Trim().ToUpperInvariant());
        value = known ?? FindingSeverity.Untriaged;
        return known is not null;
    }

    /// <summary>
    /// The service's spellings, most severe first (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED): the one
    /// list every severity parameter's validation and completion, the query validator and the reports use.
    /// </summary>
    public static IReadOnlyList<string> ServiceNames { get; } = Descending.Select(ToServiceName).ToArray();

    /// <summary>What a severity parameter accepts, for input errors: <c>one of CRITICAL, HIGH, ...</c>.</summary>
    public static string ExpectedForm { get; } = "one of " + string.Join(", ", ServiceNames);

    /// <summary>A severity given as <paramref name="parameter"/> (any case), e.g. -FailOn.</summary>
    /// <exception cref="ScanInputException">It names no severity: the error names the parameter and <see cref="ExpectedForm"/>.</exception>
    public static FindingSeverity Parse(string parameter, string value) =>
        TryParse(value, out var severity) ? severity
            : throw new ScanInputException(parameter, value, ExpectedForm, $"'{value}' is not a severity.");

    /// <summary>The service's spelling: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED.</summary>
    public static string ToServiceName(this FindingSeverity severity) => severity.ToString().ToUpperInvariant();
}
