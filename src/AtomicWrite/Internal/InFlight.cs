using System;
using System.Collections.Concurrent;
using System.Threading;

namespace AtomicWrite.Internal;

/// <summary>
/// The temp files this process is writing. They are removed when their operation is disposed (or its stream is
/// finalized), and when the process exits through <see cref="AppDomain.ProcessExit"/> (a normal exit,
/// <see cref="Environment.Exit"/>, and the runtime's own handling of SIGTERM when no application handler cancels it).
/// The library installs no signal handlers of its own: it is a guest in the process, and an application's graceful
/// shutdown may still commit writes. Temps of a process killed outright are left for <see cref="StaleTempSweeper"/>.
/// </summary>
internal static class InFlight
{
    private static readonly ConcurrentDictionary<ReplaceOperation, byte> s_operations = new ConcurrentDictionary<ReplaceOperation, byte>();
    private static int s_hooked;

    internal static void Add(ReplaceOperation operation)
    {
        if (Volatile.Read(ref s_hooked) == 0 && Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => AbortAll();
        }

        s_operations.TryAdd(operation, 0);
    }

    internal static void Remove(ReplaceOperation operation) => s_operations.TryRemove(operation, out _);

    internal static bool Contains(string tempPath)
    {
        foreach (var entry in s_operations)
        {
            if (string.Equals(entry.Key.TempPath, tempPath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static int Count => s_operations.Count;

    internal static void AbortAll()
    {
        foreach (var entry in s_operations)
        {
            entry.Key.AbortFromExit();
        }
    }
}
