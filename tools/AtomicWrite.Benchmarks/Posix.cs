using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// The physical floor of a durable replace on Linux: the bare system calls, with nothing else around them.
/// open(temp, O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600) in the target's directory, write, fsync, close,
/// rename over the target, then open the directory, fsync it and close it.
/// </summary>
internal static unsafe partial class Posix
{
    private const int O_RDONLY = 0x0;
    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_DIRECTORY = 0x10000;
    private const int O_NOFOLLOW = 0x20000;
    private const int O_CLOEXEC = 0x80000;
    private const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static partial int Rename(byte* oldPath, byte* newPath);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true)]
    private static partial int Unlink(byte* path);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    /// <summary>
    /// Flushes the file system that holds <paramref name="directory"/> (syncfs(2)), so that a measurement starts without
    /// the previous one's pending journal commits, block frees and discards.
    /// </summary>
    public static void SyncFileSystem(string directory)
    {
        byte[] dir = CString(directory);
        fixed (byte* p = dir)
        {
            int fd = Open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0)
            {
                Throw("open directory");
            }

            int rc = SyncFs(fd);
            Close(fd);
            if (rc != 0)
            {
                Throw("syncfs");
            }
        }
    }

    /// <summary>Null-terminated UTF-8 file name, encoded once so that the floor pays nothing for it.</summary>
    public static byte[] CString(string path) => Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>How far a replace goes, matching the three durability levels of the runtime.</summary>
    public enum Level { None, AtomicOnly, Durable }

    /// <summary>One replace of <paramref name="target"/> by <paramref name="data"/> through <paramref name="temp"/>.</summary>
    public static void Replace(byte[] temp, byte[] target, byte[] directory, ReadOnlySpan<byte> data, Level level = Level.Durable)
    {
        fixed (byte* tempPtr = temp)
        fixed (byte* targetPtr = target)
        fixed (byte* dirPtr = directory)
        fixed (byte* dataPtr = data)
        {
            int fd = Open(tempPtr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0x180 /* 0600 */);
            if (fd < 0)
            {
                Throw("open temp");
            }

            nint done = 0;
            while (done < data.Length)
            {
                nint n = Write(fd, dataPtr + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EINTR)
                    {
                        continue;
                    }

                    int err = Marshal.GetLastPInvokeError();
                    Close(fd);
                    Unlink(tempPtr);
                    throw new Win32Exception(err, "write");
                }

                done += n;
            }

            if (level != Level.None && Fsync(fd) != 0)
            {
                int err = Marshal.GetLastPInvokeError();
                Close(fd);
                Unlink(tempPtr);
                throw new Win32Exception(err, "fsync");
            }

            if (Close(fd) != 0)
            {
                Throw("close");
            }

            if (Rename(tempPtr, targetPtr) != 0)
            {
                Throw("rename");
            }

            if (level == Level.Durable)
            {
                int dfd = Open(dirPtr, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
                if (dfd < 0)
                {
                    Throw("open directory");
                }

                if (Fsync(dfd) != 0)
                {
                    int err = Marshal.GetLastPInvokeError();
                    Close(dfd);
                    throw new Win32Exception(err, "fsync directory");
                }

                Close(dfd);
            }
        }
    }

    private static void Throw(string what) => throw new Win32Exception(Marshal.GetLastPInvokeError(), what);

    /// <summary>A scratch directory on the disk under test; AW_BENCH_DIR chooses it, else the system temp.</summary>
    public static string NewScratchDirectory(string tag)
    {
        string root = Environment.GetEnvironmentVariable("AW_BENCH_DIR") is { Length: > 0 } d ? d : Path.GetTempPath();
        string dir = Path.Combine(root, $"awbench-{tag}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
