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
    /// The rank of the service's text (any case). Null, empty or a value the service may add later
    /// ranks as <see cref="FindingSeverity.Untriaged"/>: unrated, never silently more severe.
    /// </summary>
    public static FindingSeverity Of(string? severity) => TryParse(severity, out var value) ? value : FindingSeverity.Untriaged;

    public static bool TryParse(string? severity, out FindingSeverity value)
    {
        value = FindingSeverity.Untriaged;
        if (severity is null) return false;
        var name = severity.Trim();
        for (var i = 0; i < Descending.Count; i++)
        {
            if (!string.Equals(ServiceNames[i], name, StringComparison.OrdinalIgnoreCase)) continue;
            value = Descending[i];
            return true;
        }

        return false;
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

    public static string ToServiceName(this FindingSeverity severity) => severity.ToString().ToUpperInvariant();
}
