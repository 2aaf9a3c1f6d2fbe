using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AtomicWrite.Internal;

/// <summary>
/// The POSIX recipe: temp in the same directory (random name, O_CREAT|O_EXCL|O_CLOEXEC, created with the final file's
/// create mode so that the kernel applies the umask and the directory's default ACL), write, final mode and owner of
/// a replaced file, fsync (F_FULLFSYNC on macOS), close and check, rename(2) over the target, fsync the directory.
/// The descriptor lives in a <see cref="SafeFileHandle"/>.
/// </summary>
internal sealed class UnixReplaceOperation : ReplaceOperation
{
    private const int NameMax = 255;
    private const int PathMax = 4096;
    private const int DefaultCreateMode = 0x1B6; // 0666: what File passes to open(2)
    private const int OwnerOnly = 0x180; // 0600

    private readonly object _gate = new object();
    private readonly string _directory;
    private readonly bool _exists;
    private readonly FileStat _existing;
    private SafeFileHandle? _handle;
    private long _offset;
    private FileStream? _stream;
    private bool _done;

    private UnixReplaceOperation(string targetPath, string directory, string tempPath, bool exists, FileStat existing, AtomicWriteOptions options)
        : base(targetPath, tempPath, options)
    {
        _directory = directory;
        _exists = exists;
        _existing = existing;
    }

#if NET8_0_OR_GREATER
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
#endif
    internal static new UnixReplaceOperation Begin(string path, AtomicWriteOptions options)
    {
        string full = ValidateAndGetFullPath(path);
        if (path.EndsWith("/", StringComparison.Ordinal))
        {
            // File opens "dir/name/" and fails with EISDIR; so do we.
            throw new UnauthorizedAccessException($"Access to the path '{full}' is denied. {Errors.Unchanged}");
        }

        string target = UnixPathResolver.Resolve(full, options.Symlinks, out bool exists, out FileStat existing);

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

            throw Errors.ForOpen(error, error == Libc.ENOENT || error == Libc.ENOTDIR || error == Libc.EACCES || error == Libc.EPERM || error == Libc.ENAMETOOLONG ? full : target);
        }
    }

    /// <summary>
    /// The mode the temp is created with; the kernel applies the umask and a default ACL to it. A new file gets 0666
    /// (or the requested mode), exactly like File's; a replaced file's temp is created for its owner only and gets
    /// the final mode and owner before it is published.
    /// </summary>
    private int CreateMode =>
        _exists && Options.PreserveExistingPermissions ? _existing.Permissions & OwnerOnly
        : Options.UnixCreateMode is UnixPermissions requested ? (int)requested & 0x1FF
        : DefaultCreateMode;

#if NET8_0_OR_GREATER
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
#endif
    private unsafe int CreateTemp()
    {
        int mode = CreateMode;
#if NET8_0_OR_GREATER
        try
        {
            // O_CREAT|O_EXCL|O_CLOEXEC with the mode; FileShare.None takes flock(LOCK_EX), held while the temp is open,
            // by which a sweeper in another process tells a live writer's temp. The unbuffered FileStream is only the
            // way to pass the create mode on net8.0 (File.OpenHandle has no mode parameter there); its handle is ours.
            var creator = new FileStream(TempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                UnixCreateMode = (UnixFileMode)mode,
            });
            _handle = creator.SafeFileHandle;
            GC.SuppressFinalize(creator);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Errors.ErrnoOfOpen(e);
        }
#else
        if (Libc.IsMacOS && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64)
        {
            // The mode argument of the variadic open(2) cannot be passed through a plain call on Apple arm64.
            throw new PlatformNotSupportedException("macOS on arm64 needs the net8.0 build of AtomicWrite.");
        }

        using var native = new NativePath(TempPath);
        int fd = Libc.Open(native.Pointer, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, mode);
        if (fd < 0)
        {
            return -fd;
        }

        _handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB);
        return 0;
