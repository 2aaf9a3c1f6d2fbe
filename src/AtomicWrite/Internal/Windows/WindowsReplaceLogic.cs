using System;
using System.IO;

namespace AtomicWrite.Internal;

/// <summary>The Win32 file operations the Windows publish step uses; a seam so its decisions can be tested anywhere.</summary>
internal interface IWindowsFileOps
{
    /// <summary>Whether the target exists (as a file).</summary>
    bool Exists(string path);

    /// <summary>Whether the file has the read-only attribute.</summary>
    bool IsReadOnly(string path);

    /// <summary>ReplaceFileW; returns 0 or the Win32 error.</summary>
    int ReplaceFile(string replaced, string replacement, string backup, uint flags);

    /// <summary>MoveFileExW; returns 0 or the Win32 error.</summary>
    int MoveFileEx(string from, string to, uint flags);

    /// <summary>DeleteFileW; returns 0 or the Win32 error.</summary>
    int DeleteFile(string path);

    /// <summary>Waits before a retry.</summary>
    void Sleep(TimeSpan delay);
}

/// <summary>
/// How the Windows recipe publishes a flushed temp file: <c>ReplaceFileW</c> when the target exists (it keeps the
/// target's ACL, attributes and streams), <c>MoveFileEx(REPLACE_EXISTING | WRITE_THROUGH)</c> when it does not, never
/// <c>MOVEFILE_COPY_ALLOWED</c>; sharing violations are retried with jittered back-off within a budget; the half-done
/// states of <c>ReplaceFileW</c> (1175, 1176, 1177) are recognised and the original is put back where it moved.
/// </summary>
internal static class WindowsReplaceLogic
{
    internal const uint ReplaceFlags = Kernel32.REPLACEFILE_IGNORE_MERGE_ERRORS;
    internal const uint MoveFlags = Kernel32.MOVEFILE_REPLACE_EXISTING | Kernel32.MOVEFILE_WRITE_THROUGH;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Publishes <paramref name="temp"/> as <paramref name="target"/>. On failure throws
    /// <see cref="AtomicWriteException"/> (or <see cref="UnauthorizedAccessException"/> for a read-only target); the
    /// caller removes the temp file when nothing changed, and keeps it, with the new content, after
    /// <see cref="AtomicWriteFailure.ReplaceIncomplete"/>.
    /// </summary>
    /// <param name="ops">The file operations.</param>
    /// <param name="target">The file to replace.</param>
    /// <param name="temp">The flushed temp file.</param>
    /// <param name="backup">A free name in the same directory, where ReplaceFileW parks the original mid-way.</param>
    /// <param name="budget">How long sharing violations may be retried, in total waiting time.</param>
    /// <param name="random">Jitter source.</param>
    internal static void Publish(IWindowsFileOps ops, string target, string temp, string backup, TimeSpan budget, Random random)
    {
        TimeSpan waited = TimeSpan.Zero;
        TimeSpan delay = FirstDelay;
        bool replaceUnsupported = false;
        while (true)
        {
            int error;
            bool usedReplace = !replaceUnsupported && ops.Exists(target);
            if (usedReplace)
            {
                error = ops.ReplaceFile(target, temp, backup, ReplaceFlags);
                switch (error)
                {
                    case Kernel32.ERROR_SUCCESS:
                        ops.DeleteFile(backup);
                        return;
                    case Kernel32.ERROR_FILE_NOT_FOUND:
                        // The target went away between the check and the call: publish by move instead (which also
                        // reports a missing temp file as a final error).
                        replaceUnsupported = true;
                        continue;
                    case Kernel32.ERROR_INVALID_FUNCTION:
                    case Kernel32.ERROR_NOT_SUPPORTED:
                    case Kernel32.ERROR_INVALID_PARAMETER:
                        // File systems without ReplaceFileW support (some network redirectors).
                        replaceUnsupported = true;
                        continue;
                    case Kernel32.ERROR_UNABLE_TO_REMOVE_REPLACED:
                    case Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT:
                        // Both files kept their names (we always pass a backup name): nothing changed, so these are
                        // retried like sharing violations.
                        break;
                    default:
                        if (ReplaceFileFailure(ops, target, backup, temp, error) is { } failure)
                        {
                            throw failure;
                        }

                        break;
                }
            }
            else
            {
                error = ops.MoveFileEx(temp, target, MoveFlags);
                if (error == 0)
                {
                    return;
                }

                if (error == Kernel32.ERROR_ACCESS_DENIED && ops.IsReadOnly(target))
                {
                    throw ReadOnlyTarget(target);
                }

                if (!IsTransient(error))
                {
                    throw Fail(target, ReasonFor(error), "MoveFileExW", error, originalUnchanged: true);
                }
            }

            if (waited >= budget)
            {
                throw Fail(target, AtomicWriteFailure.SharingViolation, (usedReplace ? "ReplaceFileW" : "MoveFileExW") + $" (the target stayed in use for the whole retry budget of {budget.TotalMilliseconds:0} ms)", error, originalUnchanged: true);
            }

            Backoff(ops, ref waited, ref delay, budget, random);
        }
    }

