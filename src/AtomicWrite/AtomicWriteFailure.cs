namespace AtomicWrite;

/// <summary>Why an <see cref="AtomicFile"/> write failed; the value of <see cref="AtomicWriteException.Reason"/>.</summary>
public enum AtomicWriteFailure
{
    /// <summary>A failure that fits none of the other reasons.</summary>
    Unknown = 0,

    /// <summary>Writing the temp file failed (for example <c>ENOSPC</c>, <c>EDQUOT</c>, <c>EIO</c>).</summary>
    WriteFailed,

    /// <summary>
    /// Flushing the temp file to stable storage (fsync) failed. It is never retried: after a failed fsync the kernel
    /// may already have dropped the data.
    /// </summary>
    FlushFailed,

    /// <summary>Closing the temp file reported an error (network file systems report late write errors here).</summary>
    CloseFailed,

    /// <summary>Giving the temp file the final mode, owner or group failed.</summary>
    PermissionsFailed,

    /// <summary>The rename (or <c>ReplaceFileW</c> / <c>MoveFileEx</c>) that publishes the new content failed.</summary>
    RenameFailed,

    /// <summary>
    /// The rename failed with <c>EXDEV</c> (or <c>ERROR_NOT_SAME_DEVICE</c>): the temp file and the target are on
    /// different file systems. No copy fallback is attempted, because a copy is not atomic.
    /// </summary>
    CrossDevice,

    /// <summary>
    /// The rename failed with <c>EBUSY</c>: the target is a mount point, typically a single file bind-mounted into a
    /// container, which cannot be replaced by rename. Bind-mount the directory instead.
    /// </summary>
    Busy,

    /// <summary>Windows: the target stayed locked by another process for longer than the retry budget.</summary>
    SharingViolation,

    /// <summary>The path is a symbolic link and <see cref="SymlinkPolicy.Refuse"/> was asked for.</summary>
    SymlinkRefused,

    /// <summary>
    /// The path names something that is neither a regular file nor absent (a device, a FIFO, a socket), which cannot
    /// be replaced atomically.
    /// </summary>
    NotARegularFile,

    /// <summary>
    /// The new content was published, but flushing the directory afterwards failed, so the rename may not survive a
    /// power loss. Thrown as <see cref="DurabilityUnconfirmedException"/>.
    /// </summary>
    DurabilityUnconfirmed,

    /// <summary>
    /// Windows: <c>ReplaceFileW</c> stopped half-way (<c>ERROR_UNABLE_TO_MOVE_REPLACEMENT_2</c>) and the original
    /// could not be put back; the exception's message says where the original content now is.
    /// </summary>
    ReplaceIncomplete,
}
