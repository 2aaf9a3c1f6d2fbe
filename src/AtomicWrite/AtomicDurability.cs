namespace AtomicWrite;

/// <summary>
/// How much of the replacement must reach stable storage before an <see cref="AtomicFile"/> write returns.
/// Every level publishes the new content with a single rename, so readers and crashed processes always see the old or
/// the new file, never a mix; the levels differ in what survives a power loss or a kernel crash.
/// </summary>
public enum AtomicDurability
{
    /// <summary>
    /// Temp file and rename, no fsync. Atomic for concurrent readers and for process crashes. After a power loss the
    /// file may hold the old content, the new content, or (on some file systems) be empty or zero-filled.
    /// </summary>
    None = 0,

    /// <summary>
    /// The temp file is flushed to stable storage (fsync, <c>F_FULLFSYNC</c> on macOS, <c>FlushFileBuffers</c> on
    /// Windows) before the rename; the directory is not flushed. After a power loss the file holds the old or the new
    /// content, never a torn one, but the rename itself may be lost (the old content comes back).
    /// </summary>
    AtomicOnly = 1,

    /// <summary>
    /// The full recipe: the temp file is flushed before the rename and the directory is flushed after it, so that when
    /// the write returns the new content survives a power loss. This is the default.
    /// </summary>
    Durable = 2,
}
