using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace AtomicWrite.Internal;

/// <summary>
/// The POSIX recipe: temp in the same directory (random name, O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600), write,
/// final mode and owner, fsync (F_FULLFSYNC on macOS), close and check, rename(2) over the target, fsync the
/// directory.
/// </summary>
internal sealed unsafe class UnixReplaceOperation : ReplaceOperation
{
    private const int MaxSymlinkHops = 40;
    private const int NameMax = 255;
    private const int PathMax = 4096;

    private readonly object _gate = new object();
    private readonly string _directory;
    private readonly bool _exists;
    private readonly FileStat _existing;
    private int _fd;
    private long _offset;
    private FileStream? _stream;
    private FileStream? _owner; // macOS arm64: the FileStream that created the temp (see CreateTemp)
    private bool _done;

    private UnixReplaceOperation(string targetPath, string directory, string tempPath, bool exists, FileStat existing, AtomicWriteOptions options)
        : base(targetPath, tempPath, options)
    {
        _directory = directory;
        _exists = exists;
        _existing = existing;
        _fd = -1;
    }

    internal static new UnixReplaceOperation Begin(string path, AtomicWriteOptions options)
    {
        string full = ValidateAndGetFullPath(path);
        if (path.EndsWith("/", StringComparison.Ordinal))
        {
            // File opens "dir/name/" and fails with EISDIR; so do we.
            throw new UnauthorizedAccessException($"Access to the path '{full}' is denied. {Errors.Unchanged}");
        }

        string target = Resolve(full, options.Symlinks, out bool exists, out FileStat existing);

        string directory = Path.GetDirectoryName(target) ?? "/";
        string name = Path.GetFileName(target);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > NameMax || System.Text.Encoding.UTF8.GetByteCount(target) >= PathMax)
        {
            throw Errors.ForOpen(Libc.ENAMETOOLONG, full);
        }

        StaleTempSweeper.SweepOnce(directory);

