using System.Diagnostics;
using System.IO.Pipes;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>
/// Where an exceptions file may come from: a regular file or a pipe, within the same size, time and
/// content limits; a FIFO with no writer, a directory or a device is refused naming the file; every
/// date in range is read (the calendar's last day too).
/// </summary>
public sealed class ExceptionsFileSourceTests
{
    private const string Yaml = "exceptions:\n  - vulnerabilityId: CVE-2024-6387\n    reason: not reachable\n    expires: 9999-12-31\n";

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01")]
    public void Every_date_in_range_is_read(string expires)
    {
        var list = ExceptionsFile.Parse(Encoding.UTF8.GetBytes($"- vulnerabilityId: CVE-2024-6387\n  reason: r\n  expires: {expires}\n"), "ex.yaml");
        var entry = Assert.Single(list.Entries);
        Assert.Equal(expires, entry.ExpiresText);
        Assert.Equal(expires.StartsWith("0001", StringComparison.Ordinal), entry.IsExpired(new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_last_day_of_the_calendar_never_expires()
    {
        var entry = Assert.Single(ExceptionsFile.Parse(Encoding.UTF8.GetBytes(Yaml), "ex.yaml").Entries);
        Assert.Equal(DateTime.MaxValue, entry.ExpiresAt);
        Assert.False(entry.IsExpired(DateTime.MaxValue.AddTicks(-1)));
    }

    [Fact]
    public async Task An_anonymous_pipe_as_process_substitution_gives_it_is_read_without_a_length()
    {
        if (OperatingSystem.IsWindows()) return;
        using var server = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        var path = $"/dev/fd/{server.ClientSafePipeHandle.DangerousGetHandle()}";
        var writer = Task.Run(() =>
        {
            server.Write(Encoding.UTF8.GetBytes(Yaml));
            server.Dispose();
        });
        var list = ExceptionsFile.Load(path, ExceptionsFileFormat.Yaml);
        await writer;
        Assert.Equal("CVE-2024-6387", Assert.Single(list.Entries).VulnerabilityId);
    }

    [Fact]
    public async Task A_fifo_with_a_writer_is_read_and_the_size_cap_holds_for_it()
    {
        if (OperatingSystem.IsWindows()) return;
        using var fifo = new Fifo();
        var writer = Task.Run(() => File.WriteAllText(fifo.Path, Yaml));
        Assert.Single(ExceptionsFile.Load(fifo.Path, ExceptionsFileFormat.Yaml).Entries);
        await writer;

        var flood = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo.Path, FileMode.Open, FileAccess.Write);
                var chunk = Encoding.UTF8.GetBytes("# " + new string('x', 4094) + "\n");
                for (var i = 0; i <= ExceptionsFileLimits.MaxBytes / chunk.Length + 1; i++) stream.Write(chunk);
            }
            catch (IOException)
            {
                // The reader stopped one byte past the cap and closed its end: a broken pipe here.
            }
        });
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(fifo.Path, ExceptionsFileFormat.Yaml));
        Assert.Contains("larger than", e.Message);
        await flood;
    }

    [Fact]
    public void A_fifo_with_no_writer_is_refused_at_the_time_limit_naming_the_file()
    {
        if (OperatingSystem.IsWindows()) return;
        using var fifo = new Fifo();
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(fifo.Path, timeLimit: TimeSpan.FromMilliseconds(200)));
        Assert.Equal(fifo.Path, e.FilePath);
        Assert.Contains("did not deliver its content within", e.Message);
        // The refused reader is still blocked in open: a writer that opens and closes lets it end.
        using (new FileStream(fifo.Path, FileMode.Open, FileAccess.Write)) { }
    }

    [Fact]
    public void A_directory_is_refused_naming_it()
    {
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", e.Message);
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/zero")]
    public void A_device_is_refused_naming_it(string device)
    {
        if (OperatingSystem.IsWindows()) return;
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(device));
        Assert.Equal(device, e.FilePath);
        Assert.Contains("is a device", e.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml");
        var e = Assert.Throws<ExceptionsFileException>(() => ExceptionsFile.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("cannot be read", e.Message);
    }

    /// <summary>A named pipe made with mkfifo in the temp folder, removed at the end.</summary>
    private sealed class Fifo : IDisposable
    {
        public Fifo()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid() + ".fifo");
            using var mkfifo = Process.Start("mkfifo", Path);
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
