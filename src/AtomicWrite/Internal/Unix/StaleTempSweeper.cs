using System;
using System.Collections.Concurrent;
using System.IO;

namespace AtomicWrite.Internal;

/// <summary>
/// Removes temp files of our own name pattern that dead writers left behind (after a crash or kill -9). The first
/// replacement in a directory in each process sweeps that directory once. A temp file is removed only when
/// (1) its writer no longer holds the advisory lock (flock) every writer takes on its temp for as long as it is open,
/// and (2) the pid in its name belongs to no live process, or is this process's own pid and this process is not
/// writing it. A live writer's temp is never touched.
/// </summary>
internal static class StaleTempSweeper
{
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
        try
        {
            foreach (string candidate in Directory.EnumerateFiles(directory, "*" + TempNames.Suffix))
            {
                string name = Path.GetFileName(candidate);
                if (!TempNames.TryParse(name, out int pid))
                {
                    continue;
                }

                if (pid == TempNames.ProcessId ? InFlight.Contains(candidate) : Libc.ProcessExists(pid))
                {
                    continue;
                }

                using var path = new NativePath(candidate);
                int fd = Libc.Open(path.Pointer, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    continue;
                }

                try
                {
                    if (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) == 0 && Libc.Unlink(path.Pointer) == 0)
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
}
