using System.Text.Json;
using ImageBuilderScan.Engine.Model;
using static ImageBuilderScan.Engine.Sdk.JsonShapeReader;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary><c>packageVulnerabilityDetails</c> of a finding, with its vulnerable packages and CVSS scores.</summary>
internal static class PackageDetailsReader
{
    public static void Read(ref Utf8JsonReader reader, FindingBuilder b)
    {
        if (!BeginObject(ref reader, "packageVulnerabilityDetails")) return;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("vulnerabilityId"u8)) b.VulnerabilityId = ReadString(ref reader, "packageVulnerabilityDetails.vulnerabilityId");
            else if (reader.ValueTextEquals("source"u8)) b.Source = ReadString(ref reader, "packageVulnerabilityDetails.source");
            else if (reader.ValueTextEquals("sourceUrl"u8)) b.SourceUrl = ReadString(ref reader, "packageVulnerabilityDetails.sourceUrl");
            else if (reader.ValueTextEquals("vendorSeverity"u8)) b.VendorSeverity = ReadString(ref reader, "packageVulnerabilityDetails.vendorSeverity");
            else if (reader.ValueTextEquals("vendorCreatedAt"u8)) b.VendorCreatedAt = ReadTimestamp(ref reader, "packageVulnerabilityDetails.vendorCreatedAt");
            else if (reader.ValueTextEquals("vendorUpdatedAt"u8)) b.VendorUpdatedAt = ReadTimestamp(ref reader, "packageVulnerabilityDetails.vendorUpdatedAt");
            else if (reader.ValueTextEquals("referenceUrls"u8)) b.ReferenceUrls = ReadStringList(ref reader, "packageVulnerabilityDetails.referenceUrls");
            else if (reader.ValueTextEquals("relatedVulnerabilities"u8)) b.RelatedVulnerabilities = ReadStringList(ref reader, "packageVulnerabilityDetails.relatedVulnerabilities");
            else if (reader.ValueTextEquals("cvss"u8)) b.Cvss = ReadObjectList(ref reader, "packageVulnerabilityDetails.cvss", "cvss[]", 2, ReadCvss);
            else if (reader.ValueTextEquals("vulnerablePackages"u8)) b.VulnerablePackages = ReadObjectList(ref reader, "packageVulnerabilityDetails.vulnerablePackages", "vulnerablePackages[]", 1, ReadPackage);
            else SkipValue(ref reader);
        }
    }

    private static CvssScore ReadCvss(ref Utf8JsonReader reader)
    {
        double? baseScore = null;
        string? vector = null, version = null, source = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("baseScore"u8)) baseScore = ReadDouble(ref reader, "cvss[].baseScore");
            else if (reader.ValueTextEquals("scoringVector"u8)) vector = ReadString(ref reader, "cvss[].scoringVector");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, "cvss[].version");
            else if (reader.ValueTextEquals("source"u8)) source = ReadString(ref reader, "cvss[].source");
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
            if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, "vulnerablePackages[].name");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, "vulnerablePackages[].version");
            else if (reader.ValueTextEquals("sourceLayerHash"u8)) layer = ReadString(ref reader, "vulnerablePackages[].sourceLayerHash");
            else if (reader.ValueTextEquals("epoch"u8)) epoch = ReadInt32(ref reader, "vulnerablePackages[].epoch");
            else if (reader.ValueTextEquals("release"u8)) release = ReadString(ref reader, "vulnerablePackages[].release");
            else if (reader.ValueTextEquals("arch"u8)) arch = ReadString(ref reader, "vulnerablePackages[].arch");
            else if (reader.ValueTextEquals("packageManager"u8)) manager = ReadString(ref reader, "vulnerablePackages[].packageManager");
            else if (reader.ValueTextEquals("filePath"u8)) path = ReadString(ref reader, "vulnerablePackages[].filePath");
            else if (reader.ValueTextEquals("fixedInVersion"u8)) fixedIn = ReadString(ref reader, "vulnerablePackages[].fixedInVersion");
            else if (reader.ValueTextEquals("remediation"u8)) remediation = ReadString(ref reader, "vulnerablePackages[].remediation");
            else SkipValue(ref reader);
        }
        return new VulnerablePackage
        {
            Name = name, Version = version, SourceLayerHash = layer, Epoch = epoch, Release = release, Arch = arch,
            PackageManager = manager, FilePath = path, FixedInVersion = fixedIn, Remediation = remediation,
        };
    }
}
