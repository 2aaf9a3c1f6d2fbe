using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AtomicWrite.Internal;

/// <summary>
/// One replacement in progress: a temp file next to the target that is published by <see cref="Commit(CancellationToken)"/> and removed
/// by <see cref="Dispose"/> when it was not.
/// </summary>
internal abstract class ReplaceOperation(string targetPath, string tempPath, AtomicWriteOptions options) : IDisposable
{
    /// <summary>The file that will be replaced (symbolic links resolved as the policy says).</summary>
    internal string TargetPath { get; } = targetPath;

    internal string TempPath { get; } = tempPath;

    internal AtomicWriteOptions Options { get; } = options;

    internal bool IsCommitted { get; private protected set; }

    /// <summary>Whether the operation was committed or discarded (the temp file is no longer open).</summary>
    internal abstract bool IsFinished { get; }

    /// <summary>Starts a replacement of <paramref name="path"/>: validates it and creates the temp file.</summary>
    internal static ReplaceOperation Begin(string path, AtomicWriteOptions? options)
    {
        options ??= AtomicWriteOptions.Default;
        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? WindowsReplaceOperation.Begin(path, options)
            : UnixReplaceOperation.Begin(path, options);
    }

    /// <summary>Appends bytes to the temp file (only when <see cref="GetStream"/> was not called).</summary>
    internal abstract void Write(ReadOnlySpan<byte> data);

    /// <summary>A stream over the temp file, owned by this operation and flushed by <see cref="Commit(CancellationToken)"/>.</summary>
    internal abstract FileStream GetStream(bool useAsync);

#if NET8_0_OR_GREATER
    /// <summary>Appends bytes to the temp file asynchronously (only when <see cref="GetStream"/> was not called).</summary>
    internal virtual ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(data.Span);
        return default;
    }
#endif

    /// <summary>
    /// Flushes, publishes and (per the durability) makes the replacement durable. The token is observed until the
    /// publishing step (the rename) starts; a cancelled commit removes the temp and leaves the target untouched.
    /// </summary>
    internal abstract void Commit(CancellationToken cancellationToken);

    /// <summary>Commits without a token.</summary>
    internal void Commit() => Commit(CancellationToken.None);

    /// <summary>Commits on a thread-pool thread: the flush to stable storage and the rename block.</summary>
    internal Task CommitAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(static state =>
        {
            var (op, token) = ((ReplaceOperation, CancellationToken))state!;
            op.Commit(token);
        }, (this, cancellationToken), cancellationToken, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    /// <summary>Discards the temp after a failed write through the stream; returns the exception to throw.</summary>
    internal abstract Exception WriteFailed(IOException error);

    /// <summary>Called from the process-exit handler: removes the temp file unless a commit is running.</summary>
    internal abstract void AbortFromExit();

    /// <summary>Removes the temp file if the operation was not committed.</summary>
    public abstract void Dispose();

    /// <summary>Validates a path the way <c>System.IO.File</c> does and returns its full form.</summary>
    internal static string ValidateAndGetFullPath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Length == 0)
        {
            throw new ArgumentException("The value cannot be an empty string.", nameof(path));
        }

        if (path.IndexOf('\0') >= 0)
        {
            throw new ArgumentException("Null character in path.", nameof(path));
        }

        return Path.GetFullPath(path);
    }
}
