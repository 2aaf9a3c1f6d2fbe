using System;
using System.Collections.Concurrent;
using System.IO;

namespace AtomicWrite.Internal;

/// <summary>
/// Removes temp files of our own name pattern that dead writers left behind (after a crash, kill -9, or a signal the
/// application did not handle). The first replacement in a directory in each process sweeps that directory once. An
/// entry is removed only when all of these hold:
/// <list type="number">
/// <item>it is a regular file owned by this process's effective user (checked with lstat before opening, so a FIFO,
/// device or link is never opened, and with fstat on the descriptor after);</item>
/// <item>it was last modified at least <see cref="MinimumAge"/> ago: a live writer is unlocked for an instant
/// between create and lock and between unlock and rename, and its pid means nothing in another pid namespace;</item>
/// <item>the pid in its name is not a live process here (or is this process's own pid and this process is not
/// writing it);</item>
/// <item>no process holds the advisory lock every writer keeps on its temp while it is open.</item>
/// </list>
/// Every open is <c>O_NONBLOCK|O_NOFOLLOW</c> and every lock attempt is non-blocking: the sweep never waits.
/// </summary>
internal static class StaleTempSweeper
{
    /// <summary>How old a temp file must be before it can be taken for a leftover.</summary>
    internal static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    private static readonly ConcurrentDictionary<string, byte> s_swept = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

    internal static void SweepOnce(string directory)
    {
        if (s_swept.Count > 4096)
        {
            s_swept.Clear();
        }

        if (s_swept.TryAdd(directory, 0))
        {
            Sweep(directory);
        }
    }

    /// <summary>Sweeps now; returns how many stale temps were removed.</summary>
    internal static unsafe int Sweep(string directory)
    {
        int removed = 0;
        uint me = Libc.geteuid();
        long oldest = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (long)MinimumAge.TotalSeconds;
        try
        {
            foreach (string candidate in Directory.EnumerateFileSystemEntries(directory, "*" + TempNames.Suffix))
            {
                if (!TempNames.TryParse(Path.GetFileName(candidate), out int pid))
                {
                    continue;
                }

                using var path = new NativePath(candidate);
                if (FileStat.Get(path.Pointer, followLinks: false, out FileStat entry) != 0 || !IsCandidate(entry, me, oldest))
                {
                    continue;
                }

                if (pid == TempNames.ProcessId ? InFlight.Contains(candidate) : Libc.ProcessExists(pid))
                {
                    continue;
                }

                int fd = Libc.Open(path.Pointer, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    continue;
                }

                try
                {
                    // The entry may have been swapped between lstat and open: judge what was opened.
                    if (FileStat.Get(fd, out FileStat opened) == 0 && IsCandidate(opened, me, oldest)
                        && Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) == 0 && Libc.Unlink(path.Pointer) == 0)
                    {
                        removed++;
                    }
                }
                finally
                {
                    Libc.Close(fd);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Opportunistic: a directory we cannot list is simply not swept.
        }

        return removed;
    }

    private static bool IsCandidate(FileStat st, uint me, long oldest) =>
        st.IsRegular && st.Uid == me && st.ModifiedSeconds <= oldest;
}
