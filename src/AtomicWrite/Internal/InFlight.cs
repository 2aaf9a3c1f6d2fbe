using System;
using System.Collections.Concurrent;
using System.Threading;

namespace AtomicWrite.Internal;

/// <summary>
/// The temp files this process is writing. They are removed when the process exits gracefully: on a normal exit or
/// <see cref="Environment.Exit"/> (the <see cref="AppDomain.ProcessExit"/> event) and, on .NET 8 and later, when
/// SIGTERM, SIGINT, SIGHUP or SIGQUIT is about to terminate the process (no other handler cancelled it). Temps of a
/// process killed outright are left for <see cref="StaleTempSweeper"/>.
/// </summary>
internal static class InFlight
{
    private static readonly ConcurrentDictionary<ReplaceOperation, byte> s_operations = new ConcurrentDictionary<ReplaceOperation, byte>();
    private static int s_hooked;
#if NET8_0_OR_GREATER
    private static readonly System.Collections.Generic.List<System.Runtime.InteropServices.PosixSignalRegistration> s_signals = new();
#endif

    internal static void Add(ReplaceOperation operation)
    {
        if (Volatile.Read(ref s_hooked) == 0 && Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => AbortAll();
#if NET8_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                try
                {
                    foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGHUP, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
                    {
                        s_signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, context =>
                        {
                            // A handler that cancelled the signal keeps the process alive (for example a host's graceful
                            // shutdown, which may still commit writes): then nothing is removed.
                            if (!context.Cancel)
                            {
                                AbortAll();
                            }
                        }));
                    }
                }
                catch (Exception e) when (e is PlatformNotSupportedException or System.IO.IOException)
                {
                }
            }
#endif
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
