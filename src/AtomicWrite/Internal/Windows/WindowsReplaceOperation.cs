using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace AtomicWrite.Internal;

/// <summary>
/// The Windows recipe: temp in the same directory (random name, CreateNew, no sharing), write, FlushFileBuffers,
/// close, then publish through <see cref="WindowsReplaceLogic"/>. Windows has no directory flush; see docs/runtime.md.
/// </summary>
internal sealed class WindowsReplaceOperation : ReplaceOperation
{
    private readonly object _gate = new object();
    private readonly IWindowsFileOps _ops;
    private FileStream? _stream;
    private bool _done;

    private WindowsReplaceOperation(string targetPath, string tempPath, AtomicWriteOptions options, IWindowsFileOps ops)
        : base(targetPath, tempPath, options)
    {
        _ops = ops;
    }

    internal static new WindowsReplaceOperation Begin(string path, AtomicWriteOptions options) => Begin(path, options, new Win32FileOps());

    /// <summary>Begins a replacement whose publish step goes through <paramref name="ops"/> (the decision-logic seam).</summary>
    internal static WindowsReplaceOperation Begin(string path, AtomicWriteOptions options, IWindowsFileOps ops)
    {
        string full = ValidateAndGetFullPath(path);
        string target = full;
        if (Directory.Exists(full))
        {
            throw new UnauthorizedAccessException($"Access to the path '{full}' is denied. {Errors.Unchanged}");
        }

        var info = new FileInfo(full);
        if (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) == 0 && (info.Attributes & FileAttributes.ReadOnly) != 0)
        {
            // File opens the target for writing and fails at once; so do we, before any temp exists.
            throw WindowsReplaceLogic.ReadOnlyTarget(full);
        }

        if (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            switch (options.Symlinks)
            {
                case SymlinkPolicy.Refuse:
                    throw new AtomicWriteException(
                        $"Could not replace '{full}' atomically: it is a symbolic link or junction and the symlink policy is Refuse. {Errors.Unchanged}",
                        full, AtomicWriteFailure.SymlinkRefused, 0, originalUnchanged: true);
                case SymlinkPolicy.Follow:
#if NET8_0_OR_GREATER
                    target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
#endif
                    break;
            }
        }

        string directory = Path.GetDirectoryName(target) ?? throw new UnauthorizedAccessException($"Access to the path '{full}' is denied.");
        for (int attempt = 0; ; attempt++)
        {
            string tempPath = TempNames.Create(directory, Path.GetFileName(target));
            var op = new WindowsReplaceOperation(target, tempPath, options, ops);
            InFlight.Add(op);
            try
            {
                // No hidden/temporary attributes: MoveFileEx would carry them over to a newly created target.
                op._stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, FileOptions.None);
                return op;
            }
            catch (IOException) when (attempt < 3 && File.Exists(tempPath))
            {
                InFlight.Remove(op);
            }
            catch
            {
                InFlight.Remove(op);
                throw;
            }
        }
    }

    internal override bool IsFinished => _done;

    internal override void Write(ReadOnlySpan<byte> data)
    {
        FileStream stream = _stream ?? throw new ObjectDisposedException(nameof(AtomicFileStream));
        try
        {
#if NET8_0_OR_GREATER
            stream.Write(data);
#else
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(data.Length, 81920));
            try
            {
                while (!data.IsEmpty)
                {
                    int n = Math.Min(buffer.Length, data.Length);
                    data.Slice(0, n).CopyTo(buffer);
                    stream.Write(buffer, 0, n);
                    data = data.Slice(n);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
#endif
        }
        catch (IOException e)
        {
            Dispose();
            throw Errors.Step(TargetPath, AtomicWriteFailure.WriteFailed, "write", e.HResult & 0xFFFF, originalUnchanged: true, e);
        }
    }

    internal override FileStream GetStream(bool useAsync) => _stream ?? throw new ObjectDisposedException(nameof(AtomicFileStream));

    internal override void Commit(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            FileStream stream = _stream ?? throw new ObjectDisposedException(nameof(AtomicFileStream), "The atomic write was already committed or discarded.");
            try
            {
                stream.Flush(flushToDisk: false);
                if (Options.Durability != AtomicDurability.None)
                {
                    int injected = FaultInjection.Check(FaultStep.Fsync);
                    if (injected != 0 || !Kernel32.FlushFileBuffers(stream.SafeFileHandle))
                    {
                        int error = injected != 0 ? injected : Marshal.GetLastWin32Error();
                        Discard();
                        throw Errors.Step(TargetPath, AtomicWriteFailure.FlushFailed, "FlushFileBuffers", error, originalUnchanged: true);
                    }
                }

                stream.Dispose();
                _stream = null;
            }
            catch (IOException e) when (e is not AtomicWriteException)
            {
                Discard();
                throw Errors.Step(TargetPath, AtomicWriteFailure.WriteFailed, "write", e.HResult & 0xFFFF, originalUnchanged: true, e);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                Discard();
                cancellationToken.ThrowIfCancellationRequested();
            }

            string backup = TempNames.Create(Path.GetDirectoryName(TargetPath)!, Path.GetFileName(TargetPath));
            try
            {
                WindowsReplaceLogic.Publish(_ops, TargetPath, TempPath, backup, Options.SharingViolationRetryBudget, new Random());
            }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is AtomicWriteException { OriginalUnchanged: true }))
            {
                Discard();
                throw;
            }
            catch (AtomicWriteException)
            {
                // ReplaceIncomplete: the temp holds the only copy of the new content and the message names it, so it
                // is kept (not removed by Dispose or at exit).
                _done = true;
                InFlight.Remove(this);
                throw;
            }

            _done = true;
            IsCommitted = true;
            InFlight.Remove(this);
        }
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
        _ops.DeleteFile(TempPath);
        InFlight.Remove(this);
    }

    /// <summary>Called by the stream when writing through it failed: removes the temp and throws the typed exception.</summary>
    internal override Exception WriteFailed(IOException error)
    {
        lock (_gate)
        {
            Discard();
        }

        return Errors.Step(TargetPath, AtomicWriteFailure.WriteFailed, "write", error.HResult & 0xFFFF, originalUnchanged: true, error);
    }

    internal override void AbortFromExit()
    {
        if (Monitor.TryEnter(_gate, 200))
        {
            try
            {
                Discard();
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            Discard();
        }
    }

    internal sealed class Win32FileOps : IWindowsFileOps
    {
        public bool Exists(string path) => Kernel32.GetFileAttributes(path) != uint.MaxValue;

        public bool IsReadOnly(string path)
        {
            uint attributes = Kernel32.GetFileAttributes(path);
            return attributes != uint.MaxValue && (attributes & 0x1 /* FILE_ATTRIBUTE_READONLY */) != 0;
        }

        public int ReplaceFile(string replaced, string replacement, string backup, uint flags) =>
            Kernel32.ReplaceFile(replaced, replacement, backup, flags, IntPtr.Zero, IntPtr.Zero) ? 0 : Marshal.GetLastWin32Error();

        public int MoveFileEx(string from, string to, uint flags) =>
            Kernel32.MoveFileEx(from, to, flags) ? 0 : Marshal.GetLastWin32Error();

        public int DeleteFile(string path) => Kernel32.DeleteFile(path) ? 0 : Marshal.GetLastWin32Error();

        public void Sleep(TimeSpan delay) => Thread.Sleep(delay);
    }
}
