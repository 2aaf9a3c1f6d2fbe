using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Internal;

namespace AtomicWrite;

/// <summary>
/// A write-only stream over a temp file next to <see cref="Path"/>. Nothing is visible at <see cref="Path"/> until
/// <see cref="Commit"/> (or <see cref="CommitAsync"/>) flushes the temp file and renames it over the target in one
/// step. Disposing the stream without committing discards the temp file and leaves the target untouched, so an
/// exception in the middle of writing publishes nothing. Created by <see cref="AtomicFile.Create(string)"/>.
/// </summary>
/// <example>
/// <code>
/// using (AtomicFileStream stream = AtomicFile.Create("settings.json"))
/// {
///     JsonSerializer.Serialize(stream, settings);
///     stream.Commit(); // without this line, settings.json stays as it was
/// }
/// </code>
/// </example>
public sealed class AtomicFileStream : Stream
{
    private readonly ReplaceOperation _operation;
    private readonly FileStream _inner;
    private bool _disposed;

    internal AtomicFileStream(ReplaceOperation operation)
    {
        _operation = operation;
        _inner = operation.GetStream(useAsync: false);
    }

    /// <summary>
    /// A stream dropped without <see cref="Stream.Dispose()"/> is discarded by the finalizer: its descriptor is
    /// closed and its temp file removed; nothing is published.
    /// </summary>
    ~AtomicFileStream()
    {
        Dispose(false);
    }

    /// <summary>The full path of the file this stream replaces when committed (after following symbolic links, if the policy does).</summary>
    public string Path => _operation.TargetPath;

    /// <summary>Whether <see cref="Commit"/> or <see cref="CommitAsync"/> has published the content.</summary>
    public bool IsCommitted => _operation.IsCommitted;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => !_disposed && !_operation.IsFinished;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed && !_operation.IsFinished;

    /// <inheritdoc/>
    public override long Length => Inner.Length;

    /// <inheritdoc/>
    public override long Position
    {
        get => Inner.Position;
        set => Inner.Position = value;
    }

    private FileStream Inner
    {
        get
        {
            if (_disposed || _operation.IsFinished)
            {
                throw new ObjectDisposedException(nameof(AtomicFileStream), IsCommitted ? "The content was already committed." : "The atomic write was discarded.");
            }

            return _inner;
        }
    }

    /// <summary>
    /// Publishes what was written: flushes it to the temp file, flushes the temp file to stable storage (as
    /// <see cref="AtomicWriteOptions.Durability"/> says), gives it the final permissions and renames it over
    /// <see cref="Path"/>, then flushes the directory. Afterwards the stream is closed for writing.
    /// </summary>
    /// <exception cref="AtomicWriteException">A step failed; <see cref="AtomicWriteException.OriginalUnchanged"/> tells whether the target was left as it was.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The content was published but the directory flush failed.</exception>
    /// <exception cref="ObjectDisposedException">The stream was already committed or disposed.</exception>
    public void Commit()
    {
        if (_disposed || _operation.IsFinished)
        {
            throw new ObjectDisposedException(nameof(AtomicFileStream), "The atomic write was already committed or discarded.");
        }

        _operation.Commit();
    }

    /// <summary>
    /// Publishes what was written, like <see cref="Commit"/>; buffered data is flushed asynchronously, the flush to
    /// stable storage and the rename then run on a thread-pool thread.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write until the rename starts (a cancelled commit removes the temp file and leaves the target untouched); once the rename has begun it is not observed.</param>
    /// <returns>A task that completes when the content is published.</returns>
    /// <exception cref="AtomicWriteException">A step failed.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FileStream inner = Inner;
        try
        {
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }

        if (_disposed || _operation.IsFinished)
        {
            throw new ObjectDisposedException(nameof(AtomicFileStream), "The atomic write was already committed or discarded.");
        }

        await _operation.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes buffered bytes to the temp file; this does not publish anything (see <see cref="Commit"/>).</summary>
    public override void Flush()
    {
        if (!_disposed && !_operation.IsFinished)
        {
            try
            {
                _inner.Flush();
            }
            catch (IOException e)
            {
                throw _operation.WriteFailed(e);
            }
        }
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        return _disposed || _operation.IsFinished ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);
    }

    /// <summary>Not supported: the stream is write-only.</summary>
    /// <param name="buffer">Unused.</param>
    /// <param name="offset">Unused.</param>
    /// <param name="count">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An AtomicFileStream is write-only.");

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);

    /// <inheritdoc/>
    public override void SetLength(long value) => Inner.SetLength(value);

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        FileStream inner = Inner;
        try
        {
            inner.Write(buffer, offset, count);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value)
    {
        FileStream inner = Inner;
        try
        {
            inner.WriteByte(value);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }
    }

    /// <inheritdoc/>
    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        FileStream inner = Inner;
        try
        {
            await inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }
    }

#if NET8_0_OR_GREATER
    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        FileStream inner = Inner;
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        FileStream inner = Inner;
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw _operation.WriteFailed(e);
        }
    }
#endif

    /// <summary>
    /// Closes the stream. Without a prior <see cref="Commit"/> the temp file is deleted and the target stays as it
    /// was.
    /// </summary>
    /// <param name="disposing">Whether managed resources are released.</param>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;

            // Also from the finalizer: the operation is still reachable (the in-flight list holds it), so it may be
            // used here; it unlinks the temp and closes the descriptor through its SafeHandle.
            _operation.Dispose();
        }

        base.Dispose(disposing);
    }
}
