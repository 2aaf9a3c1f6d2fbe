using System;
using System.Threading;

namespace AtomicWrite.Internal;

/// <summary>The steps of the recipe that <see cref="FaultInjection"/> can make fail.</summary>
internal enum FaultStep
{
    Write,
    Fsync,
    Close,
    Chmod,
    Rename,
    FsyncDirectory,
    Backup,
}

/// <summary>
/// Test seam: lets a test make one step of the recipe fail with a chosen OS error, without performing it. The hook is
/// flow-local (<see cref="AsyncLocal{T}"/>), so it affects only the code that runs in the flow where a test set it.
/// </summary>
internal static class FaultInjection
{
    private static readonly AsyncLocal<Func<FaultStep, int>?> s_hook = new AsyncLocal<Func<FaultStep, int>?>();

    /// <summary>Gets or sets the hook: given a step, returns 0 to let it run or an OS error to fail it.</summary>
    internal static Func<FaultStep, int>? Hook
    {
        get => s_hook.Value;
        set => s_hook.Value = value;
    }

    internal static int Check(FaultStep step)
    {
        Func<FaultStep, int>? hook = s_hook.Value;
        return hook is null ? 0 : hook(step);
    }
}
