using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>A finding is its image, type, vulnerability and packages: what describes it may change, what identifies it may not.</summary>
public sealed class FindingIdentityTests
{
    private static readonly ScanFinding Openssl = Finding("CVE-2025-0001", "CRITICAL") with { Type = "PACKAGE_VULNERABILITY" };

    [Fact]
    public void What_describes_a_finding_is_not_its_identity()
    {
        var described = Openssl with { Severity = "LOW", Title = "edited", InspectorScore = 1, FixAvailable = "NO", RequestId = "other" };
        Assert.Equal(FindingIdentity.Of(Openssl), FindingIdentity.Of(described));
        var package = Openssl.VulnerablePackages[0];
        Assert.Equal(FindingIdentity.Of(Openssl),
            FindingIdentity.Of(Openssl with { VulnerablePackages = [package with { FixedInVersion = "9", Remediation = "dnf update" }] }));
    }

    public static TheoryData<string> Identifying => new(["image", "type", "vulnerability", "name", "epoch", "version", "release", "arch", "manager", "layer", "path"]);

    [Theory]
    [MemberData(nameof(Identifying))]
    public void Each_identifying_part_tells_findings_apart(string part)
    {
        var p = Openssl.VulnerablePackages[0];
        var other = part switch
        {
            "image" => Openssl with { ImageBuildVersionArn = NextImage },
            "type" => Openssl with { Type = "CODE_VULNERABILITY" },
            "vulnerability" => Openssl with { VulnerabilityId = "CVE-2025-0002" },
            _ => Openssl with
            {
                VulnerablePackages = [part switch
                {
                    "name" => p with { Name = "openssl-libs" },
                    "epoch" => p with { Epoch = 1 },
                    "version" => p with { Version = "1.0.1" },
                    "release" => p with { Release = "2.amzn2023" },
                    "arch" => p with { Arch = "AARCH64" },
                    "manager" => p with { PackageManager = "OS" },
                    "layer" => p with { SourceLayerHash = "sha256:00" },
                    _ => p with { FilePath = "/usr/lib/x.jar" },
                }],
            },
        };
        Assert.NotEqual(FindingIdentity.Of(Openssl), FindingIdentity.Of(other));
    }

    [Fact]
    public void Package_order_does_not_count_and_parts_cannot_run_into_each_other()
    {
        var two = Finding("CVE-2025-0001", "HIGH", "openssl", morePackages: "zlib");
        Assert.Equal(FindingIdentity.Of(two), FindingIdentity.Of(two with { VulnerablePackages = two.VulnerablePackages.Reverse().ToList() }));
        Assert.NotEqual(FindingIdentity.Of(Openssl with { VulnerabilityId = "CVE-1", Type = "A|B" }), FindingIdentity.Of(Openssl with { VulnerabilityId = "B|CVE-1", Type = "A" }));
        var p = Openssl.VulnerablePackages[0];
        Assert.NotEqual(FindingIdentity.Of(Openssl with { VulnerablePackages = [p with { Release = null }] }),
            FindingIdentity.Of(Openssl with { VulnerablePackages = [p with { Release = "" }] }));
    }

    [Fact]
    public void A_copy_rebuilt_from_its_members_keeps_the_identity()
    {
        var p = Openssl.VulnerablePackages[0] with { Epoch = 2, FilePath = "/usr/lib64/libssl.so", SourceLayerHash = "sha256:ab" };
        var live = Openssl with { VulnerablePackages = [p] };
        var copy = ScanFindingShape.FromMembers(new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ImageBuildVersionArn"] = live.ImageBuildVersionArn, ["Type"] = live.Type, ["VulnerabilityId"] = live.VulnerabilityId, ["Severity"] = "critical",
            ["VulnerablePackages"] = new List<object?>
            {
                new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Name"] = p.Name, ["Version"] = p.Version, ["Release"] = p.Release, ["Arch"] = p.Arch, ["Epoch"] = 2, ["FilePath"] = p.FilePath,
                    ["SourceLayerHash"] = p.SourceLayerHash,
                },
            },
        });
        Assert.Equal(FindingIdentity.Of(live), FindingIdentity.Of(copy));
    }
}
