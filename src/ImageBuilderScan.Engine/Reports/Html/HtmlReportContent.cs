using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Engine.History;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>What one HTML report shows: any mix of builds (gate results or findings), comparisons and history.</summary>
public sealed record HtmlReportContent
{
    public IReadOnlyList<ReportImage> Images { get; init; } = [];
    public IReadOnlyList<FindingChange> Changes { get; init; } = [];
    public IReadOnlyList<BuildHistoryEntry> History { get; init; } = [];
    /// <summary>When the report was made (UTC), shown in its headline.</summary>
    public DateTime MadeAt { get; init; } = DateTime.UtcNow;
    /// <summary>How many findings the "top findings" table lists (every finding is in the table after it).</summary>
    public int Top { get; init; } = 25;

    public bool IsEmpty => Images.Count == 0 && Changes.Count == 0 && History.Count == 0;
}
