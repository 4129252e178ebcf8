using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>The two forms of a scan-exceptions file.</summary>
public enum ExceptionsFileFormat
{
    /// <summary>By extension (.json; .yaml or .yml), else by content: JSON when it starts with '[' or '{'.</summary>
    Detect = 0,
    Yaml,
    Json,
}

/// <summary>
/// Reads a scan-exceptions file: a list of entries, or a mapping whose one key <c>exceptions</c> holds
/// that list, in YAML or JSON:
/// <code>
/// - vulnerabilityId: CVE-2024-6387       # required, exact, any case
///   package: openssh-*                   # optional, * and ? wildcards
///   image: web-frontend-*                # optional: image name, or image ARN when it starts with arn:
///   pipeline: arn:aws:imagebuilder:*:*:image-pipeline/web-*   # optional
///   reason: Not reachable: sshd disabled # required, non-empty
///   expires: 2026-06-30                  # optional: the end of that UTC day, or an ISO 8601 date-time
/// </code>
/// Unknown keys, a missing vulnerabilityId or reason, a bad date or a wrong type are refused with an
/// <see cref="ExceptionsFileException"/> naming the file, the line and the key. So is anything outside
/// <see cref="ExceptionsFileLimits"/>, binary or non-UTF-8 content, and YAML anchors, aliases and tags.
/// </summary>
public static class ExceptionsFile
{
    /// <summary>
    /// Reads and parses a file: a regular file or a pipe (<c>&lt;(cat file)</c>, a FIFO with a writer),
    /// within <see cref="ExceptionsFileLimits"/> (size, and <paramref name="timeLimit"/> for the whole
    /// read, by default <see cref="ExceptionsFileLimits.ReadTime"/>). Anything else, or a failure of any
    /// kind, is an <see cref="ExceptionsFileException"/> naming the file: nothing else escapes.
    /// </summary>
    public static ExceptionList Load(string path, ExceptionsFileFormat format = ExceptionsFileFormat.Detect, TimeSpan? timeLimit = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ExceptionsFileSource.Read(path, timeLimit ?? ExceptionsFileLimits.ReadTime);
        try
        {
            return Parse(bytes, path, format);
        }
        catch (Exception e) when (e is not ImageBuilderScanException and not OperationCanceledException)
        {
            throw new ExceptionsFileException(path, null, null, $"cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Parses a file's content; <paramref name="source"/> names it in messages and selects the format by extension.</summary>
    public static ExceptionList Parse(ReadOnlySpan<byte> content, string source, ExceptionsFileFormat format = ExceptionsFileFormat.Detect)
    {
        var text = ExceptionsFileContent.Decode(content, source);
        var json = (format == ExceptionsFileFormat.Detect ? Detect(source, text) : format) == ExceptionsFileFormat.Json;
        var raw = json ? JsonExceptionsReader.Read(text, source) : YamlExceptionsReader.Read(text, source);
        return new ExceptionList(source, raw.Select(r => ExceptionEntryBuilder.Build(r, source)).ToList());
    }

    private static ExceptionsFileFormat Detect(string source, string text)
    {
        var extension = Path.GetExtension(source);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase)) return ExceptionsFileFormat.Json;
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)) return ExceptionsFileFormat.Yaml;
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is '[' or '{' ? ExceptionsFileFormat.Json : ExceptionsFileFormat.Yaml;
    }

}
