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
    /// <summary>Reads and parses a file; the size is checked before the content is read.</summary>
    public static ExceptionList Load(string path, ExceptionsFileFormat format = ExceptionsFileFormat.Detect)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > ExceptionsFileLimits.MaxBytes) throw TooLarge(path);
            // The file may grow after the check: read one byte past the cap at most.
            var buffer = new byte[Math.Min(stream.Length, ExceptionsFileLimits.MaxBytes) + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
            if (total > ExceptionsFileLimits.MaxBytes) throw TooLarge(path);
            bytes = buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExceptionsFileException(path, null, null, $"cannot be read: {e.Message}", e);
        }
        return Parse(bytes, path, format);
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

    private static ExceptionsFileException TooLarge(string path) =>
        new(path, null, null, $"the file is larger than {ExceptionsFileLimits.MaxBytes} bytes. Expected a small YAML or JSON list of exceptions.");
}
