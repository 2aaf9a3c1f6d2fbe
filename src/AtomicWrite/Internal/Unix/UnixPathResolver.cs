using System;
using System.IO;

namespace AtomicWrite.Internal;

/// <summary>
/// Finds the file a write replaces, as the symlink policy says. Links are resolved by the kernel: a relative link
/// target is joined to the link's directory only after realpath(3) has resolved that directory (its own links and
/// dot-dots included), so "../x" in a link reached through a symlinked directory names what the kernel would open.
/// </summary>
internal static unsafe class UnixPathResolver
{
    private const int MaxSymlinkHops = 40;
    private const int PathMax = 4096;

    internal static string Resolve(string full, SymlinkPolicy policy, out bool exists, out FileStat existing)
    {
        string current = full;
        bool followed = false;
        exists = false;
        existing = default;
        for (int hop = 0; hop <= MaxSymlinkHops; hop++)
        {
            using var native = new NativePath(current);
            int error = FileStat.Get(native.Pointer, followLinks: false, out FileStat st);
            if (error == Libc.ENOENT)
            {
                return followed ? InRealDirectory(current, full) : current;
            }

            if (error != 0)
            {
                throw Errors.ForOpen(error, full);
            }

            if (st.IsSymlink)
            {
                if (policy == SymlinkPolicy.Refuse)
                {
                    throw new AtomicWriteException(
                        $"Could not replace '{current}' atomically: it is a symbolic link and the symlink policy is Refuse. {Errors.Unchanged}",
                        current, AtomicWriteFailure.SymlinkRefused, Libc.ELOOP, originalUnchanged: true);
                }

                if (policy == SymlinkPolicy.ReplaceLink)
                {
                    // The link is replaced by a regular file; its permissions come from what it pointed to, if anything.
                    if (FileStat.Get(native.Pointer, followLinks: true, out FileStat pointed) == 0 && pointed.IsRegular)
                    {
                        exists = true;
                        existing = pointed;
                    }

                    return current;
                }

                current = LinkTarget(native, current, full);
                followed = true;
                continue;
            }

            if (st.IsDirectory)
            {
                throw new UnauthorizedAccessException($"Access to the path '{full}' is denied: it is a directory. {Errors.Unchanged}");
            }

            if (!st.IsRegular)
            {
                throw Errors.NotARegularFile(
                    current, $"Could not replace '{current}' atomically: it is not a regular file (a device, FIFO or socket cannot be replaced by rename). {Errors.Unchanged}");
            }

            // File cannot open a file it may not write, even in a writable directory; neither do we, so that a
            // read-only file stays protected when File is swapped for AtomicFile.
            int access = Libc.CheckWritable(native.Pointer);
            if (access == Libc.EACCES || access == Libc.EPERM)
            {
                throw Errors.ForOpen(access, full);
            }

            exists = true;
            existing = st;
            return followed ? InRealDirectory(current, full) : current;
        }

        throw Errors.ForOpen(Libc.ELOOP, full);
    }

    /// <summary>The link's target; a relative one joined to the link's directory as the kernel resolves it.</summary>
    private static string LinkTarget(NativePath native, string linkPath, string full)
    {
        byte* buffer = stackalloc byte[PathMax];
        int n = Libc.ReadLink(native.Pointer, buffer, PathMax);
        if (n < 0)
        {
            throw Errors.ForOpen(-n, full);
        }

        string target = System.Text.Encoding.UTF8.GetString(buffer, n);
        if (target.StartsWith("/", StringComparison.Ordinal))
        {
            return target;
        }

        // Never Path.GetFullPath here: it would apply "..", textually, to a path that may run through links.
        return RealPath(Path.GetDirectoryName(linkPath) ?? "/", full).TrimEnd('/') + "/" + target;
    }

    /// <summary>The final target named from its real directory, so the temp, the rename and messages use one spelling.</summary>
    private static string InRealDirectory(string path, string full)
    {
        string name = Path.GetFileName(path);
        if (name.Length == 0 || name == "." || name == "..")
        {
            throw new UnauthorizedAccessException($"Access to the path '{full}' is denied: it is a directory. {Errors.Unchanged}");
        }

        return RealPath(Path.GetDirectoryName(path) ?? "/", full).TrimEnd('/') + "/" + name;
    }

    private static string RealPath(string directory, string full)
    {
        using var native = new NativePath(directory);
        byte* resolved = stackalloc byte[PathMax + 1];
        int error = Libc.RealPath(native.Pointer, resolved);
        if (error != 0)
        {
            throw Errors.ForOpen(error, full);
        }

        int length = new ReadOnlySpan<byte>(resolved, PathMax).IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(resolved, length < 0 ? PathMax : length);
    }
}
