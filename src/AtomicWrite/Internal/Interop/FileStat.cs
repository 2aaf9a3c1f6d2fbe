using System;
using System.Runtime.InteropServices;

namespace AtomicWrite.Internal;

/// <summary>The parts of stat(2) the runtime needs: type, permission bits, owner, group, modification time, device and inode.</summary>
/// <param name="Mode">The type and permission bits.</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="ModifiedSeconds">The modification time, in seconds since the Unix epoch.</param>
/// <param name="Device">The device (file system) the file is on; only compared with another <see cref="FileStat"/>'s.</param>
/// <param name="Inode">The inode number.</param>
internal readonly record struct FileStat(uint Mode, uint Uid, uint Gid, long ModifiedSeconds, ulong Device, ulong Inode)
{
    // The file type bits of the mode (the same on Linux and macOS).
    private const uint S_IFMT = 0xF000;
    private const uint S_IFREG = 0x8000;
    private const uint S_IFDIR = 0x4000;
    private const uint S_IFLNK = 0xA000;

    internal uint Type => Mode & S_IFMT;

    internal bool IsRegular => Type == S_IFREG;

    internal bool IsDirectory => Type == S_IFDIR;

    internal bool IsSymlink => Type == S_IFLNK;

    internal int Permissions => (int)(Mode & 0xFFF);

    private const int AT_SYMLINK_NOFOLLOW_LINUX = 0x100;
    private const int AT_EMPTY_PATH_LINUX = 0x1000;
    private const int AT_SYMLINK_NOFOLLOW_MAC = 0x20;
    private const uint STATX_BASIC_STATS = 0x7ff;

    private static int s_linuxMethod; // 0 = statx, 1 = fstatat, 2 = __fxstatat

    /// <summary>stat or lstat; returns 0 and the status, or errno.</summary>
    internal static unsafe int Get(byte* path, bool followLinks, out FileStat stat) =>
        Get(Libc.AT_FDCWD, path, followLinks ? 0 : (Libc.IsMacOS ? AT_SYMLINK_NOFOLLOW_MAC : AT_SYMLINK_NOFOLLOW_LINUX), out stat);

    /// <summary>fstat of an open descriptor; returns 0 and the status, or errno.</summary>
    internal static unsafe int Get(int fd, out FileStat stat)
    {
        byte empty = 0;
        return Get(fd, &empty, Libc.IsMacOS ? -1 : AT_EMPTY_PATH_LINUX, out stat);
    }

    /// <summary>flags: the Linux AT_* flags, or on macOS AT_SYMLINK_NOFOLLOW_MAC, 0, or -1 for fstat(dirfd).</summary>
    private static unsafe int Get(int dirfd, byte* path, int flags, out FileStat stat)
    {
        byte* buf = stackalloc byte[512];
        new Span<byte>(buf, 512).Clear();
        stat = default;
        if (Libc.IsMacOS)
        {
            bool arm = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
            int r = flags == -1
                ? (arm ? fstat_mac_arm64(dirfd, buf) : fstat_mac_x64(dirfd, buf))
                : (arm ? fstatat_mac_arm64(dirfd, path, buf, flags) : fstatat_mac_x64(dirfd, path, buf, flags));
            if (r != 0)
            {
                return Libc.Errno;
            }

            // struct stat (64-bit inodes): dev_t(4) mode_t(2) nlink_t(2) ino_t(8) uid_t(4) gid_t(4) rdev(4) pad(4)
            // atimespec(16) mtimespec(16)
            stat = new FileStat(*(ushort*)(buf + 4), *(uint*)(buf + 16), *(uint*)(buf + 20), *(long*)(buf + 48), *(uint*)buf, *(ulong*)(buf + 8));
            return 0;
        }

        if (s_linuxMethod == 0)
        {
            try
            {
                if (statx(dirfd, path, flags, STATX_BASIC_STATS, buf) == 0)
                {
                    // struct statx: mask(4) blksize(4) attributes(8) nlink(4) uid(4) gid(4) mode(2) pad(2) ino(8)
                    // size(8) blocks(8) attributes_mask(8) atime(16) btime(16) ctime(16) mtime(16) rdev_major(4)
                    // rdev_minor(4) dev_major(4) dev_minor(4)
                    ulong device = ((ulong)*(uint*)(buf + 136) << 32) | *(uint*)(buf + 140);
                    stat = new FileStat(*(ushort*)(buf + 28), *(uint*)(buf + 20), *(uint*)(buf + 24), *(long*)(buf + 112), device, *(ulong*)(buf + 32));
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
                rc = fstatat(dirfd, path, buf, flags);
            }
            catch (EntryPointNotFoundException)
            {
                s_linuxMethod = 2;
                return Get(dirfd, path, flags, out stat);
            }
        }
        else
        {
            // glibc before 2.33 exports only the versioned wrapper.
            int ver = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0;
            rc = __fxstatat(ver, dirfd, path, buf, flags);
        }

        if (rc != 0)
        {
            return Libc.Errno;
        }

        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            // x86_64: dev(8) ino(8) nlink(8) mode(4) uid(4) gid(4) pad(4) rdev(8) size(8) blksize(8) blocks(8)
            // atim(16) mtim(16)
            stat = new FileStat(*(uint*)(buf + 24), *(uint*)(buf + 28), *(uint*)(buf + 32), *(long*)(buf + 88), *(ulong*)buf, *(ulong*)(buf + 8));
        }
        else
        {
            // generic (arm64, riscv64, ...): dev(8) ino(8) mode(4) nlink(4) uid(4) gid(4) rdev(8) pad(8) size(8)
            // blksize(4) pad(4) blocks(8) atim(16) mtim(16)
            stat = new FileStat(*(uint*)(buf + 16), *(uint*)(buf + 24), *(uint*)(buf + 28), *(long*)(buf + 88), *(ulong*)buf, *(ulong*)(buf + 8));
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

    [DllImport("libc", EntryPoint = "fstat")]
    private static extern unsafe int fstat_mac_arm64(int fd, byte* buf);

    [DllImport("libc", EntryPoint = "fstat$INODE64")]
    private static extern unsafe int fstat_mac_x64(int fd, byte* buf);
}
