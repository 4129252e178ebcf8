using System.Collections;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// What a piped object asks for, whatever its shape: this module's aggregations (their own kind's
/// key), a bare string or an AWS Tools <c>Arn</c> (classified by shape: the four keys have disjoint
/// shapes), or any object with ImageBuildVersionArn, ImagePipelineArn, VulnerabilityId, AccountId or
/// AWS Tools' AwsAccountId properties (this module's findings, AWS Tools' objects, pscustomobjects,
/// hashtables). PowerShell's binder cannot do this: it binds by property name without looking at
/// values, and an object carrying two keys binds two parameter sets and fails as ambiguous.
/// </summary>
internal static class PipedInput
{
    private const string Parameter = "InputObject";

    private static readonly (string Property, string Filter)[] KeyProperties =
    [
        ("ImageBuildVersionArn", FilterNames.ImageBuildVersionArn),
        ("ImagePipelineArn", FilterNames.ImagePipelineArn),
        ("VulnerabilityId", FilterNames.VulnerabilityId),
        ("AccountId", FilterNames.AccountId),
        ("AwsAccountId", FilterNames.AccountId),
    ];

    /// <summary>
    /// The aggregation a piped object means: an aggregation's own key (a refresh), else the most
    /// specific key the object carries (a finding -> its image, not its account).
    /// </summary>
    /// <exception cref="ScanInputException">The object carries no key.</exception>
    public static PipedKey ForAggregations(PSObject input)
    {
        if (input.BaseObject is ScanFindingAggregation aggregation) return DrillDown.KeyOf(aggregation);
        var keys = Keys(input);
        if (keys.Count == 0) throw NoKey(input);
        return keys.MaxBy(k => k.Specificity)!;
    }

    /// <summary>
    /// The findings a piped object means: an aggregation's own key (an account aggregation lists every
    /// finding and keeps its account's), else the one image, pipeline or vulnerability key it carries.
    /// ListImageScanFindings takes one filter and none for an account, so an object carrying two of
    /// them (this module's findings carry all three) or only an account is refused with what to do.
    /// </summary>
    /// <exception cref="ScanInputException">No key, only an account, or more than one filter key.</exception>
    public static PipedKey ForFindings(PSObject input)
    {
        if (input.BaseObject is ScanFindingAggregation aggregation) return DrillDown.KeyOf(aggregation);
        var keys = Keys(input);
        var filters = keys.Where(k => k.FilterName != FilterNames.AccountId).ToList();
        if (filters.Count == 1) return filters[0];
        if (filters.Count > 1)
        {
            var properties = filters.Select(k => k.PropertyName).Distinct().ToList();
            var names = string.Join(", ", properties.SkipLast(1)) + " and " + properties[^1];
            throw new ScanInputException(Parameter, null, "an object with one of ImageBuildVersionArn, ImagePipelineArn or VulnerabilityId, or an aggregation from Get-IBScanFindingAggregation",
                $"The piped {Describe(input)} carries {names}, and ListImageScanFindings takes one filter. Pipe the one you mean, " +
                $"e.g. '| ForEach-Object {filters[0].PropertyName} | Get-IBScanFinding' (each distinct value is listed once), or pass it as -{filters[0].PropertyName}.");
        }

        if (keys.Count > 0)
        {
            throw new ScanInputException(Parameter, keys[0].Value, "an aggregation from Get-IBScanFindingAggregation, or an object with an ImageBuildVersionArn, ImagePipelineArn or VulnerabilityId property",
                "The piped object is not an aggregation from Get-IBScanFindingAggregation and carries only an account id; ListImageScanFindings has no account filter. " +
                $"Pipe the account's aggregation instead: Get-IBScanFindingAggregation -AccountId {keys[0].Value} | Get-IBScanFinding.");
        }

        throw NoKey(input);
    }

