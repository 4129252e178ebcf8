using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The one useful next step after a failure, in this module's parameter names (the engine reports in
/// its own terms: options, query members, resume points). A step is advised only where it can work:
/// a refused token is never recommended back, a request the service refused as wrong is not "asked
/// again" unchanged, and an unreachable endpoint is named before anything is asked again.
/// </summary>
internal static class ErrorAdvice
{
    public static string? For(ImageBuilderScanException error) => error switch
    {
        InvalidPaginationTokenException => RefusedToken(error.Resume),
        ScanServiceException { StatusCode: 401 or 403 } refused when CredentialRefusal.Advice(refused.ErrorCode, null) is { } credentials => credentials,
        ScanServiceException { StatusCode: 401 or 403 } =>
            "Check that the credentials may call Image Builder's list operations in this account and region; asking again unchanged fails the same way.",
        ScanServiceException { StatusCode: >= 400 and < 500 and not 429 } =>
            "Correct what the message names; the service refused the request itself, so asking again unchanged fails the same way.",
        ScanNetworkException { Unreachable: true } network => Then(
            $"Check that {network.Endpoint ?? "the endpoint"} is the right endpoint (-EndpointUrl, -Region) and reachable from here", Resume(error.Resume)),
        ScanNetworkException { TimedOut: true } => Then("Give a longer -TimeoutSec if the service is slow", Resume(error.Resume)),
        ScanRegionException { ArnRegions.Count: > 1 } region =>
            $"Leave -Region out: each ARN is then asked in its own region ({string.Join(", ", region.ArnRegions)}).",
        ScanRegionException region => $"Give -Region {region.ArnRegions[0]} for this ARN, or leave -Region out: an ARN's own region is then used.",
        _ => Resume(error.Resume) ?? Parameters(error),
    };

    /// <summary>
    /// "Resume with -NextToken '...'" plus the values still to ask, so a CI log says how to go on. A token
    /// longer than <see cref="TokenDisplay.MaxWhole"/> is not printed whole: it is in -NextTokenVariable and in the
    /// error's <c>Exception.Resume.NextToken</c>.
    /// </summary>
    public static string? Resume(ResumePoint? resume)
    {
        if (resume is null) return null;
        var parts = new List<string>();
        var forValues = resume.FilterValues.Count > 0 ? $" for {string.Join(", ", resume.FilterValues)}" : string.Empty;
        if (resume.NextToken is { } token)
        {
            parts.Add(TokenDisplay.IsShownWhole(token)
                ? $"Resume with -NextToken '{token}'{forValues}."
                : $"Resume with the token stored by -NextTokenVariable{forValues} ({TokenDisplay.Show(token)}; also in the error's Exception.Resume.NextToken).");
        }
        else if (resume.FilterValues.Count > 0)
        {
            parts.Add($"Ask again for {string.Join(", ", resume.FilterValues)}.");
        }

        if (resume.RemainingValues.Count > 0) parts.Add($"Not yet asked: {string.Join(", ", resume.RemainingValues)}.");
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string RefusedToken(ResumePoint? resume)
    {
        var values = resume is { FilterValues.Count: > 0 } ? $" for {string.Join(", ", resume.FilterValues)}" : "";
        var rest = resume is { RemainingValues.Count: > 0 } ? $" Not yet asked: {string.Join(", ", resume.RemainingValues)}." : "";
        return $"The token is not one this listing can continue from (from another listing, altered, or expired): list again{values} without -NextToken.{rest}";
    }

    private static string? Then(string step, string? resume) =>
        resume is null ? step + "." : $"{step}; then {char.ToLowerInvariant(resume[0])}{resume[1..]}";

    private static string? Parameters(ImageBuilderScanException error) => error switch
    {
        ScanInputException { ConflictsWith: nameof(ListingQuery.FirstPageOnly) } input =>
            $"Drop -NoAutoPage to list every page, or give fewer values of -{input.ParameterName}.",
        { ErrorId: "NoRegion" } => "Give -Region, run Set-DefaultAWSRegion, set AWS_REGION, or set a region in the AWS profile; a query by image or pipeline ARN uses the ARN's region.",
        { ErrorId: "NoCredentials" } =>
            "Give -AccessKey/-SecretKey, -Credential or -ProfileName, run Set-AWSCredential, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where container or instance credentials are available.",
        { ErrorId: "IncompleteCredentials" } => "Give -AccessKey and -SecretKey together.",
        _ => null,
    };
}
