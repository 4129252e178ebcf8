using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ImageBuilderScan.Engine.Tests.Reports;

public sealed class JUnitReportTests
{
    private static string JUnit(IReadOnlyList<ReportImage> images)
    {
        using var stream = new MemoryStream();
        JUnitReport.Write(stream, images, new JUnitOptions { Hostname = "ci host\n1" });
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<string> SchemaErrors(string xml)
    {
        var errors = new List<string>();
        var schemas = new XmlSchemaSet();
        using (var xsd = XmlReader.Create(ReferenceFiles.JUnitSchema)) schemas.Add(null, xsd);
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    [Fact]
    public void Gated_and_plain_reports_are_valid_junit()
    {
        Assert.Empty(SchemaErrors(JUnit(ReportSamples.Gated())));
        Assert.Empty(SchemaErrors(JUnit(ReportSamples.Plain())));
        Assert.Empty(SchemaErrors(JUnit([])));
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        var doc = XDocument.Parse(JUnit(ReportSamples.Gated()));
        doc.Root!.Element("testsuite")!.Attribute("hostname")!.Remove();
        Assert.NotEmpty(SchemaErrors(doc.ToString()));
    }

    [Fact]
    public void Violations_fail_suppressed_are_skipped_and_the_rest_pass()
    {
        var doc = XDocument.Parse(JUnit(ReportSamples.Gated()));
        var suites = doc.Root!.Elements("testsuite").ToList();
        Assert.Equal(2, suites.Count);
        var image = suites[0];
        Assert.Equal(("web-frontend-al2023 1.4.0/1", "web-frontend-al2023", "0", "ci host 1", "2026-06-15T12:00:00"),
            ((string)image.Attribute("name")!, (string)image.Attribute("package")!, (string)image.Attribute("id")!, (string)image.Attribute("hostname")!, (string)image.Attribute("timestamp")!));
        var cases = image.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(9, cases.Count); // 8 rows and the scan status
        Assert.Equal(("9", "4", "1"), ((string)image.Attribute("tests")!, (string)image.Attribute("failures")!, (string)image.Attribute("skipped")!));
        var ssh = cases["CVE-2024-6387 openssh-server"].Element("failure")!;
        Assert.Equal(("CRITICAL CVE-2024-6387 - openssh-server", "CRITICAL"), ((string)ssh.Attribute("message")!, (string)ssh.Attribute("type")!));
        Assert.NotNull(cases["CVE-HIGH-1 libcurl"].Element("failure"));
        Assert.Equal("Not reachable <b>here</b>", (string)cases["CVE-SUPPRESSED log4j-core"].Element("skipped")!.Attribute("message")!);
        Assert.False(cases["CVE-LOW zlib"].HasElements);
        Assert.False(cases["scan status"].HasElements);

        // A build not judged is an <error> test case (the tests could not run), not a failure.
        var scanning = suites[1];
        Assert.Equal(("0", "1"), ((string)scanning.Attribute("failures")!, (string)scanning.Attribute("errors")!));
        var error = scanning.Element("testcase")!.Element("error")!;
        Assert.StartsWith("not judged: scan SCANNING (Inspector busy)", (string)error.Attribute("message")!);
        Assert.Equal("NotJudged", (string)error.Attribute("type")!);
    }

    [Fact]
    public void Text_xml_cannot_hold_is_escaped_not_thrown()
    {
        var finding = Gate.TestFindings.Finding("CVE-1", "HIGH") with { Title = "bad \u0001 \uD800 char", Description = "\u001B[31m" };
        var xml = JUnit(ReportImage.FromFindings([finding]));
        Assert.Empty(SchemaErrors(xml));
        // Through the one sanitiser: controls, a lone surrogate and escape sequences become visible escapes.
        Assert.Contains("bad \\u0001 \\uD800 char", xml);
        Assert.Contains("\\u001B[31m", xml);
        Assert.DoesNotContain('\u001B', xml);
    }
}
