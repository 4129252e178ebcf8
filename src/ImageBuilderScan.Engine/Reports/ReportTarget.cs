using System.Runtime.InteropServices;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// What already sits at a report's path when it is not a regular file: a report is written to a temporary file that is
/// then renamed over the target, and a rename replaces whatever the name was (a device node such as /dev/null, a FIFO,
/// a symbolic link) with a regular file: as root, <c>-Path /dev/null</c> would replace the system's /dev/null. Such a
/// target is refused, never written through: a symbolic link too (where it points is for the caller to name).
/// </summary>
public static class ReportTarget
{
    /// <summary>What <paramref name="fullPath"/> is when it exists and is not a regular file (e.g. "a FIFO (named pipe)"); null for a regular file or nothing.</summary>
    public static string? NotRegular(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is { } target) return $"a symbolic link (to {target})";
        if (Directory.Exists(fullPath)) return "a folder";
        if (!info.Exists || OperatingSystem.IsWindows()) return null;
        return UnixKind(fullPath);
    }

    /// <summary>
    /// The file type bits of lstat, through the .NET runtime's own native shim (its FileStatus starts with two 32-bit
    /// fields, Flags and Mode, on every platform; the type constants are the shim's own, not the OS's). .NET itself tells
    /// no device or FIFO from a regular file (both read as FileAttributes.Normal).
    /// </summary>
    private static string? UnixKind(string fullPath)
    {
        var status = new byte[512];
        try
        {
            if (LStat(fullPath, status) != 0) return null;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim: the symbolic link check above is what remains.
            return null;
        }

        return (BitConverter.ToInt32(status, 4) & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a folder",
            _ => "not a regular file",
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
