using System.Diagnostics;
using System.Text.Json;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// Debian's chromium, headless, with the network off (every request goes to a proxy on a closed
/// loopback port) and its background services disabled, loading a file:// page. What the page tried
/// to fetch is read from chromium's own network log: requests whose isolation key is the file://
/// page's are the page's; the browser's own (update checks) are not.
/// </summary>
public sealed class Chromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private Chromium(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// The browser, or an error that says how to get it: these tests fail, never skip, without it
    /// (.ci/run installs it on a fresh machine).
    /// </summary>
    public static Chromium Find()
    {
        var candidates = Environment.GetEnvironmentVariable("IBSCAN_CHROMIUM") is { Length: > 0 } given ? [given] : new[] { "chromium", "chromium-browser", "google-chrome" };
        foreach (var name in candidates)
        {
            if (System.IO.Path.IsPathRooted(name) && File.Exists(name)) return new Chromium(name);
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var path = System.IO.Path.Combine(dir, name);
                if (File.Exists(path)) return new Chromium(path);
            }
        }

        throw new InvalidOperationException("chromium is not installed, and the HTML report is tested in a real browser: " +
            "apt-get update && apt-get install -y chromium (.ci/run does this on a fresh machine), or set IBSCAN_CHROMIUM to a Chromium or Chrome binary.");
    }

    /// <summary>The DOM after load (scripts, if any ran, have run) and the URLs the page asked the network for.</summary>
    public (string Dom, IReadOnlyList<string> Fetched) Load(string file)
    {
        var netLog = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ibscan-netlog-{Guid.NewGuid():N}.json");
        try
        {
            var dom = Run(["--dump-dom", "--virtual-time-budget=3000", $"--log-net-log={netLog}", new Uri(file).AbsoluteUri]);
            return (dom, PageRequests(netLog));
        }
        finally
        {
            File.Delete(netLog);
        }
    }

    /// <summary>A PNG of the page at this window size.</summary>
    public void Screenshot(string file, string png, int width, int height) =>
        Run([$"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri]);

    private string Run(IReadOnlyList<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("ibscan-chromium-");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", $"--user-data-dir={profile.FullName}",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                     "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", .. arguments])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Limit.TotalSeconds} s: {string.Join(' ', arguments)}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {errors.Result}");
            return output.Result;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crash handler may still hold a file; the temp folder is cleaned by the system.
            }
        }
    }

    /// <summary>The URLs of requests the file:// page started (URL_REQUEST_START_JOB under a file:// isolation key).</summary>
    private static List<string> PageRequests(string netLog)
    {
        using var log = JsonDocument.Parse(File.ReadAllBytes(netLog));
        var startJob = log.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var urls = new List<string>();
        foreach (var e in log.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var p)) continue;
            var key = p.TryGetProperty("network_isolation_key", out var k) ? k.GetString() ?? "" : "";
            var initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() ?? "" : "";
            if (key.Contains("file://", StringComparison.Ordinal) || initiator == "null") urls.Add(p.GetProperty("url").GetString() ?? "");
        }

        return urls;
    }
}
