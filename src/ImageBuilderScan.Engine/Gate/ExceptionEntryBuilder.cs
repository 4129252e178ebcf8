using ImageBuilderScan.Client.Text;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>Turns a raw entry into an <see cref="ExceptionEntry"/>, or says exactly what is wrong with it.</summary>
internal static partial class ExceptionEntryBuilder
{
    public const string Keys = "vulnerabilityId, package, image, pipeline, reason, expires";
    private const string DateForm = "a date yyyy-MM-dd (the entry expires at the end of that UTC day) or an ISO 8601 date-time such as 2026-06-30T12:00:00Z";

    public static ExceptionEntry Build(RawEntry raw, string source)
    {
        var seen = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        foreach (var value in raw.Values)
        {
            if (!Keys.Split(", ").Contains(value.Key, StringComparer.Ordinal))
                throw new ExceptionsFileException(source, value.KeyLine, value.Key, $"unknown key. Expected one of {Keys} (spelled so, case included).");
            if (!seen.TryAdd(value.Key, value))
                throw new ExceptionsFileException(source, value.KeyLine, value.Key, "the key appears twice in one entry. Expected each key at most once.");
        }
        var id = Text(seen, "vulnerabilityId", source, raw.Line, required: true, "a vulnerability id such as CVE-2024-6387")!.Trim();
        if (id.IndexOfAny(['*', '?']) >= 0)
            throw new ExceptionsFileException(source, seen["vulnerabilityId"].Line, "vulnerabilityId", "wildcards are not allowed here. Expected one exact vulnerability id (any case).");
        var reason = Text(seen, "reason", source, raw.Line, required: true, "a non-empty text saying why the finding is accepted")!.Trim();
        var (expiresAt, expiresText) = Expires(seen, source);
        return new ExceptionEntry
        {
            VulnerabilityId = id,
            Package = Pattern(seen, "package", source, "a package name; * and ? are wildcards"),
            Image = Pattern(seen, "image", source, "an image name or image ARN; * and ? are wildcards"),
            Pipeline = Pattern(seen, "pipeline", source, "an image pipeline ARN; * and ? are wildcards"),
            Reason = reason,
            ExpiresAt = expiresAt,
            ExpiresText = expiresText,
            Source = source,
            Line = raw.Line,
        };
    }

    private static string? Text(Dictionary<string, RawValue> seen, string key, string source, int entryLine, bool required, string form)
    {
        if (!seen.TryGetValue(key, out var value))
        {
            if (!required) return null;
            throw new ExceptionsFileException(source, entryLine, key, $"missing. Expected {form}.");
        }
        // A key written with nothing after it (YAML 'pipeline:', ~, null; JSON null) is refused as an empty string is:
        // read as absent, it would widen the entry to every pipeline, image or package, or make it never expire.
        if (value.Kind == RawKind.Null)
            throw new ExceptionsFileException(source, value.Line, key, $"given without a value (empty or null). Expected {form}{(required ? "" : ", or the key left out")}.");
        if (value.Kind == RawKind.NotText)
            throw new ExceptionsFileException(source, value.Line, key, $"a {value.Text} is not text here. Expected {form}, as a string.");
        if (string.IsNullOrWhiteSpace(value.Text))
            throw new ExceptionsFileException(source, value.Line, key, $"empty. Expected {form}.");
        return value.Text;
    }

    private static string? Pattern(Dictionary<string, RawValue> seen, string key, string source, string form) =>
        Text(seen, key, source, 0, required: false, form)?.Trim();

    private static (DateTime?, string?) Expires(Dictionary<string, RawValue> seen, string source)
    {
        var text = Text(seen, "expires", source, 0, required: false, DateForm)?.Trim();
        if (text is null) return (null, null);
        if (DateOnlyShape().IsMatch(text))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                // The end of that UTC day; the last day of the calendar has no next day, so it ends at DateTime.MaxValue.
                return (date == DateOnly.MaxValue ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), text);
        }
        else if (DateTimeOffset.TryParseExact(text, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return (instant.UtcDateTime, text);
        }
        throw new ExceptionsFileException(source, seen["expires"].Line, "expires", $"'{InputDisplay.Show(text)}' is not a date. Expected {DateForm}.");
    }

    // A date-time without an offset is read as UTC.
    private static readonly string[] DateTimeForms =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOnlyShape();
}