    /// <summary>
    /// <see cref="AtomicFile.Replace(string, string, string?, bool, AtomicWriteOptions)"/> on Windows, after the source
    /// was flushed: <c>ReplaceFileW</c> (never <c>MoveFileEx</c>, never a copy), which keeps the destination's ACL,
    /// attributes and streams. Without a backup a free <paramref name="parkName"/> is passed so that a half-done
    /// replace (1177) can put the original back; it is removed after success. Sharing violations are retried within
    /// the budget.
    /// </summary>
    internal static void Replace(IWindowsFileOps ops, string source, string destination, string? backup, string parkName, bool ignoreMetadataErrors, TimeSpan budget, Random random)
    {
        string backupName = backup ?? parkName;
        uint flags = ignoreMetadataErrors ? Kernel32.REPLACEFILE_IGNORE_MERGE_ERRORS | Kernel32.REPLACEFILE_IGNORE_ACL_ERRORS : 0;
        TimeSpan waited = TimeSpan.Zero;
        TimeSpan delay = FirstDelay;
        while (true)
        {
            int error = ops.ReplaceFile(destination, source, backupName, flags);
            switch (error)
            {
                case Kernel32.ERROR_SUCCESS:
                    if (backup is null)
                    {
                        ops.DeleteFile(parkName);
                    }

                    return;
                case Kernel32.ERROR_FILE_NOT_FOUND:
                case Kernel32.ERROR_PATH_NOT_FOUND:
                    string missing = ops.Exists(source) ? destination : source;
                    throw new FileNotFoundException($"Could not find file '{missing}'.", missing);
                default:
                    if (ReplaceFileFailure(ops, destination, backupName, source, error) is { } failure)
                    {
                        throw failure;
                    }

                    break;
            }

            if (waited >= budget)
            {
                throw Fail(destination, AtomicWriteFailure.SharingViolation, $"ReplaceFileW (the files stayed in use for the whole retry budget of {budget.TotalMilliseconds:0} ms)", error, originalUnchanged: true);
            }

            Backoff(ops, ref waited, ref delay, budget, random);
        }
    }

    /// <summary>
    /// What ends a replace once ReplaceFileW failed with <paramref name="error"/>, or null when the call is retried
    /// (a transient error): a half-done replace, a read-only target, or any other error, which no retry can help.
    /// </summary>
    private static Exception? ReplaceFileFailure(IWindowsFileOps ops, string target, string backup, string replacement, int error) => error switch
    {
        // The original was moved to the backup name, the replacement could not take its place: put it back.
        Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 => HalfDoneReplace(ops, target, backup, replacement, error),
        Kernel32.ERROR_ACCESS_DENIED when ops.IsReadOnly(target) => ReadOnlyTarget(target),
        // ERROR_NOT_SAME_DEVICE included: never a copy, never a move that could copy.
        _ when !IsTransient(error) => Fail(target, ReasonFor(error), "ReplaceFileW", error, originalUnchanged: true),
        _ => null,
    };

    /// <summary>
    /// Waits before the next attempt: jitter in [0.5, 1.5) x <paramref name="delay"/>, capped by what is left of the
    /// budget; then the delay doubles, up to <see cref="MaxDelay"/>.
    /// </summary>
    private static void Backoff(IWindowsFileOps ops, ref TimeSpan waited, ref TimeSpan delay, TimeSpan budget, Random random)
    {
        TimeSpan jittered = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + random.NextDouble())));
        TimeSpan left = budget - waited;
        if (jittered > left)
        {
            jittered = left;
        }

        ops.Sleep(jittered);
        waited += jittered;
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
    }

    /// <summary>
    /// ReplaceFileW stopped half-way (ERROR_UNABLE_TO_MOVE_REPLACEMENT_2): the original sits under the backup name and
    /// the new content is still in <paramref name="newContent"/>. Moves the original back; the exception says which
    /// file holds what when even that fails, and nothing deletes the file with the new content.
    /// </summary>
    private static AtomicWriteException HalfDoneReplace(IWindowsFileOps ops, string target, string backup, string newContent, int error)
    {
        int restore = ops.MoveFileEx(backup, target, Kernel32.MOVEFILE_WRITE_THROUGH);
        if (restore == 0)
        {
            return Fail(target, AtomicWriteFailure.RenameFailed, "ReplaceFileW (half-done, the original was put back)", error, originalUnchanged: true);
        }

        return new AtomicWriteException(
            $"Could not replace '{target}' atomically: ReplaceFileW stopped half-way (Win32 error {error}) and the original could not be moved back (Win32 error {restore}). The original content is now in '{backup}'; the new content is in '{newContent}'.",
            target, AtomicWriteFailure.ReplaceIncomplete, error, originalUnchanged: false);
    }

    /// <summary>What File throws for a read-only target, at once: no retry can help.</summary>
    internal static UnauthorizedAccessException ReadOnlyTarget(string target) =>
        new UnauthorizedAccessException($"Access to the path '{target}' is denied: the file is read-only. {Errors.Unchanged}");

    // ERROR_ACCESS_DENIED stays transient for files that are not read-only: a scanner or a pending delete holds them.
    internal static bool IsTransient(int error) =>
        error is Kernel32.ERROR_SHARING_VIOLATION or Kernel32.ERROR_LOCK_VIOLATION or Kernel32.ERROR_ACCESS_DENIED
            or Kernel32.ERROR_USER_MAPPED_FILE or Kernel32.ERROR_UNABLE_TO_REMOVE_REPLACED or Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT;

    private static AtomicWriteFailure ReasonFor(int error) =>
        error == Kernel32.ERROR_NOT_SAME_DEVICE ? AtomicWriteFailure.CrossDevice : AtomicWriteFailure.RenameFailed;

    private static AtomicWriteException Fail(string target, AtomicWriteFailure reason, string step, int error, bool originalUnchanged)
    {
        string state = originalUnchanged ? Errors.Unchanged : "The original file may have been changed.";
        return new AtomicWriteException($"Could not replace '{target}' atomically: {step} failed with Win32 error {error}. {state}", target, reason, error, originalUnchanged);
    }
}
