// Explicit usings and nullable context: pwsh compiles this file with Add-Type (neither is implicit there) for the Pester suites.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>A request as it arrived on the wire.</summary>
public sealed record CapturedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the server answers; <see cref="TruncateTo"/> sends fewer body bytes than declared and drops the connection.</summary>
public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan Delay = default, int? TruncateTo = null)
{
    /// <summary>Bytes sent as the body instead of <see cref="Body"/>'s UTF-8 (invalid UTF-8, a body of any size).</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>
    /// A body too large to hold: <see cref="Body"/>, then <c>Item</c> <c>Count</c> times (comma-separated), then
    /// <c>Suffix</c>, streamed with no Content-Length and the connection closed after it (or when the client hangs up).
    /// </summary>
    public (string Item, int Count, string Suffix)? Repeat { get; init; }

    /// <summary>Each time it is sent, <c>{token}</c> in <see cref="Body"/> becomes a token never sent before (endless pages).</summary>
    public bool FreshToken { get; init; }

    public static ScriptedResponse Json(string body, string requestId = "req-1")
        => new(200, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });

    public static ScriptedResponse Error(int status, string? headerCode, string body, string requestId = "err-req")
    {
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId };
        if (headerCode is not null) headers["x-amzn-ErrorType"] = headerCode;
        return new ScriptedResponse(status, body, headers);
    }
}

