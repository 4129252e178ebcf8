using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>packageVulnerabilityDetails</c> of a finding, with its vulnerable packages and CVSS scores.</summary>
internal static class PackageDetailsReader
{
    // The paths that name a member in an error message, each with its parent's path stated once.
    private const string Details = "packageVulnerabilityDetails.", Cvss = "cvss[].", Package = "vulnerablePackages[].";

    public static void Read(ref Utf8JsonReader reader, FindingBuilder b)
    {
        if (!BeginObject(ref reader, "packageVulnerabilityDetails")) return;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("vulnerabilityId"u8)) b.VulnerabilityId = ReadString(ref reader, Details + "vulnerabilityId");
            else if (reader.ValueTextEquals("source"u8)) b.Source = ReadString(ref reader, Details + "source");
            else if (reader.ValueTextEquals("sourceUrl"u8)) b.SourceUrl = ReadString(ref reader, Details + "sourceUrl");
            else if (reader.ValueTextEquals("vendorSeverity"u8)) b.VendorSeverity = ReadString(ref reader, Details + "vendorSeverity");
            else if (reader.ValueTextEquals("vendorCreatedAt"u8)) b.VendorCreatedAt = ReadTimestamp(ref reader, Details + "vendorCreatedAt");
            else if (reader.ValueTextEquals("vendorUpdatedAt"u8)) b.VendorUpdatedAt = ReadTimestamp(ref reader, Details + "vendorUpdatedAt");
            else if (reader.ValueTextEquals("referenceUrls"u8)) b.ReferenceUrls = ReadStringList(ref reader, Details + "referenceUrls");
            else if (reader.ValueTextEquals("relatedVulnerabilities"u8)) b.RelatedVulnerabilities = ReadStringList(ref reader, Details + "relatedVulnerabilities");
            else if (reader.ValueTextEquals("cvss"u8)) b.Cvss = ReadObjectList(ref reader, Details + "cvss", "cvss[]", 2, ReadCvss);
            else if (reader.ValueTextEquals("vulnerablePackages"u8)) b.VulnerablePackages = ReadObjectList(ref reader, Details + "vulnerablePackages", "vulnerablePackages[]", 1, ReadPackage);
            else SkipValue(ref reader);
        }
    }

    private static CvssScore ReadCvss(ref Utf8JsonReader reader)
    {
        double? baseScore = null;
        string? vector = null, version = null, source = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("baseScore"u8)) baseScore = ReadDouble(ref reader, Cvss + "baseScore");
            else if (reader.ValueTextEquals("scoringVector"u8)) vector = ReadString(ref reader, Cvss + "scoringVector");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, Cvss + "version");
            else if (reader.ValueTextEquals("source"u8)) source = ReadString(ref reader, Cvss + "source");
            else SkipValue(ref reader);
        }
        return new CvssScore(baseScore, vector, version, source);
    }

    private static VulnerablePackage ReadPackage(ref Utf8JsonReader reader)
    {
        string? name = null, version = null, layer = null, release = null, arch = null, manager = null, path = null, fixedIn = null, remediation = null;
        int? epoch = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, Package + "name");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, Package + "version");
            else if (reader.ValueTextEquals("sourceLayerHash"u8)) layer = ReadString(ref reader, Package + "sourceLayerHash");
            else if (reader.ValueTextEquals("epoch"u8)) epoch = ReadInt32(ref reader, Package + "epoch");
            else if (reader.ValueTextEquals("release"u8)) release = ReadString(ref reader, Package + "release");
            else if (reader.ValueTextEquals("arch"u8)) arch = ReadString(ref reader, Package + "arch");
            else if (reader.ValueTextEquals("packageManager"u8)) manager = ReadString(ref reader, Package + "packageManager");
            else if (reader.ValueTextEquals("filePath"u8)) path = ReadString(ref reader, Package + "filePath");
            else if (reader.ValueTextEquals("fixedInVersion"u8)) fixedIn = ReadString(ref reader, Package + "fixedInVersion");
            else if (reader.ValueTextEquals("remediation"u8)) remediation = ReadString(ref reader, Package + "remediation");
            else SkipValue(ref reader);
        }
        return new VulnerablePackage
        {
            Name = name, Version = version, SourceLayerHash = layer, Epoch = epoch, Release = release, Arch = arch,
            PackageManager = manager, FilePath = path, FixedInVersion = fixedIn, Remediation = remediation,
        };
    }
}
