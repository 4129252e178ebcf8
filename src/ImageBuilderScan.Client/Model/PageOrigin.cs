namespace ImageBuilderScan.Client.Model;

/// <summary>
/// Where the items of one page came from: the page's request id and aggregation type, the region the listing was
/// signed for and, when an item needs it, the account asked. The client gives it to each item of its own page once,
/// after the page passed its checks and before anyone else sees the page.
/// </summary>
internal readonly record struct PageOrigin(string? RequestId, string? AggregationType, string Region, string? AccountId);

/// <summary>An item of a listing's page, stamped once with its <see cref="PageOrigin"/>.</summary>
/// <remarks>In place, not with a copy: a copy of every item (the listing without filter holds thousands) was one more
/// allocation and copy per item, for an object nobody had seen yet.</remarks>
internal interface IPageItem
{
    /// <summary>Whether this item shows the account asked (its key names none): the client asks STS only then.</summary>
    bool NeedsAccount { get; }

    /// <summary>The image or pipeline ARN the item is about (a finding's build, an image or pipeline aggregation's key, a build), whose region
    /// must be the one its request was signed for; null when it names none.</summary>
    string? NamedArn { get; }

    void Stamp(in PageOrigin origin);
}
