namespace ImageBuilderScan.Emulator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorCommandLine.Parse(args, out var help);
            if (help)
            {
                Console.WriteLine(EmulatorCommandLine.Help());
                return 0;
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        try
        {
            await using var server = await EmulatorServer.StartAsync(options);
            // One line on stdout so a harness that asked for port 0 learns where to connect.
            Console.WriteLine($"ImageBuilderScan emulator listening on {server.BaseAddress} ({server.Data.Findings.Count} findings, {server.Data.Images.Count} images; access key {options.AccessKeyId})");
            await server.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
