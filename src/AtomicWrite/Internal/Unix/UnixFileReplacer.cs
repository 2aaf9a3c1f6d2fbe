using System;
using System.IO;

namespace AtomicWrite.Internal;

/// <summary>
/// <see cref="AtomicFile.Replace(string, string, string?)"/> on POSIX: checks as <c>File.Replace</c> does, then the
/// destination's mode and owner on the source, fsync of the source, the backup as a hard link of the destination
/// (renamed into place, its directory fsynced), rename(2) of the source over the destination, fsync of the
/// directories. Nothing is ever copied.
/// </summary>
internal static unsafe class UnixFileReplacer
{
    private const int EMLINK = 31;
    private const string DestinationUnchanged = "The destination file is unchanged.";

#if NET8_0_OR_GREATER
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
#endif
    internal static void Replace(string sourceFull, string destinationFull, string? backupFull, bool ignoreMetadataErrors, AtomicWriteOptions options)
    {
        // ---- checks; nothing is changed until they all pass
        FileStat source = LStat(sourceFull, out int sourceError);
        if (sourceError != 0)
        {
            throw Missing(sourceError, sourceFull);
        }

        if (source.IsDirectory)
        {
            throw new UnauthorizedAccessException($"The specified path '{sourceFull}' is not a file. {DestinationUnchanged}");
        }

        if (!source.IsRegular)
        {
            throw Errors.NotARegularFile(
                destinationFull, $"Could not replace '{destinationFull}' with '{sourceFull}': the source is not a regular file (a symbolic link, device, FIFO or socket). {DestinationUnchanged}");
        }

        string destination = UnixPathResolver.Resolve(destinationFull, options.Symlinks, out bool exists, out FileStat existing);
        FileStat target = LStat(destination, out int destinationError);
        if (!exists || destinationError != 0)
        {
            throw new FileNotFoundException($"Could not find file '{destinationFull}'.", destinationFull);
        }

        if (target.Device == source.Device && target.Inode == source.Inode)
        {
            throw new IOException($"The source '{sourceFull}' and destination '{destinationFull}' are the same file.");
        }

        if (target.Device != source.Device)
        {
            throw CrossDevice(destination, sourceFull, "the source");
        }

        string? backupDirectory = null;
        if (backupFull is not null)
        {
            backupDirectory = Path.GetDirectoryName(backupFull) ?? "/";
            FileStat directory = Stat(backupDirectory, followLinks: true, out int directoryError);
            if (directoryError != 0 || !directory.IsDirectory)
            {
                throw new DirectoryNotFoundException($"Could not find a part of the path '{backupFull}'. {DestinationUnchanged}");
            }

            FileStat backup = LStat(backupFull, out int backupError);
            if (backupError == 0)
            {
                if (backup.IsDirectory)
                {
                    throw new IOException($"Is a directory : '{backupFull}'. {DestinationUnchanged}", Libc.EISDIR);
                }

                if (backup.Device == target.Device && (backup.Inode == target.Inode || backup.Inode == source.Inode))
                {
                    throw new IOException($"The backup '{backupFull}' is the same file as the {(backup.Inode == target.Inode ? "destination" : "source")}. {DestinationUnchanged}");
                }
            }

            if (directory.Device != target.Device)
            {
                throw CrossDevice(destination, backupFull, "the backup");
            }
        }

        // ---- the source: the destination's mode and owner, then its data to stable storage
        PrepareSource(sourceFull, destination, existing, ignoreMetadataErrors, options);

        // ---- the backup: a second name for the destination, durable before the destination changes
        bool movedAside = false;
        if (backupFull is not null)
        {
            movedAside = MakeBackup(destination, backupFull, backupDirectory!);
            if (options.Durability == AtomicDurability.Durable)
            {
                int error = UnixReplaceOperation.FsyncDirectory(backupDirectory!, backupFull);
                string destinationDirectory = Path.GetDirectoryName(destination) ?? "/";
                if (error == 0 && movedAside && destinationDirectory != backupDirectory)
                {
                    error = UnixReplaceOperation.FsyncDirectory(destinationDirectory, backupFull);
                }

                if (error != 0)
                {
                    bool restored = !movedAside || RenamePath(backupFull, destination) == 0;
                    throw Errors.Step(destination, AtomicWriteFailure.FlushFailed, $"fsync of the backup's directory '{backupDirectory}'", error, restored);
                }
            }
        }

        // ---- publish
        int renameError = FaultInjection.Check(FaultStep.Rename);
        if (renameError == 0)
        {
            renameError = RenamePath(sourceFull, destination);
        }

        if (renameError != 0)
        {
            bool restored = !movedAside || RenamePath(backupFull!, destination) == 0;
            throw new AtomicWriteException(
                $"Could not replace '{destination}' with '{sourceFull}': {Errors.RenameStep(renameError)} failed with {Errors.Describe(renameError)}. " +
                (restored ? "The destination file is unchanged and the source file is still in place." : $"The destination's old content is in '{backupFull}'; the new content is still in '{sourceFull}'."),
                destination, Errors.ReasonForRename(renameError), renameError, restored);
        }

        // ---- make the rename durable: the destination's directory, and the source's when it is another one
        if (options.Durability == AtomicDurability.Durable)
        {
            string destinationDirectory = Path.GetDirectoryName(destination) ?? "/";
            string sourceDirectory = Path.GetDirectoryName(sourceFull) ?? "/";
            int error = FaultInjection.Check(FaultStep.FsyncDirectory);
            if (error == 0)
            {
                error = UnixReplaceOperation.FsyncDirectory(destinationDirectory, destination);
            }

            if (error == 0 && sourceDirectory != destinationDirectory)
            {
                error = UnixReplaceOperation.FsyncDirectory(sourceDirectory, destination);
            }

            if (error != 0)
            {
                throw new DurabilityUnconfirmedException(
                    $"Replaced '{destination}' with '{sourceFull}', durability unconfirmed: fsync of the directory failed with {Errors.Describe(error)}. Readers see the new content, but after a power loss the old content may come back.",
                    destination, error);
            }
        }
    }

