using System;

namespace AtomicWrite;

/// <summary>
/// Options of an <see cref="AtomicFile"/> write. Instances are immutable once built; share them freely between threads.
/// </summary>
public sealed class AtomicWriteOptions
{
    private TimeSpan _sharingViolationRetryBudget = TimeSpan.FromSeconds(2);

    /// <summary>The options used by the overloads that take none: durable, permissions like <c>System.IO.File</c>.</summary>
    public static AtomicWriteOptions Default { get; } = new AtomicWriteOptions();

    /// <summary>
    /// What must reach stable storage before the write returns. Default: <see cref="AtomicDurability.Durable"/>.
    /// </summary>
    public AtomicDurability Durability { get; init; } = AtomicDurability.Durable;

    /// <summary>
    /// Unix permissions of a newly created file, and of a replaced file when <see cref="PreserveExistingPermissions"/>
    /// is off, exactly. <see langword="null"/> (the default) gives what <c>System.IO.File</c> gives: the file is
    /// created with 0666 and the kernel applies the umask or the directory's default ACL. Ignored on Windows.
    /// </summary>
    public UnixPermissions? UnixCreateMode { get; init; }

    /// <summary>
    /// When the file already exists, give the new file the old one's mode, owner and group (Unix; the owner only where
    /// the process may set it) or keep its ACL and attributes (Windows, through <c>ReplaceFileW</c>). Default: on.
    /// </summary>
    public bool PreserveExistingPermissions { get; init; } = true;

    /// <summary>What to do when the path is a symbolic link. Default: <see cref="SymlinkPolicy.Follow"/>.</summary>
    public SymlinkPolicy Symlinks { get; init; } = SymlinkPolicy.Follow;

    /// <summary>
    /// Windows only: how long to keep retrying, with jittered back-off, when another process (an antivirus scanner,
    /// an indexer, a reader) holds the target open and the replace fails with a sharing violation. Default: 2 seconds.
    /// <see cref="TimeSpan.Zero"/> disables retries.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan SharingViolationRetryBudget
    {
        get => _sharingViolationRetryBudget;
        init
        {
            if (value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The retry budget cannot be negative.");
            }

            _sharingViolationRetryBudget = value;
        }
    }
}