/// <summary>
/// The one stub server of the test suites: a tiny HTTP/1.1 server on 127.0.0.1 that records every request and
/// answers from a script (a queue, then a default), for wire details and response shapes the emulator never
/// serves. It checks no signature. Bounded: every read and wait has a limit. Linked into each test project that
/// needs it.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable, IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly Task _acceptLoop;

    public ScriptedServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }
    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();
    /// <summary>Requests whose client hung up while a <see cref="ScriptedResponse.Delay"/> held the answer back (cancelled ones).</summary>
    public ConcurrentQueue<CapturedRequest> Abandoned { get; } = new();
    /// <summary>An empty page of any listing (each operation reads its own items member and skips the others).</summary>
    public ScriptedResponse Default { get; set; } = ScriptedResponse.Json("""{"findings":[],"responses":[],"imageSummaryList":[]}""");

    /// <summary>Answers by request path (<c>/GetImage</c>, <c>/ListImageScanFindings</c>), after the queue and before the default:
    /// for commands whose requests run concurrently, so their order is not known.</summary>
    public ConcurrentDictionary<string, ScriptedResponse> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets the answer to every request on <paramref name="path"/> (a method PowerShell calls easily).</summary>
    public void Route(string path, ScriptedResponse response) => Routes[path] = response;

    /// <summary>Answers the next requests to <paramref name="path"/> with these, one each, before anything else answers it
    /// (a state that changes from one GetImage to the next).</summary>
    public void EnqueueFor(string path, params ScriptedResponse[] responses)
    {
        var queue = _byPath.GetOrAdd(path, _ => new ConcurrentQueue<ScriptedResponse>());
        foreach (var response in responses) queue.Enqueue(response);
    }

    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _byPath = new(StringComparer.Ordinal);

    /// <summary>
    /// What happened, in order: <c>-> /Path</c> when a request arrived, <c>&lt;- /Path</c> when its answer was about to be
    /// written (logged before writing, so a request the client sends once it has that answer is always logged after it).
    /// </summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>
    /// Sets the answer to requests on <paramref name="path"/> that mention <paramref name="mentioning"/> (in the unescaped
    /// target or the body), before <see cref="Routes"/>: one operation answers each ARN its own way.
    /// </summary>
    public void RouteFor(string path, string mentioning, ScriptedResponse response) => _mentioning[(path, mentioning)] = response;

    private readonly ConcurrentDictionary<(string Path, string Mentioning), ScriptedResponse> _mentioning = new();

    private ScriptedResponse? Mentioned(string path, CapturedRequest request)
    {
        foreach (var ((on, mentioning), response) in _mentioning)
        {
            if (on == path && (Uri.UnescapeDataString(request.Target).Contains(mentioning, StringComparison.Ordinal)
                    || request.Body.Contains(mentioning, StringComparison.Ordinal))) return response;
        }
        return null;
    }

    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses) _script.Enqueue(response);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = await ReadRequestAsync(stream);
                if (request is null) return;
                Requests.Enqueue(request);
                var path = request.Target.Split('?')[0];
                Events.Enqueue("-> " + path);
                var response = _script.TryDequeue(out var scripted) ? scripted
                    : _byPath.TryGetValue(path, out var queued) && queued.TryDequeue(out var next) ? next
                    : Mentioned(path, request) ?? (Routes.TryGetValue(path, out var routed) ? routed : Default);
                if (response.Delay > TimeSpan.Zero && !await HoldAsync(client.Client, response.Delay))
                {
                    Abandoned.Enqueue(request);
                    return;
                }
                Events.Enqueue("<- " + path);
                if (!await WriteResponseAsync(stream, response)) return;
            }
        }
        catch (Exception) { /* connection closed by the client or the test */ }
    }

    /// <summary>Waits out the delay; false as soon as the client closes the connection instead.</summary>
    private async Task<bool> HoldAsync(Socket socket, TimeSpan delay)
    {
        var until = DateTime.UtcNow + delay;
        while (DateTime.UtcNow < until)
        {
            // Readable with nothing to read: the client closed its end.
            if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(20), _stop.Token);
        }
        return true;
    }

    private static async Task<CapturedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            head.Add(one[0]);
            if (head.Count > 64 * 1024) return null;
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text) : 0;
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0) return null;
            read += n;
        }
        return new CapturedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> b)
        => b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    private static async Task<bool> WriteResponseAsync(NetworkStream stream, ScriptedResponse response)
    {
        if (response.Repeat is { } repeat) return await WriteRepeatedAsync(stream, response, repeat);
        var body = response.RawBody
            ?? Encoding.UTF8.GetBytes(response.FreshToken ? response.Body.Replace("{token}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal) : response.Body);
        var head = new StringBuilder($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n");
        // A scripted Content-Type replaces the usual one (never two of them).
        if (response.Headers?.Keys.Any(k => k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) != true)
            head.Append("Content-Type: application/json\r\n");
        head.Append($"Content-Length: {body.Length}\r\n");
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (response.TruncateTo is int cut)
        {
            await stream.WriteAsync(body.AsMemory(0, Math.Min(cut, body.Length)));
            await stream.FlushAsync();
            return false;
        }
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        return true;
    }

    private static async Task<bool> WriteRepeatedAsync(NetworkStream stream, ScriptedResponse response, (string Item, int Count, string Suffix) repeat)
    {
        var head = new StringBuilder($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\nContent-Type: application/json\r\nConnection: close\r\n");
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) head.Append($"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
        var item = Encoding.UTF8.GetBytes(repeat.Item);
        // Items in blocks of about 64 KiB, so a body of any size costs the server no more than one block.
        var perBlock = Math.Max(1, 65536 / (item.Length + 1));
        var block = new byte[perBlock * (item.Length + 1)];
        for (var i = 0; i < perBlock; i++)
        {
            block[i * (item.Length + 1)] = (byte)',';
            item.CopyTo(block, i * (item.Length + 1) + 1);
        }
        for (var written = 0; written < repeat.Count; written += perBlock)
        {
            var n = Math.Min(perBlock, repeat.Count - written);
            var from = written == 0 ? 1 : 0; // no comma before the first item
            await stream.WriteAsync(block.AsMemory(from, n * (item.Length + 1) - from));
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(repeat.Suffix));
        await stream.FlushAsync();
        return false;
    }

    /// <summary>For callers that cannot await (a PowerShell test).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        _stop.Dispose();
    }
}
