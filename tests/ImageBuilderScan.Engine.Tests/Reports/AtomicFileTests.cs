
namespace ImageBuilderScan.Engine.Tests.Reports;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ibscan-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Target => Path.Combine(folder, "report.sarif");

    private void Existing() => File.WriteAllText(Target, "old");

    [Fact]
    public void A_write_killed_midway_leaves_no_temporary_file_after_the_next_write()
    {
        // What a process killed during a write leaves (no finally ran), and a stranger's file that only looks alike.
        var leftover = Path.Combine(folder, $".report.sarif.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(leftover, "half a report");
        var unrelated = Path.Combine(folder, ".report.sarif.notaguid.tmp");
        File.WriteAllText(unrelated, "someone else's");

        AtomicFile.WriteText(Target, (w, _) => w.Write("new"));

        Assert.Equal("new", File.ReadAllText(Target));
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void A_temporary_file_a_live_writer_holds_is_left_alone()
    {
        var live = Path.Combine(folder, $".report.sarif.{Guid.NewGuid():N}.tmp");
        using (var held = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            AtomicFile.WriteText(Target, (w, _) => w.Write("new"));
            Assert.True(File.Exists(live));
        }

        Assert.Equal("new", File.ReadAllText(Target));
    }

    private void AssertOnlyTheOldFile()
    {
        Assert.Equal("old", File.ReadAllText(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_write_replaces_the_file_whole()
    {
        Existing();
        AtomicFile.Write(Target, (s, _) => s.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(Target));
        Assert.Equal([Target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary_file()
    {
        Existing();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(Target, (s, _) =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("boom");
        }));
        AssertOnlyTheOldFile();
    }

    [Fact]
    public void Cancellation_leaves_the_old_file_and_no_temporary_file()
    {
        Existing();
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(Target, (s, _) =>
        {
            s.Write("half"u8);
            cancel.Cancel();
        }, cancellationToken: cancel.Token));
        AssertOnlyTheOldFile();
        Assert.ThrowsAny<OperationCanceledException>(() => ReportWriter.WriteFile(Target, ReportFormat.Sarif, ReportSamples.Gated(), null, new CancellationToken(true)));
        AssertOnlyTheOldFile();
    }

    [Fact]
    public void No_clobber_refuses_an_existing_file_and_writes_a_new_one()
    {
        Existing();
        var e = Assert.Throws<ReportFileException>(() => AtomicFile.Write(Target, (s, _) => s.Write("new"u8), noClobber: true));
        Assert.Equal("ReportFileExists", e.ErrorId);
        Assert.Contains("already exists", e.Message);
        Assert.Equal(Target, e.Path);
        AssertOnlyTheOldFile();
        var fresh = Path.Combine(folder, "fresh.md");
        ReportWriter.WriteFile(fresh, ReportFormat.Markdown, ReportSamples.Gated(), new ReportWriter.Options { NoClobber = true });
        Assert.StartsWith("## ImageBuilderScan\n", File.ReadAllText(fresh, Encoding.UTF8));
    }

    [Fact]
    public void No_clobber_loses_to_a_file_created_during_the_write()
    {
        var e = Assert.Throws<ReportFileException>(() => AtomicFile.Write(Target, (s, _) =>
        {
            s.Write("new"u8);
            File.WriteAllText(Target, "old");
        }, noClobber: true));
        Assert.Equal("ReportFileExists", e.ErrorId);
        AssertOnlyTheOldFile();
    }

    [Theory]
    [InlineData(ReportFormat.Sarif, "{")]
    [InlineData(ReportFormat.JUnit, "<?xml")]
    [InlineData(ReportFormat.Markdown, "## ")]
    public void Every_format_writes_to_a_file_without_a_byte_order_mark(ReportFormat format, string start)
    {
        ReportWriter.WriteFile(Target, format, ReportSamples.Gated());
        var bytes = File.ReadAllBytes(Target);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith(start, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_missing_folder_is_named_and_no_temporary_file_is_mentioned()
    {
        var target = Path.Combine(folder, "missing", "report.sarif");
        var error = Assert.Throws<ReportFileException>(() => AtomicFile.Write(target, (s, _) => s.Write("new"u8)));
        Assert.Equal("ReportFolderNotFound", error.ErrorId);
        Assert.Contains($"The folder {Path.Combine(folder, "missing")} does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_read_only_file_is_replaced_only_when_forced_and_stays_read_only()
    {
        Existing();
        File.SetAttributes(Target, File.GetAttributes(Target) | FileAttributes.ReadOnly);
        try
        {
            Assert.Equal("ReportFileReadOnly", Assert.Throws<ReportFileException>(() => AtomicFile.Write(Target, (s, _) => s.Write("new"u8))).ErrorId);
            AssertOnlyTheOldFile();
            AtomicFile.Write(Target, (s, _) => s.Write("new"u8), force: true);
            Assert.Equal("new", File.ReadAllText(Target));
            Assert.True(File.GetAttributes(Target).HasFlag(FileAttributes.ReadOnly));
        }
        finally
        {
            File.SetAttributes(Target, File.GetAttributes(Target) & ~FileAttributes.ReadOnly);
        }
    }

    [Fact]
    public void A_symbolic_link_is_refused_and_neither_it_nor_its_target_is_touched()
    {
        var pointedAt = Path.Combine(folder, "elsewhere.md");
        File.WriteAllText(pointedAt, "old");
        File.CreateSymbolicLink(Target, pointedAt);

        var error = Assert.Throws<ReportFileException>(() => AtomicFile.Write(Target, (s, _) => s.Write("new"u8)));

        Assert.Equal("ReportTargetNotRegularFile", error.ErrorId);
        Assert.Contains("symbolic link", error.Message);
        Assert.Equal(pointedAt, new FileInfo(Target).LinkTarget);
        Assert.Equal("old", File.ReadAllText(pointedAt));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder).Length);
    }

    [Fact]
    public void A_fifo_is_refused_before_anything_is_written_and_stays_a_fifo()
    {
        if (OperatingSystem.IsWindows()) return;
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Target))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var wrote = false;
        var error = Assert.Throws<ReportFileException>(() => AtomicFile.Write(Target, (s, _) => wrote = true));

        Assert.Equal("ReportTargetNotRegularFile", error.ErrorId);
        Assert.Contains("FIFO", error.Message);
        Assert.False(wrote);
        Assert.Equal("a FIFO (named pipe)", ReportTarget.NotRegular(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Device_nodes_are_told_from_regular_files()
    {
        // Read only: a write test on a real device node would, should the check fail as root, replace it.
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal("a character device", ReportTarget.NotRegular("/dev/null"));
        Existing();
        Assert.Null(ReportTarget.NotRegular(Target));
        Assert.Null(ReportTarget.NotRegular(Path.Combine(folder, "new.md")));
    }
}
