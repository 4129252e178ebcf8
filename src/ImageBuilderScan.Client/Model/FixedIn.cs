namespace ImageBuilderScan.Client.Model;

/// <summary>
/// A package's fixed-in version as a fact: Inspector sends <c>NotAvailable</c> (and a finding may carry an
/// empty string) for a package no fix exists for, which every view and report must read as no fix, never as
/// "fixed in NotAvailable". The objects keep the value as sent; what is shown asks here.
/// </summary>
public static class FixedIn
{
    /// <summary>What Inspector sends in <c>fixedInVersion</c> when there is no fix.</summary>
    public const string NotAvailable = "NotAvailable";

    /// <summary>What every view and report shows for the fixed-in version of a package that has no fix.</summary>
    public const string NoFixLabel = "none";

    /// <summary>A fixed-in version as views and reports show it: the version, or <see cref="NoFixLabel"/> when there is no fix.</summary>
    public static string Label(string? fixedInVersion) => Version(fixedInVersion) ?? NoFixLabel;

    /// <summary>The version that fixes the package, or null when there is none.</summary>
    public static string? Version(string? fixedInVersion) =>
        string.IsNullOrWhiteSpace(fixedInVersion) || string.Equals(fixedInVersion.Trim(), NotAvailable, StringComparison.OrdinalIgnoreCase) ? null : fixedInVersion;
}
