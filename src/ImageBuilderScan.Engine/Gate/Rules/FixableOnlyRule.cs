namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// With -FixableOnly, a finding with no fix yet does not count. It fails closed: a finding counts (is fixable) when
/// its fixAvailable is YES or PARTIAL (some of the vulnerable packages have a fix, so there is work to do), and also
/// when any of its packages names a fixed-in version whatever fixAvailable says (NO beside a named fix contradicts
/// itself, and the named fix is the evidence of work to do). It is taken out only when fixAvailable is NO or missing
/// (the member is optional) and no package names a fix. A fixAvailable outside YES, NO and PARTIAL, compared exactly,
/// keeps the build from being judged under -FixableOnly (see <see cref="GateEvaluator"/>), so it is never read as "no".
/// </summary>
public sealed class FixableOnlyRule() : ConditionRule(FindingVerdict.NotFixable, "not fixable")
{
    // An unknown value is never taken out either: the build is not judged, and its findings still count as they stand.
    protected override bool TakesOut(ScanFinding finding, GateContext context) =>
        context.Policy.FixableOnly && !IsUnknown(finding.FixAvailable) && !IsFixable(finding);

    public static bool IsFixable(ScanFinding finding) =>
        finding.FixAvailable is "YES" or "PARTIAL" || NamesAFix(finding);

    /// <summary>True when the finding's packages (or, with none listed, the finding itself) name a fixed-in version (<see cref="FixedIn"/>).</summary>
    public static bool NamesAFix(ScanFinding finding) =>
        finding.VulnerablePackages.Count == 0
            ? FixedIn.Version(finding.FixedInVersion) is not null
            : finding.VulnerablePackages.Any(p => FixedIn.Version(p.FixedInVersion) is not null);

    /// <summary>A fixAvailable the gate cannot read as yes or no: present and not one of <see cref="ServiceValues.FixAvailableValues"/>, exactly.</summary>
    public static bool IsUnknown(string? fixAvailable) => !ServiceValues.IsKnownOrAbsent(fixAvailable, ServiceValues.FixAvailableValues);
}
