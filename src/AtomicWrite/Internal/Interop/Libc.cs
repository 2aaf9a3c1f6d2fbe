using System;
using System.Runtime.InteropServices;

namespace AtomicWrite.Internal;

/// <summary>
/// The libc calls of the Unix recipe. The functions that a fault-injection preload (LD_PRELOAD, for example libfiu's
/// <c>fiu_posix_preload.so</c>) may wrap are resolved through the global symbol scope, the way a C program's own calls
/// are, so such a preload sees them; a plain DllImport would bind to libc's own definitions and bypass it.
/// </summary>
internal static unsafe class Libc
{
    private const string LibC = "libc";

    internal static readonly bool IsMacOS = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
    internal static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
    private static readonly bool IsArmLike = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64;

    // open(2) flags.
    internal const int O_WRONLY = 1;
    internal const int O_RDONLY = 0;
    internal static readonly int O_CREAT = IsMacOS ? 0x200 : 0x40;
    internal static readonly int O_EXCL = IsMacOS ? 0x800 : 0x80;
    internal static readonly int O_NOFOLLOW = IsMacOS ? 0x100 : (IsArmLike ? 0x8000 : 0x20000);
    internal static readonly int O_DIRECTORY = IsMacOS ? 0x100000 : (IsArmLike ? 0x4000 : 0x10000);
    /// <summary>The "current directory" descriptor of the *at(2) calls: -100 on Linux, -2 on macOS.</summary>
    internal static readonly int AT_FDCWD = IsMacOS ? -2 : -100;
    internal static readonly int O_CLOEXEC = IsMacOS ? 0x1000000 : 0x80000;
    internal static readonly int O_NONBLOCK = IsMacOS ? 0x4 : 0x800;

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
    internal const int LOCK_UN = 8;
    private const int F_FULLFSYNC = 51;

    // errno values that differ between Linux and macOS are read through these.
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int EBADF = 9;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int EFBIG = 27;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal static readonly int EWOULDBLOCK = IsMacOS ? 35 : 11;
    internal static readonly int ENAMETOOLONG = IsMacOS ? 63 : 36;
    internal static readonly int ELOOP = IsMacOS ? 62 : 40;
    internal static readonly int ENOSYS = IsMacOS ? 78 : 38;
    internal static readonly int ENOTSUP = IsMacOS ? 45 : 95;

    // Functions resolved through the global scope (preload-visible).
    private static readonly delegate* unmanaged[Cdecl]<byte*, int, int, int> s_open =
        (delegate* unmanaged[Cdecl]<byte*, int, int, int>)Resolve("open");
    // The offset is a 64-bit off64_t: pwrite64 on 32-bit Linux (glibc's pwrite there takes a 32-bit off_t); pwrite
    // elsewhere (64-bit Linux, where both names are the same function, and macOS, where off_t is always 64-bit).
    private static readonly delegate* unmanaged[Cdecl]<int, byte*, nuint, long, nint> s_pwrite =
        (delegate* unmanaged[Cdecl]<int, byte*, nuint, long, nint>)Resolve(PWriteSymbol(IsLinux, IntPtr.Size));
    private static readonly delegate* unmanaged[Cdecl]<int, int> s_fsync =
        (delegate* unmanaged[Cdecl]<int, int>)Resolve("fsync");
    private static readonly delegate* unmanaged[Cdecl]<int, int> s_close =
        (delegate* unmanaged[Cdecl]<int, int>)Resolve("close");
    private static readonly delegate* unmanaged[Cdecl]<byte*, byte*, int> s_rename =
        (delegate* unmanaged[Cdecl]<byte*, byte*, int>)Resolve("rename");
    private static readonly delegate* unmanaged[Cdecl]<byte*, int> s_unlink =
        (delegate* unmanaged[Cdecl]<byte*, int>)Resolve("unlink");
    private static readonly delegate* unmanaged[Cdecl]<byte*, byte*, int> s_link =
        (delegate* unmanaged[Cdecl]<byte*, byte*, int>)Resolve("link");

    /// <summary>The libc symbol whose offset parameter is 64 bits wide on this platform.</summary>
    internal static string PWriteSymbol(bool linux, int pointerSize) => linux && pointerSize == 4 ? "pwrite64" : "pwrite";

    private static IntPtr Resolve(string name)
    {
        IntPtr p = IntPtr.Zero;
        try
        {
#if NET8_0_OR_GREATER
            NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out p);
#else
            p = DlsymDefault(name);
#endif
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            p = IntPtr.Zero;
        }

        if (p != IntPtr.Zero)
        {
            return p;
        }

#if NET8_0_OR_GREATER
        // Fall back to libc itself.
        IntPtr lib = NativeLibrary.Load(IsMacOS ? "/usr/lib/libSystem.B.dylib" : "libc.so.6");
        return NativeLibrary.GetExport(lib, name);
#else
        throw new PlatformNotSupportedException("Cannot resolve libc function " + name + ".");
#endif
    }

