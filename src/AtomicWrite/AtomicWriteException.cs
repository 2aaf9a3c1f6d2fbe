using System;
using System.IO;

namespace AtomicWrite;

/// <summary>
/// An atomic replacement failed. The message names the path, the operating-system error and whether the original file
/// is unchanged. It derives from <see cref="IOException"/>, so code that handles <c>System.IO.File</c>'s failures keeps
/// handling it.
/// </summary>
public class AtomicWriteException : IOException
{
    /// <summary>Creates an exception that describes a failed atomic replacement.</summary>
    /// <param name="message">The message; should name the path, the OS error and the state of the original.</param>
    /// <param name="path">The path that was being replaced.</param>
    /// <param name="reason">The step that failed.</param>
    /// <param name="osError">The OS error code (errno on Unix, Win32 error on Windows), or 0 when there is none.</param>
    /// <param name="originalUnchanged">Whether the file at <paramref name="path"/> is exactly as it was before.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public AtomicWriteException(string message, string path, AtomicWriteFailure reason, int osError, bool originalUnchanged, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Reason = reason;
        OsError = osError;
        OriginalUnchanged = originalUnchanged;
        if (osError != 0)
        {
            HResult = osError;
        }
    }

    /// <summary>The path that was being replaced (after symbolic links were followed, if they were).</summary>
    public string Path { get; }

    /// <summary>The step that failed.</summary>
    public AtomicWriteFailure Reason { get; }

    /// <summary>The OS error code: errno on Unix, the Win32 error code on Windows; 0 when no OS call failed.</summary>
    public int OsError { get; }

    /// <summary>
    /// <see langword="true"/> when the file at <see cref="Path"/> is exactly as it was before the write (or still
    /// absent): nothing was published and the temp file was removed.
    /// </summary>
    public bool OriginalUnchanged { get; }
}

/// <summary>
/// The new content was published (the rename succeeded), but the directory flush that makes the rename survive a
/// power loss failed. Readers see the new content; after a power loss the old content may come back.
/// <see cref="AtomicWriteException.OriginalUnchanged"/> is always <see langword="false"/>.
/// </summary>
public sealed class DurabilityUnconfirmedException : AtomicWriteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message; should say "replaced, durability unconfirmed" and name the path and error.</param>
    /// <param name="path">The path that was replaced.</param>
    /// <param name="osError">The OS error of the failed directory flush.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public DurabilityUnconfirmedException(string message, string path, int osError, Exception? innerException = null)
        : base(message, path, AtomicWriteFailure.DurabilityUnconfirmed, osError, originalUnchanged: false, innerException)
    {
    }
}
