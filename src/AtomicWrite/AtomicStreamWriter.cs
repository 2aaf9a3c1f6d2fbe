using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtomicWrite;

/// <summary>
/// A <see cref="StreamWriter"/> over an <see cref="AtomicFileStream"/>: the text becomes visible at the path only when
/// <see cref="Commit"/> (or <see cref="CommitAsync"/>) is called; disposing without committing discards it. Created by
/// <see cref="AtomicFile.CreateText(string)"/>.
/// </summary>
/// <example>
/// <code>
/// using (AtomicStreamWriter writer = AtomicFile.CreateText("token.json"))
/// {
///     writer.Write(json);
///     writer.Commit();
/// }
/// </code>
/// </example>
public sealed class AtomicStreamWriter : StreamWriter
{
    private readonly AtomicFileStream _stream;

    internal AtomicStreamWriter(AtomicFileStream stream, Encoding encoding)
        : base(stream, encoding, 1024, leaveOpen: false)
    {
        _stream = stream;
    }

    /// <summary>Whether the text has been published.</summary>
    public bool IsCommitted => _stream.IsCommitted;

    /// <summary>
    /// Flushes the writer and publishes the text atomically (see <see cref="AtomicFileStream.Commit"/>).
    /// </summary>
    /// <exception cref="AtomicWriteException">A step failed; the target is unchanged when <see cref="AtomicWriteException.OriginalUnchanged"/> says so.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The text was published but the directory flush failed.</exception>
    public void Commit()
    {
        Flush();
        _stream.Commit();
    }

    /// <summary>Flushes the writer asynchronously and publishes the text atomically.</summary>
    /// <param name="cancellationToken">Cancels the write before the publishing step starts.</param>
    /// <returns>A task that completes when the text is published.</returns>
    /// <exception cref="AtomicWriteException">A step failed.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await FlushAsync().ConfigureAwait(false);
        await _stream.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
