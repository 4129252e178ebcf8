namespace ImageBuilderScan.Emulator.Tests;

/// <summary>A fact that runs only where the AWS CLI is on PATH, and is reported as skipped (with the reason) elsewhere.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null)
        {
            Skip = "The AWS CLI ('aws') is not on PATH; this check of the emulator against botocore was skipped.";
        }
    }
}

internal static class AwsCli
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "aws.exe", "aws.cmd" } : ["aws"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(n => System.IO.Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
    }
}