        for (int attempt = 0; ; attempt++)
        {
            string tempPath = TempNames.Create(directory, name);
            var op = new UnixReplaceOperation(target, directory, tempPath, exists, existing, options);
            InFlight.Add(op);
            int error;
            try
            {
                error = op.CreateTemp();
            }
            catch
            {
                InFlight.Remove(op);
                throw;
            }

            if (error == 0)
            {
                return op;
            }

            InFlight.Remove(op);
            if (error == Libc.EEXIST && attempt < 3)
            {
                continue; // a 128-bit collision: practically never
            }

            if (error == Libc.ENAMETOOLONG)
            {
                throw Errors.ForOpen(error, full);
            }

            throw Errors.ForOpen(error, error == Libc.ENOENT || error == Libc.ENOTDIR ? full : (error == Libc.EACCES || error == Libc.EPERM ? full : target));
        }
    }

    /// <summary>Applies the symlink policy and finds the file to replace.</summary>
    private static string Resolve(string full, SymlinkPolicy policy, out bool exists, out FileStat existing)
    {
        string current = full;
        exists = false;
        existing = default;
        for (int hop = 0; hop <= MaxSymlinkHops; hop++)
        {
            using var native = new NativePath(current);
            int error = FileStat.Get(native.Pointer, followLinks: false, out FileStat st);
            if (error == Libc.ENOENT)
            {
                return current;
            }

            if (error != 0)
            {
                throw Errors.ForOpen(error, full);
            }

            if (st.IsSymlink)
            {
                if (policy == SymlinkPolicy.Refuse)
                {
                    throw new AtomicWriteException(
                        $"Could not replace '{current}' atomically: it is a symbolic link and the symlink policy is Refuse. {Errors.Unchanged}",
                        current, AtomicWriteFailure.SymlinkRefused, Libc.ELOOP, originalUnchanged: true);
                }

                if (policy == SymlinkPolicy.ReplaceLink)
                {
                    // The link is replaced by a regular file; its permissions come from what it pointed to, if anything.
                    if (FileStat.Get(native.Pointer, followLinks: true, out FileStat pointed) == 0 && pointed.IsRegular)
                    {
                        exists = true;
                        existing = pointed;
                    }

                    return current;
                }

                current = ReadLinkTarget(native, current, full);
                continue;
            }

            if (st.IsDirectory)
            {
                throw new UnauthorizedAccessException($"Access to the path '{full}' is denied: it is a directory. {Errors.Unchanged}");
            }

            if (!st.IsRegular)
            {
                throw new AtomicWriteException(
                    $"Could not replace '{current}' atomically: it is not a regular file (a device, FIFO or socket cannot be replaced by rename). {Errors.Unchanged}",
                    current, AtomicWriteFailure.NotARegularFile, 0, originalUnchanged: true);
            }

            // File cannot open a file it may not write, even in a writable directory; neither do we, so that a
            // read-only file stays protected when File is swapped for AtomicFile.
            int access = Libc.CheckWritable(native.Pointer);
            if (access == Libc.EACCES || access == Libc.EPERM)
            {
                throw Errors.ForOpen(access, full);
            }

            exists = true;
            existing = st;
            return current;
        }

        throw Errors.ForOpen(Libc.ELOOP, full);
    }

    private static string ReadLinkTarget(NativePath native, string linkPath, string full)
    {
        byte* buffer = stackalloc byte[PathMax];
        int n = Libc.ReadLink(native.Pointer, buffer, PathMax);
        if (n < 0)
        {
            throw Errors.ForOpen(-n, full);
        }

        string target = System.Text.Encoding.UTF8.GetString(buffer, n);
        if (!target.StartsWith("/", StringComparison.Ordinal))
        {
            target = Path.Combine(Path.GetDirectoryName(linkPath) ?? "/", target);
        }

        return Path.GetFullPath(target);
    }

    private int CreateTemp()
    {
        if (Libc.IsMacOS && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
#if NET8_0_OR_GREATER
            // On Apple arm64 the mode argument of the variadic open(2) cannot be passed through a plain call; let the
            // runtime's own open shim create the file (O_CREAT|O_EXCL, mode 0600; it also takes the flock).
#pragma warning disable CA1416 // only reached on macOS
            try
            {
                _owner = new FileStream(TempPath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 0,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                _fd = (int)_owner.SafeFileHandle.DangerousGetHandle();
                return 0;
            }
            catch (IOException e)
            {
                return e is PathTooLongException ? Libc.ENAMETOOLONG
                    : e is DirectoryNotFoundException ? Libc.ENOENT
                    : e.HResult > 0 && e.HResult < 4096 ? e.HResult
                    : Libc.EIO;
            }
            catch (UnauthorizedAccessException)
            {
                return Libc.EACCES;
            }
#pragma warning restore CA1416
#else
            throw new PlatformNotSupportedException("macOS on arm64 needs the net8.0 build of AtomicWrite.");
#endif
        }

        using var native = new NativePath(TempPath);
        int fd = Libc.Open(native.Pointer, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0x180 /* 0600 */);
        if (fd < 0)
        {
            return -fd;
        }

        _fd = fd;

        // Held for as long as the temp is open: a sweeper in another process can tell a live writer's temp by it.
        Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB);
        return 0;
    }

    internal override bool IsFinished => _done;

    internal override void Write(ReadOnlySpan<byte> data)
    {
        if (_done || _fd < 0)
        {
            throw new ObjectDisposedException(nameof(AtomicFileStream));
        }

        if (data.IsEmpty)
        {
            return;
        }

        int error = FaultInjection.Check(FaultInjection.Write);
        if (error == 0)
        {
            error = Libc.PWriteAll(_fd, data, _offset);
        }

        if (error != 0)
        {
            Fail(AtomicWriteFailure.WriteFailed, "write", error);
        }

        _offset += data.Length;
    }

    internal override FileStream GetStream(bool useAsync)
    {
        if (_done || _fd < 0)
        {
            throw new ObjectDisposedException(nameof(AtomicFileStream));
        }

        if (_stream is null)
        {
            var handle = new SafeFileHandle((IntPtr)_fd, ownsHandle: false);
            _stream = new FileStream(handle, FileAccess.Write, bufferSize: 4096, isAsync: false);
            if (_offset != 0)
            {
                _stream.Seek(_offset, SeekOrigin.Begin);
            }
        }

        return _stream;
    }

    internal override void Commit()
    {
        lock (_gate)
        {
            if (_done || _fd < 0)
            {
                throw new ObjectDisposedException(nameof(AtomicFileStream), "The atomic write was already committed or discarded.");
            }

            if (_stream is not null)
            {
                int injected = FaultInjection.Check(FaultInjection.Write);
                if (injected != 0)
                {
                    Fail(AtomicWriteFailure.WriteFailed, "write", injected);
                }

                try
                {
                    _stream.Flush();
                }
                catch (IOException e)
                {
                    Fail(AtomicWriteFailure.WriteFailed, "write", Errors.ErrnoOf(e), e);
                }

                _stream.Dispose();
                _stream = null;
            }

            ApplyPermissions();

            if (Options.Durability != AtomicDurability.None)
            {
                int error = FaultInjection.Check(FaultInjection.Fsync);
                if (error == 0)
                {
                    error = Libc.FullFsync(_fd);
                }

                if (error != 0)
                {
                    // Never retried: after a failed fsync the kernel may have dropped the dirty pages.
                    Fail(AtomicWriteFailure.FlushFailed, "fsync of the temp file", error);
                }
            }

            // Release the writer's lock before the temp becomes the target: a child forked meanwhile shares the open
            // file description until it execs, and must not keep the published file locked against .NET readers.
            Libc.Flock(_fd, Libc.LOCK_UN);
            int closeError = CloseTemp();
            if (closeError != 0)
            {
                Fail(AtomicWriteFailure.CloseFailed, "close of the temp file", closeError);
            }

            int renameError = FaultInjection.Check(FaultInjection.Rename);
            if (renameError == 0)
            {
                using var from = new NativePath(TempPath);
                using var to = new NativePath(TargetPath);
                renameError = Libc.Rename(from.Pointer, to.Pointer);
            }

            if (renameError != 0)
            {
                Fail(Errors.ReasonForRename(renameError), Errors.RenameStep(renameError), renameError);
            }

            _done = true;
            IsCommitted = true;
            InFlight.Remove(this);

            if (Options.Durability == AtomicDurability.Durable)
            {
                int error = FsyncDirectory();
                if (error != 0)
                {
                    throw new DurabilityUnconfirmedException(
                        $"Replaced '{TargetPath}', durability unconfirmed: fsync of the directory '{_directory}' failed with {Errors.Describe(error)}. Readers see the new content, but after a power loss the old content may come back.",
                        TargetPath, error);
                }
            }
        }
    }

    private void ApplyPermissions()
    {
        int mode;
        if (_exists && Options.PreserveExistingPermissions)
        {
            mode = _existing.Permissions;
            // Owner first: chown clears the set-id bits that chmod sets afterwards. Only a privileged process may give
            // a file away; an unprivileged one still keeps the group where it is a member.
            int chownError = Libc.FChown(_fd, _existing.Uid, _existing.Gid);
            if (chownError == Libc.EPERM)
            {
                Libc.FChown(_fd, uint.MaxValue, _existing.Gid);
            }
        }
        else if (Options.UnixCreateMode is UnixPermissions requested)
        {
            mode = (int)requested & 0xFFF;
        }
        else
        {
            mode = 0x1B6 & ~Libc.GetUmask(); // 0666 & ~umask, as File creates it
        }

        int error = FaultInjection.Check(FaultInjection.Chmod);
        if (error == 0 && mode != 0x180)
        {
            error = Libc.FChmod(_fd, mode);
        }

        if (error != 0)
        {
            Fail(AtomicWriteFailure.PermissionsFailed, "fchmod of the temp file", error);
        }
    }

    private int CloseTemp()
    {
        int fd = _fd;
        _fd = -1;
        int injected = FaultInjection.Check(FaultInjection.Close);
        if (_owner is not null)
        {
            try
            {
                _owner.Dispose();
            }
            catch (IOException e)
            {
                return e.HResult > 0 ? e.HResult : Libc.EIO;
            }
            finally
            {
                _owner = null;
            }

            return injected;
        }

        int error = Libc.Close(fd);
        return injected != 0 ? injected : error;
    }

    private int FsyncDirectory()
    {
        int injected = FaultInjection.Check(FaultInjection.FsyncDirectory);
        if (injected != 0)
        {
            return injected;
        }

        using var dir = new NativePath(_directory);
        int fd = Libc.Open(dir.Pointer, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return -fd;
        }

        int error = Libc.FullFsync(fd);
        Libc.Close(fd);

        // Some file systems (for example some FUSE and network ones) do not implement fsync on a directory; there is
        // nothing more to do there.
        return error == Libc.EINVAL || error == Libc.ENOTSUP ? 0 : error;
    }

    /// <summary>Removes the temp file and throws: the original is unchanged.</summary>
    private void Fail(AtomicWriteFailure reason, string step, int errno, Exception? inner = null)
    {
        Discard();
        throw Errors.Step(TargetPath, reason, step, errno, originalUnchanged: true, inner);
    }

    private void Discard()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
        }

        _stream = null;
        if (_fd >= 0 || _owner is not null)
        {
            CloseTempQuietly();
        }

        using (var native = new NativePath(TempPath))
        {
            Libc.Unlink(native.Pointer);
        }

        InFlight.Remove(this);
    }

    private void CloseTempQuietly()
    {
        if (_owner is not null)
        {
            try
            {
                _owner.Dispose();
            }
            catch (IOException)
            {
            }

            _owner = null;
        }
        else if (_fd >= 0)
        {
            Libc.Close(_fd);
        }

        _fd = -1;
    }

    /// <summary>Called by the stream when writing through it failed: removes the temp and throws the typed exception.</summary>
    internal override Exception WriteFailed(IOException error)
    {
        lock (_gate)
        {
            Discard();
        }

        return Errors.Step(TargetPath, AtomicWriteFailure.WriteFailed, "write", Errors.ErrnoOf(error), originalUnchanged: true, error);
    }

    internal override void AbortFromExit()
    {
        // Only the name is removed: another thread may still be writing through the descriptor, and closing it under
        // that thread could let the number be reused for an unrelated file. A commit that follows fails cleanly at the
        // rename, leaving the target untouched.
        if (!_done)
        {
            using var native = new NativePath(TempPath);
            Libc.Unlink(native.Pointer);
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            Discard();
        }
    }
}