    /// <summary>
    /// The build a piped object names for the gate or a comparison: an image or pipeline aggregation's key, else the
    /// most specific of an image build version, image version or image pipeline ARN it carries (a string, an AWS Tools
    /// object's Arn, an ImageBuildVersionArn or ImagePipelineArn property). A version or pipeline is resolved to its
    /// newest build by the engine.
    /// </summary>
    /// <exception cref="ScanInputException">The object names no build (an account or vulnerability key, or none).</exception>
    public static string BuildFor(PSObject input)
    {
        // Keys() puts the most specific first: a build before its version, a version before its pipeline.
        var keys = input.BaseObject is ScanFindingAggregation ? [] : Keys(input);
        // An object naming several builds (a list in its ImageBuildVersionArn or Arn) is refused: judging the first
        // alone would let the others pass unread.
        var top = keys.Where(k => k.Specificity == keys[0].Specificity && k.Specificity >= PipedKey.PipelineSpecificity).Select(k => k.Value).Distinct(StringComparer.Ordinal).ToList();
        if (top.Count > 1)
            throw new ScanInputException(Parameter, top[0], KeyShapes.BuildExpectedForm,
                $"The piped {Describe(input)} names {top.Count} builds ({string.Join(", ", top.Take(3).Select(Client.Text.InputDisplay.Arn))}{(top.Count > 3 ? ", ..." : "")}): pipe one object per build.");
        var key = input.BaseObject is ScanFindingAggregation aggregation ? DrillDown.KeyOf(aggregation) : keys.FirstOrDefault();
        if (key is { FilterName: FilterNames.ImageBuildVersionArn or FilterNames.ImageVersionArn or FilterNames.ImagePipelineArn }) return key.Value;
        throw new ScanInputException(Parameter, input.BaseObject as string ?? key?.Value, KeyShapes.BuildExpectedForm,
            key is null
                ? $"The piped {Describe(input)} names no build: pipe a build, image version or pipeline ARN, an object with one (AWS Tools' Arn), an image or pipeline aggregation, or findings."
                : $"The piped {Describe(input)} names a {key.PropertyName}, not a build: a gate judges builds.");
    }

    /// <summary>The piped object for an error record's TargetObject: a pscustomobject stays wrapped (its base has no properties).</summary>
    public static object TargetOf(PSObject input) => input.BaseObject is PSCustomObject ? input : input.BaseObject;

    /// <summary>Every key the object carries, most specific first; empty when it carries none.</summary>
    /// <param name="input">The piped object as bound: a pscustomobject's properties are on the wrapper, not on its base object.</param>
    internal static List<PipedKey> Keys(PSObject input)
    {
        var keys = new List<PipedKey>();
        if (input.BaseObject is string text)
        {
            if (KeyShapes.FilterNameOf(text) is { } filter) keys.Add(new PipedKey(filter, text));
            return keys;
        }

        foreach (var (property, filter) in KeyProperties)
        {
            foreach (var value in Strings(Member(input, property))) keys.Add(new PipedKey(filter, value));
        }

        // AWS Tools' image and pipeline objects (Get-EC2IBImageList, Get-EC2IBImagePipelineList) carry only Arn.
        foreach (var arn in Strings(Member(input, "Arn")))
        {
            if (KeyShapes.FilterNameOf(arn) is { } filter and (FilterNames.ImageBuildVersionArn or FilterNames.ImageVersionArn or FilterNames.ImagePipelineArn))
                keys.Add(new PipedKey(filter, arn));
        }

        return keys.Distinct().OrderByDescending(k => k.Specificity).ToList();
    }

    private static object? Member(PSObject input, string name)
    {
        if (input.BaseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            }

            return null;
        }

        return input.Properties[name]?.Value;
    }

    /// <summary>A property's non-empty string values: a string, or the strings of a list.</summary>
    private static IEnumerable<string> Strings(object? value)
    {
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (value)
        {
            case null: yield break;
            case string s:
                if (s.Length > 0) yield return s;
                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    if ((item is PSObject p ? p.BaseObject : item) is string one && one.Length > 0) yield return one;
                }

                yield break;
        }
    }

    private static string Describe(PSObject input) => input.BaseObject switch
    {
        ScanFinding => "finding",
        ScanFindingAggregation => "aggregation",
        string => "string",
        _ => "object",
    };

    private static ScanInputException NoKey(PSObject input) => input.BaseObject is string text
        ? new ScanInputException(Parameter, text, KeyShapes.ExpectedForm, "The piped string is none of the keys this command lists by.")
        : new ScanInputException(Parameter, null,
            "an aggregation from Get-IBScanFindingAggregation, a key as a string, or an object with an ImageBuildVersionArn, ImagePipelineArn, VulnerabilityId, AccountId or image/pipeline Arn property",
            "The piped object is not an aggregation from Get-IBScanFindingAggregation and has no property this command takes a key from.");
}
