namespace ImageBuilderScan.Client.Queries;

/// <summary>A query of an operation that takes <c>maxResults</c> (1 to 25).</summary>
public interface ISizedPages
{
    int? PageSize { get; }
}
