using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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

    public static EmulatorProcess Start(params string[] options)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.EmulatorDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var o in options) info.ArgumentList.Add(o);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"[emulator] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, new Uri($"http://127.0.0.1:{port}"));
        emulator.WaitUntilReady();
        return emulator;
    }

    public long RequestCount()
    {
        using var http = new HttpClient();
        var json = http.GetStringAsync(new Uri(BaseAddress, "/_emulator/stats")).GetAwaiter().GetResult();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    private void WaitUntilReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"emulator exited with {_process.ExitCode}");
            try
            {
                if (http.GetAsync(new Uri(BaseAddress, "/_emulator/stats")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        throw new TimeoutException("emulator did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
