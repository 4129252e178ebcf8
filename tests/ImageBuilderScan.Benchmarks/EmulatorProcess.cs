using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Benchmarks;

/// <summary>The emulator in its own process on loopback, so its CPU and allocations stay out of our measurements.</summary>
internal sealed class EmulatorProcess : IDisposable
{
    public const string AccessKey = "AKIAIBSCANEMULATOR00";
    public const string SecretKey = "ImageBuilderScanEmulatorSecretKey00000000";
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The emulator's process id (`dotnet` runs the app in its own process), for its CPU time in /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts it on port 0 (it binds a free port itself) and reads the address from the line it prints once it listens.</summary>
    public static EmulatorProcess Start(params string[] options)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.EmulatorDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var o in options) info.ArgumentList.Add(o);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Regex.Match(line, @"listening on (http://127\.0\.0\.1:[0-9]+)") is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"[emulator] {e.Data}"); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"emulator exited with {process.ExitCode}"));
        if (!process.Start()) throw new InvalidOperationException("could not start the emulator");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("emulator did not say it was listening within 60 s");
        }
        return new EmulatorProcess(process, listening.Task.Result);
    }

    public long RequestCount()
    {
        using var http = new HttpClient();
        var json = http.GetStringAsync(new Uri(BaseAddress, "/_emulator/stats")).GetAwaiter().GetResult();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
