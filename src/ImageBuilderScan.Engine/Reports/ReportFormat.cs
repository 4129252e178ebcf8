namespace ImageBuilderScan.Engine.Reports;

public enum ReportFormat
{
    Sarif,
    JUnit,
    Markdown,
    Html,
}