#endif
    }

    internal override bool IsFinished => _done;

    private SafeFileHandle OpenHandle => _done || _handle is null ? throw new ObjectDisposedException(nameof(AtomicFileStream)) : _handle;

    internal override void Write(ReadOnlySpan<byte> data)
    {
        SafeFileHandle handle = OpenHandle;
        if (data.IsEmpty)
        {
            return;
        }

        int error = FaultInjection.Check(FaultStep.Write);
        if (error == 0)
        {
#if NET8_0_OR_GREATER
            try
            {
                RandomAccess.Write(handle, data, _offset);
            }
            catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
            {
                Fail(AtomicWriteFailure.WriteFailed, "write", e is IOException io ? Errors.ErrnoOf(io) : Libc.EFBIG, e);
            }
#else
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                error = Libc.PWriteAll((int)handle.DangerousGetHandle(), data, _offset);
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
#endif
        }

        if (error != 0)
        {
            Fail(AtomicWriteFailure.WriteFailed, "write", error);
        }

        _offset += data.Length;
    }

#if NET8_0_OR_GREATER
    internal override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        SafeFileHandle handle = OpenHandle;
        cancellationToken.ThrowIfCancellationRequested();
        if (data.IsEmpty)
        {
            return;
        }

        int error = FaultInjection.Check(FaultStep.Write);
        if (error != 0)
        {
            Fail(AtomicWriteFailure.WriteFailed, "write", error);
        }

        try
        {
            await RandomAccess.WriteAsync(handle, data, _offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
        {
            Fail(AtomicWriteFailure.WriteFailed, "write", e is IOException io ? Errors.ErrnoOf(io) : Libc.EFBIG, e);
        }

        _offset += data.Length;
    }
#endif

    internal override FileStream GetStream(bool useAsync)
    {
        SafeFileHandle handle = OpenHandle;
        if (_stream is null)
        {
            // The stream shares the operation's handle; the commit closes it (checked) and the stream is then left with
            // a closed handle and an empty buffer.
            _stream = new FileStream(handle, FileAccess.Write, bufferSize: 4096, isAsync: false);
            if (_offset != 0)
            {
                _stream.Seek(_offset, SeekOrigin.Begin);
            }
        }

        return _stream;
    }

    internal override unsafe void Commit(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_done || _handle is null)
            {
                throw new ObjectDisposedException(nameof(AtomicFileStream), "The atomic write was already committed or discarded.");
            }

            if (_stream is not null)
            {
                int injected = FaultInjection.Check(FaultStep.Write);
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
            }

            bool added = false;
            int fd;
            try
            {
                _handle.DangerousAddRef(ref added);
                fd = (int)_handle.DangerousGetHandle();
                ApplyPermissions(fd);

                if (Options.Durability != AtomicDurability.None)
                {
                    int error = FaultInjection.Check(FaultStep.Fsync);
                    if (error == 0)
                    {
                        error = Libc.FullFsync(fd);
                    }

                    if (error != 0)
                    {
                        // Never retried: after a failed fsync the kernel may have dropped the dirty pages.
                        Fail(AtomicWriteFailure.FlushFailed, "fsync of the temp file", error);
                    }
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    Discard();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Release the writer's lock before the temp becomes the target: a child forked meanwhile shares the
                // open file description until it execs, and must not keep the published file locked against .NET
                // readers.
                Libc.Flock(fd, Libc.LOCK_UN);
            }
            finally
            {
                if (added)
                {
                    _handle.DangerousRelease();
                }
            }

            int closeError = CloseTemp(fd);
            if (closeError != 0)
            {
                Fail(AtomicWriteFailure.CloseFailed, "close of the temp file", closeError);
            }

            int renameError = FaultInjection.Check(FaultStep.Rename);
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

    private void ApplyPermissions(int fd)
    {
        int mode;
        if (_exists && Options.PreserveExistingPermissions)
        {
            mode = KeptMode(_existing.Permissions);

            // Owner first: chown clears the set-id bits that chmod sets afterwards. Only a privileged process may give
            // a file away; an unprivileged one still keeps the group where it is a member.
            int chownError = Libc.FChown(fd, _existing.Uid, _existing.Gid);
            if (chownError == Libc.EPERM)
            {
                Libc.FChown(fd, uint.MaxValue, _existing.Gid);
            }
        }
        else if (Options.UnixCreateMode is UnixPermissions requested)
        {
            // An explicit mode is exact, whatever the umask (the temp was created with it, narrowed by the umask).
            mode = (int)requested & 0xFFF;
        }
        else
        {
            // A new file: the kernel already gave the temp what File's open(2) gives (umask or default ACL). A chmod
            // here would rewrite the ACL mask.
            int injectedOnly = FaultInjection.Check(FaultStep.Chmod);
            if (injectedOnly != 0)
            {
                Fail(AtomicWriteFailure.PermissionsFailed, "fchmod of the temp file", injectedOnly);
            }

            return;
        }

        int error = FaultInjection.Check(FaultStep.Chmod);
        if (error == 0)
        {
            error = Libc.FChmod(fd, mode);
        }

        if (error != 0)
        {
            Fail(AtomicWriteFailure.PermissionsFailed, "fchmod of the temp file", error);
        }
    }

    /// <summary>The mode a replaced file keeps: its old one, less the set-id bits a write by this process would clear.</summary>
    internal static int KeptMode(int mode)
    {
        if ((mode & 0xC00) != 0 && !Libc.MayKeepSetIdBits())
        {
            // What the kernel does to a file written by a process without CAP_FSETID: set-user-id always goes,
            // set-group-id when the file is group-executable.
            mode &= ~0x800;
            if ((mode & 0x8) != 0)
            {
                mode &= ~0x400;
            }
        }

        return mode;
    }

    /// <summary>Closes the descriptor itself, so that the result of close(2) is seen (network file systems report late write errors there).</summary>
    private int CloseTemp(int fd)
    {
        _handle!.SetHandleAsInvalid();
        int injected = FaultInjection.Check(FaultStep.Close);
        int error = Libc.Close(fd);
        DisposeStreamQuietly();
        return injected != 0 ? injected : error;
    }

    private int FsyncDirectory()
    {
        int injected = FaultInjection.Check(FaultStep.FsyncDirectory);
        return injected != 0 ? injected : FsyncDirectory(_directory, TargetPath);
    }

    /// <summary>
    /// fsync(2) of <paramref name="directory"/>; returns 0 or errno. A directory that cannot be opened is flushed
    /// through <paramref name="publishedFile"/>, a file in it.
    /// </summary>
    internal static unsafe int FsyncDirectory(string directory, string publishedFile)
    {
        using var dir = new NativePath(directory);
        int fd = Libc.Open(dir.Pointer, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd == -Libc.EACCES || fd == -Libc.EPERM)
        {
            return SyncThroughPublishedFile(publishedFile, -fd);
        }

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

    /// <summary>
    /// A directory that may be written but not read (for example 0333) cannot be opened to fsync it. The published
    /// file can: on Linux syncfs(2) on it flushes its whole file system, the directory entry included; on macOS
    /// F_FULLFSYNC on it flushes the drive's cache and the file system's journal.
    /// </summary>
    private static unsafe int SyncThroughPublishedFile(string publishedFile, int directoryError)
    {
        using var target = new NativePath(publishedFile);
        int fd = Libc.Open(target.Pointer, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            fd = Libc.Open(target.Pointer, Libc.O_WRONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            return directoryError;
        }

        int error = Libc.IsLinux ? Libc.SyncFs(fd) : Libc.FullFsync(fd);
        Libc.Close(fd);
        return error;
    }

    /// <summary>Removes the temp file and throws: the original is unchanged.</summary>
    private void Fail(AtomicWriteFailure reason, string step, int errno, Exception? inner = null)
    {
        Discard();
        throw Errors.Step(TargetPath, reason, step, errno, originalUnchanged: true, inner);
    }

    private unsafe void Discard()
    {
        if (_done)
        {
            return;
        }

        _done = true;

        // The name goes first, while the writer's lock is still held.
        using (var native = new NativePath(TempPath))
        {
            Libc.Unlink(native.Pointer);
        }

        DisposeStreamQuietly();
        _handle?.Dispose();
        InFlight.Remove(this);
    }

    private void DisposeStreamQuietly()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }

        _stream = null;
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

    internal override unsafe void AbortFromExit()
    {
        // Only the name is removed: another thread may still be writing through the descriptor. A commit that follows
        // fails cleanly at the rename, leaving the target untouched.
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
