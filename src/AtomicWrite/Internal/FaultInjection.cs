using System;
using System.Threading;

namespace AtomicWrite.Internal;

/// <summary>
/// Test seam: lets a test make one step of the recipe fail with a chosen OS error, without performing it. The hook is
/// flow-local (<see cref="AsyncLocal{T}"/>), so it affects only the code that runs in the flow where a test set it.
/// </summary>
internal static class FaultInjection
{
    /// <summary>Step names passed to the hook.</summary>
    internal const string Write = "write";
    internal const string Fsync = "fsync";
    internal const string Close = "close";
    internal const string Chmod = "chmod";
    internal const string Rename = "rename";
    internal const string FsyncDirectory = "fsyncdir";
    internal const string Backup = "backup";

    private static readonly AsyncLocal<Func<string, int>?> s_hook = new AsyncLocal<Func<string, int>?>();

    /// <summary>Gets or sets the hook: given a step name, returns 0 to let it run or an OS error to fail it.</summary>
    internal static Func<string, int>? Hook
    {
        get => s_hook.Value;
        set => s_hook.Value = value;
    }

    internal static int Check(string step)
    {
        Func<string, int>? hook = s_hook.Value;
        return hook is null ? 0 : hook(step);
    }
}