    private static void PrepareSource(string sourceFull, string destination, FileStat target, bool ignoreMetadataErrors, AtomicWriteOptions options)
    {
        bool setMode = options.PreserveExistingPermissions || options.UnixCreateMode is not null;
        if (!setMode && options.Durability == AtomicDurability.None)
        {
            return;
        }

        int fd;
        using (var native = new NativePath(sourceFull))
        {
            // fsync and fchmod need no write access; a source its owner may not read is opened for writing instead.
            fd = Libc.Open(native.Pointer, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (fd == -Libc.EACCES)
            {
                fd = Libc.Open(native.Pointer, Libc.O_WRONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            }
        }

        if (fd < 0)
        {
            throw Errors.Step(destination, AtomicWriteFailure.FlushFailed, $"open of the source '{sourceFull}'", -fd, originalUnchanged: true);
        }

        try
        {
            if (setMode)
            {
                int mode;
                if (options.PreserveExistingPermissions)
                {
                    // Owner first: chown clears the set-id bits that chmod sets afterwards. Only a privileged process
                    // may give a file away; an unprivileged one still keeps the group where it is a member.
                    mode = UnixReplaceOperation.KeptMode(target.Permissions);
                    if (Libc.FChown(fd, target.Uid, target.Gid) == Libc.EPERM)
                    {
                        Libc.FChown(fd, uint.MaxValue, target.Gid);
                    }
                }
                else
                {
                    mode = (int)options.UnixCreateMode!.Value & 0xFFF;
                }

                int error = FaultInjection.Check(FaultStep.Chmod);
                if (error == 0)
                {
                    error = Libc.FChmod(fd, mode);
                }

                if (error != 0 && !ignoreMetadataErrors)
                {
                    throw Errors.Step(destination, AtomicWriteFailure.PermissionsFailed, $"fchmod of the source '{sourceFull}'", error, originalUnchanged: true);
                }
            }

            if (options.Durability != AtomicDurability.None)
            {
                int error = FaultInjection.Check(FaultStep.Fsync);
                if (error == 0)
                {
                    error = Libc.FullFsync(fd);
                }

                if (error != 0)
                {
                    throw Errors.Step(destination, AtomicWriteFailure.FlushFailed, $"fsync of the source '{sourceFull}'", error, originalUnchanged: true);
                }
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>
    /// Gives the destination the backup's name as well: link(2) to a temp name in the backup's directory, renamed
    /// over the backup (so an old backup is replaced atomically, never removed first). Where the file system has no
    /// hard links the destination is renamed to the backup instead (returns true), as <c>ReplaceFileW</c> does.
    /// </summary>
    private static bool MakeBackup(string destination, string backupFull, string backupDirectory)
    {
        string temp = TempNames.Create(backupDirectory, Path.GetFileName(backupFull));
        int error = FaultInjection.Check(FaultStep.Backup);
        if (error == 0)
        {
            using var from = new NativePath(destination);
            using var to = new NativePath(temp);
            error = Libc.Link(from.Pointer, to.Pointer);
        }

        if (error == 0)
        {
            error = RenamePath(temp, backupFull);
            if (error == 0)
            {
                return false;
            }

            using var native = new NativePath(temp);
            Libc.Unlink(native.Pointer);
        }
        else if (error == Libc.EPERM || error == Libc.ENOTSUP || error == Libc.ENOSYS || error == EMLINK)
        {
            error = RenamePath(destination, backupFull);
            if (error == 0)
            {
                return true;
            }
        }

        throw error == Libc.EXDEV
            ? CrossDevice(destination, backupFull, "the backup")
            : Errors.Step(destination, AtomicWriteFailure.RenameFailed, $"making the backup '{backupFull}'", error, originalUnchanged: true);
    }

    private static AtomicWriteException CrossDevice(string destination, string other, string role) =>
        new AtomicWriteException(
            $"Could not replace '{destination}' atomically: {role} '{other}' is on another file system, and a rename cannot cross file systems (no copy fallback is attempted). Nothing was changed.",
            destination, AtomicWriteFailure.CrossDevice, Libc.EXDEV, originalUnchanged: true);

    private static Exception Missing(int error, string path) =>
        error == Libc.ENOENT || error == Libc.ENOTDIR
            ? new FileNotFoundException($"Could not find file '{path}'.", path)
            : Errors.ForOpen(error, path);

    private static FileStat LStat(string path, out int error) => Stat(path, followLinks: false, out error);

    private static FileStat Stat(string path, bool followLinks, out int error)
    {
        using var native = new NativePath(path);
        error = FileStat.Get(native.Pointer, followLinks, out FileStat stat);
        return stat;
    }

    private static int RenamePath(string from, string to)
    {
        using var f = new NativePath(from);
        using var t = new NativePath(to);
        return Libc.Rename(f.Pointer, t.Pointer);
    }
}
