using System;
using System.Runtime.InteropServices;

namespace AtomicWrite.Internal;

/// <summary>The parts of stat(2) the recipe needs: type, permission bits, owner and group.</summary>
internal readonly struct FileStat
{
    internal FileStat(uint mode, uint uid, uint gid)
    {
        Mode = mode;
        Uid = uid;
        Gid = gid;
    }

    internal uint Mode { get; }

    internal uint Uid { get; }

    internal uint Gid { get; }

    internal uint Type => Mode & Libc.S_IFMT;

    internal bool IsRegular => Type == Libc.S_IFREG;

    internal bool IsDirectory => Type == Libc.S_IFDIR;

    internal bool IsSymlink => Type == Libc.S_IFLNK;

    internal int Permissions => (int)(Mode & 0xFFF);

    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW_LINUX = 0x100;
    private const int AT_SYMLINK_NOFOLLOW_MAC = 0x20;
    private const uint STATX_BASIC_STATS = 0x7ff;

    private static int s_linuxMethod; // 0 = statx, 1 = fstatat, 2 = __fxstatat

    /// <summary>stat or lstat; returns 0 and the status, or errno.</summary>
    internal static unsafe int Get(byte* path, bool followLinks, out FileStat stat)
    {
        byte* buf = stackalloc byte[512];
        new Span<byte>(buf, 512).Clear();
        stat = default;
        if (Libc.IsMacOS)
        {
            int flags = followLinks ? 0 : AT_SYMLINK_NOFOLLOW_MAC;
            int r = RuntimeInformation.ProcessArchitecture == Architecture.Arm64
                ? fstatat_mac_arm64(AT_FDCWD, path, buf, flags)
                : fstatat_mac_x64(AT_FDCWD, path, buf, flags);
            if (r != 0)
            {
                return Libc.Errno;
            }

            // struct stat (64-bit inodes): dev_t(4) mode_t(2) nlink_t(2) ino_t(8) uid_t(4) gid_t(4)
            stat = new FileStat(*(ushort*)(buf + 4), *(uint*)(buf + 16), *(uint*)(buf + 20));
            return 0;
        }

        int nofollow = followLinks ? 0 : AT_SYMLINK_NOFOLLOW_LINUX;
        if (s_linuxMethod == 0)
        {
            try
            {
                if (statx(AT_FDCWD, path, nofollow, STATX_BASIC_STATS, buf) == 0)
                {
                    // struct statx: mask(4) blksize(4) attributes(8) nlink(4) uid(4) gid(4) mode(2)
                    stat = new FileStat(*(ushort*)(buf + 28), *(uint*)(buf + 20), *(uint*)(buf + 24));
                    return 0;
                }

                int e = Libc.Errno;
                if (e != Libc.ENOSYS && e != 1 /* EPERM from seccomp filters */)
                {
                    return e;
                }
            }
            catch (EntryPointNotFoundException)
            {
            }

            s_linuxMethod = 1;
        }

        int rc;
        if (s_linuxMethod == 1)
        {
            try
            {
                rc = fstatat(AT_FDCWD, path, buf, nofollow);
            }
            catch (EntryPointNotFoundException)
            {
                s_linuxMethod = 2;
                return Get(path, followLinks, out stat);
            }
        }
        else
        {
            // glibc before 2.33 exports only the versioned wrapper.
            int ver = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0;
            rc = __fxstatat(ver, AT_FDCWD, path, buf, nofollow);
        }

        if (rc != 0)
        {
            return Libc.Errno;
        }

        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            // x86_64: dev(8) ino(8) nlink(8) mode(4) uid(4) gid(4)
            stat = new FileStat(*(uint*)(buf + 24), *(uint*)(buf + 28), *(uint*)(buf + 32));
        }
        else
        {
            // generic (arm64, riscv64, ...): dev(8) ino(8) mode(4) nlink(4) uid(4) gid(4)
            stat = new FileStat(*(uint*)(buf + 16), *(uint*)(buf + 24), *(uint*)(buf + 28));
        }

        return 0;
    }

    [DllImport("libc")]
    private static extern unsafe int statx(int dirfd, byte* path, int flags, uint mask, byte* buf);

    [DllImport("libc")]
    private static extern unsafe int fstatat(int dirfd, byte* path, byte* buf, int flags);

    [DllImport("libc")]
    private static extern unsafe int __fxstatat(int ver, int dirfd, byte* path, byte* buf, int flags);

    [DllImport("libc", EntryPoint = "fstatat")]
    private static extern unsafe int fstatat_mac_arm64(int dirfd, byte* path, byte* buf, int flags);

    [DllImport("libc", EntryPoint = "fstatat$INODE64")]
    private static extern unsafe int fstatat_mac_x64(int dirfd, byte* path, byte* buf, int flags);
}
