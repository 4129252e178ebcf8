namespace ImageBuilderScan.Engine.Reports;

/// <summary>One entry point for the report cmdlet: any format, to a file, atomically.</summary>
public static class ReportWriter
{
    public sealed record Options
    {
        public SarifOptions Sarif { get; init; } = new();
        public JUnitOptions JUnit { get; init; } = new();
        /// <summary>How many findings the Markdown summary lists.</summary>
        public int MarkdownTop { get; init; } = 10;
        public bool NoClobber { get; init; }
        /// <summary>Replace a read-only file too (Export-Csv's -Force).</summary>
        public bool Force { get; init; }
    }

    public static void WriteFile(string path, ReportFormat format, IReadOnlyList<ReportImage> images, Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Options();
        if (format == ReportFormat.Markdown)
            AtomicFile.WriteText(path, (w, t) => MarkdownReport.Write(w, images, options.MarkdownTop, t), options.NoClobber, cancellationToken, options.Force);
        else
            AtomicFile.Write(path, (s, t) => Write(s, format, images, options, t), options.NoClobber, cancellationToken, options.Force);
    }

    public static void Write(Stream output, ReportFormat format, IReadOnlyList<ReportImage> images, Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Options();
        switch (format)
        {
            case ReportFormat.Sarif: SarifReport.Write(output, images, options.Sarif, cancellationToken); break;
            case ReportFormat.JUnit: JUnitReport.Write(output, images, options.JUnit, cancellationToken); break;
            case ReportFormat.Markdown:
                using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true)) MarkdownReport.Write(writer, images, options.MarkdownTop, cancellationToken);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Expected Sarif, JUnit or Markdown.");
        }
    }
}