#if !NET8_0_OR_GREATER
    private static IntPtr DlsymDefault(string name)
    {
        IntPtr rtldDefault = IsMacOS ? new IntPtr(-2) : IntPtr.Zero;
        try
        {
            return dlsym_libc(rtldDefault, name);
        }
        catch (EntryPointNotFoundException)
        {
            return dlsym_libdl(rtldDefault, name);
        }
    }

    [DllImport(LibC, EntryPoint = "dlsym")]
    private static extern IntPtr dlsym_libc(IntPtr handle, [MarshalAs(UnmanagedType.LPStr)] string name);

    [DllImport("libdl.so.2", EntryPoint = "dlsym")]
    private static extern IntPtr dlsym_libdl(IntPtr handle, [MarshalAs(UnmanagedType.LPStr)] string name);

    [DllImport(LibC, EntryPoint = "__errno_location")]
    private static extern int* errno_location_linux();

    [DllImport(LibC, EntryPoint = "__error")]
    private static extern int* errno_location_mac();
#endif

    internal static int Errno
    {
        get
        {
#if NET8_0_OR_GREATER
            return Marshal.GetLastSystemError();
#else
            return IsMacOS ? *errno_location_mac() : *errno_location_linux();
#endif
        }
    }

    private static void ClearErrno()
    {
#if NET8_0_OR_GREATER
        Marshal.SetLastSystemError(0);
#else
        if (IsMacOS)
        {
            *errno_location_mac() = 0;
        }
        else
        {
            *errno_location_linux() = 0;
        }
#endif
    }

    /// <summary>0 when a call returned 0; otherwise its errno (EIO when errno was not set). Read right after the call.</summary>
    private static int Outcome(int result)
    {
        if (result == 0)
        {
            return 0;
        }

        int e = Errno;
        return e == 0 ? EIO : e;
    }

    /// <summary>open(2); returns the descriptor or -errno.</summary>
    internal static int Open(byte* path, int flags, int mode)
    {
        while (true)
        {
            ClearErrno();
            int fd = s_open(path, flags, mode);
            if (fd >= 0)
            {
                return fd;
            }

            int e = Errno;
            if (e != EINTR)
            {
                return -(e == 0 ? EIO : e);
            }
        }
    }

    /// <summary>Writes the whole span at <paramref name="offset"/>; returns 0 or errno.</summary>
    internal static int PWriteAll(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                ClearErrno();
                nint n = s_pwrite(fd, p + done, (nuint)(data.Length - done), offset + done);
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                if (n == 0)
                {
                    return ENOSPC;
                }

                int e = Errno;
                if (e != EINTR)
                {
                    return e == 0 ? EIO : e;
                }
            }
        }

        return 0;
    }

    /// <summary>fsync(2) (never retried, not even on EINTR); returns 0 or errno.</summary>
    internal static int Fsync(int fd)
    {
        ClearErrno();
        return Outcome(s_fsync(fd));
    }

    /// <summary>
    /// Flushes a file to stable storage: <c>F_FULLFSYNC</c> on macOS (which flushes the drive's cache too), falling
    /// back to fsync where the file system does not support it; fsync elsewhere. Returns 0 or errno.
    /// </summary>
    internal static int FullFsync(int fd)
    {
        if (IsMacOS)
        {
            ClearErrno();
            if (fcntl_noarg(fd, F_FULLFSYNC) == 0)
            {
                return 0;
            }

            int e = Errno;
            if (e != ENOTSUP && e != EINVAL && e != 25 /* ENOTTY */)
            {
                return e == 0 ? EIO : e;
            }
        }

        return Fsync(fd);
    }

    /// <summary>close(2); EINTR is not retried (the descriptor is gone either way). Returns 0 or errno.</summary>
    internal static int Close(int fd)
    {
        ClearErrno();
        if (s_close(fd) == 0)
        {
            return 0;
        }

        int e = Errno;
        return e == EINTR ? 0 : (e == 0 ? EIO : e);
    }

    internal static int Rename(byte* from, byte* to)
    {
        ClearErrno();
        return Outcome(s_rename(from, to));
    }

    /// <summary>link(2): a second name for an existing file; returns 0 or errno.</summary>
    internal static int Link(byte* existing, byte* newPath)
    {
        ClearErrno();
        return Outcome(s_link(existing, newPath));
    }

    internal static int Unlink(byte* path)
    {
        ClearErrno();
        return Outcome(s_unlink(path));
    }

    internal static int FChmod(int fd, int mode) => RetryOnInterrupt(&fchmod, fd, mode);

    internal static int FChown(int fd, uint uid, uint gid)
    {
        ClearErrno();
        return Outcome(fchown(fd, uid, gid));
    }

    internal static int Flock(int fd, int op) => RetryOnInterrupt(&flock, fd, op);

    /// <summary>Calls <paramref name="call"/> until it is not interrupted (EINTR); returns 0 or errno.</summary>
    private static int RetryOnInterrupt(delegate*<int, int, int> call, int fd, int argument)
    {
        int e;
        do
        {
            ClearErrno();
            e = Outcome(call(fd, argument));
        }
        while (e == EINTR);
        return e;
    }

    /// <summary>Whether a process with this id exists (in this pid namespace).</summary>
    internal static bool ProcessExists(int pid)
    {
        ClearErrno();
        if (kill(pid, 0) == 0)
        {
            return true;
        }

        return Errno != ESRCH;
    }

    /// <summary>readlink(2) into <paramref name="buffer"/>; returns the length or -errno.</summary>
    internal static int ReadLink(byte* path, byte* buffer, int size)
    {
        ClearErrno();
        nint n = readlink(path, buffer, (nuint)size);
        if (n >= 0)
        {
            return (int)n;
        }

        int e = Errno;
        return -(e == 0 ? EIO : e);
    }

    /// <summary>
    /// Whether the kernel would keep set-id bits on a write by this process: CAP_FSETID in the effective set on Linux
    /// (read from /proc/self/status), root elsewhere.
    /// </summary>
    internal static bool MayKeepSetIdBits()
    {
        if (IsLinux)
        {
            long caps = ReadCapEff();
            if (caps >= 0)
            {
                return (caps & (1L << 4)) != 0; // CAP_FSETID
            }
        }

        return geteuid() == 0;
    }

    /// <summary>Parses the "CapEff:" line of /proc/self/status; -1 when unavailable.</summary>
    private static long ReadCapEff()
    {
        byte* path = stackalloc byte[] { (byte)'/', (byte)'p', (byte)'r', (byte)'o', (byte)'c', (byte)'/', (byte)'s', (byte)'e', (byte)'l', (byte)'f', (byte)'/', (byte)'s', (byte)'t', (byte)'a', (byte)'t', (byte)'u', (byte)'s', 0 };
        int fd = open_plain(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            return -1;
        }

        const int Size = 8192;
        byte* buf = stackalloc byte[Size];
        int length = 0;
        try
        {
            while (length < Size)
            {
                nint n = read(fd, buf + length, (nuint)(Size - length));
                if (n <= 0)
                {
                    break;
                }

                length += (int)n;
            }
        }
        finally
        {
            close_plain(fd);
        }

        var text = new ReadOnlySpan<byte>(buf, length);
        ReadOnlySpan<byte> key = "CapEff:"u8;
        int at = text.IndexOf(key);
        if (at < 0)
        {
            return -1;
        }

        long value = 0;
        bool any = false;
        for (int i = at + key.Length; i < text.Length && text[i] != (byte)'\n'; i++)
        {
            byte c = text[i];
            int digit = c >= (byte)'0' && c <= (byte)'9' ? c - '0' : c >= (byte)'a' && c <= (byte)'f' ? c - 'a' + 10 : -1;
            if (digit >= 0)
            {
                value = (value << 4) | (long)digit;
                any = true;
            }
        }

        return any ? value : -1;
    }

    [DllImport(LibC, EntryPoint = "open")]
    private static extern int open_plain(byte* path, int flags);

    [DllImport(LibC, EntryPoint = "close")]
    private static extern int close_plain(int fd);

    [DllImport(LibC)]
    private static extern nint read(int fd, byte* buf, nuint count);

    /// <summary>realpath(3) into a PATH_MAX buffer: the kernel's resolution of every link and dot-dot; 0 or errno.</summary>
    internal static int RealPath(byte* path, byte* resolved)
    {
        ClearErrno();
        if (realpath(path, resolved) != null)
        {
            return 0;
        }

        int e = Errno;
        return e == 0 ? EIO : e;
    }

    /// <summary>syncfs(2) (Linux): flushes the whole file system that holds <paramref name="fd"/>; 0 or errno.</summary>
    internal static int SyncFs(int fd)
    {
        ClearErrno();
        return Outcome(syncfs(fd));
    }

    [DllImport(LibC)]
    private static extern byte* realpath(byte* path, byte* resolved);

    [DllImport(LibC)]
    private static extern int syncfs(int fd);

    /// <summary>Whether this process may open the file for writing (effective ids, like open(2) checks); 0 or errno.</summary>
    internal static int CheckWritable(byte* path)
    {
        int atEaccess = IsMacOS ? 0x10 : 0x200;
        ClearErrno();
        if (faccessat(AT_FDCWD, path, 2 /* W_OK */, atEaccess) == 0)
        {
            return 0;
        }

        int e = Errno;
        return e == 0 ? EACCES : e;
    }

    [DllImport(LibC)]
    private static extern int faccessat(int dirfd, byte* path, int mode, int flags);

    [DllImport(LibC, EntryPoint = "fcntl")]
    private static extern int fcntl_noarg(int fd, int cmd);

    [DllImport(LibC)]
    private static extern int fchmod(int fd, int mode);

    [DllImport(LibC)]
    private static extern int fchown(int fd, uint uid, uint gid);

    [DllImport(LibC)]
    private static extern int flock(int fd, int operation);

    [DllImport(LibC)]
    private static extern int kill(int pid, int sig);

    [DllImport(LibC)]
    private static extern nint readlink(byte* path, byte* buf, nuint size);

    [DllImport(LibC)]
    internal static extern uint geteuid();
}
