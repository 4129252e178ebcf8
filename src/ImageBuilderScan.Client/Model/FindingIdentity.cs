using System.Globalization;
using System.Text;

namespace ImageBuilderScan.Client.Model;

/// <summary>
/// What tells one finding from every other: its image build version, its type, its vulnerability, and each package it
/// names by what identifies an installed package (name, epoch, version, release, arch, package manager, source layer
/// hash, file path). The model gives a finding no id of its own (<c>ImageScanFinding</c> in service-2.json), so this is
/// the nearest: everything else a finding carries describes it (severity, title, scores, the fix, dates) and may change
/// while it stays the same finding. Two findings with one identity are one finding twice. Package order does not count.
/// </summary>
public sealed class FindingIdentity : IEquatable<FindingIdentity>
{
    // Each part length-prefixed (null apart from empty), so no two different identities share a key.
    private readonly string _key;

    private FindingIdentity(string key) => _key = key;

    public static FindingIdentity Of(ScanFinding finding)
    {
        var key = new StringBuilder();
        Part(key, finding.ImageBuildVersionArn);
        Part(key, finding.Type);
        Part(key, finding.VulnerabilityId);
        foreach (var package in finding.VulnerablePackages.Select(Package).Order(StringComparer.Ordinal)) Part(key, package);
        return new FindingIdentity(key.ToString());
    }

    private static string Package(VulnerablePackage p)
    {
        var key = new StringBuilder();
        Part(key, p.Name);
        Part(key, p.Epoch?.ToString(CultureInfo.InvariantCulture));
        Part(key, p.Version);
        Part(key, p.Release);
        Part(key, p.Arch);
        Part(key, p.PackageManager);
        Part(key, p.SourceLayerHash);
        Part(key, p.FilePath);
        return key.ToString();
    }

    private static void Part(StringBuilder key, string? value) =>
        (value is null ? key.Append('~') : key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value)).Append('|');

    public bool Equals(FindingIdentity? other) => other is not null && string.Equals(_key, other._key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as FindingIdentity);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_key);
}
