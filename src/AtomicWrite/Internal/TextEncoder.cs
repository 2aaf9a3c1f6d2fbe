using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtomicWrite.Internal;

/// <summary>
/// Encodes text the way <c>System.IO.File</c> does: the encoding's preamble first (also for empty content), then the
/// characters through one encoder, flushed at the end; lines are each followed by <see cref="Environment.NewLine"/>,
/// as <c>StreamWriter.WriteLine</c> writes them. The bytes go through a pooled 16 KiB buffer into the operation's
/// typed write, so every whole-file method reports a failed write the same way.
/// </summary>
internal sealed class TextEncoder
{
    /// <summary>UTF-8 without a byte order mark that throws on invalid surrogates, like File's and StreamWriter's default.</summary>
    internal static readonly Encoding UTF8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int ChunkBytes = 16 * 1024;
    private const int Headroom = 64; // room for the longest sequence any encoder emits at once

    private readonly Encoder _encoder;
    private readonly byte[] _buffer;
    private int _filled;

    private TextEncoder(Encoding encoding, int expectedChars)
    {
        _encoder = encoding.GetEncoder();
        int size = Math.Max(Math.Min(ChunkBytes, encoding.GetMaxByteCount(Math.Min(expectedChars, ChunkBytes)) + Headroom), 2 * Headroom);
        _buffer = ArrayPool<byte>.Shared.Rent(size);
#if NET8_0_OR_GREATER
        ReadOnlySpan<byte> preamble = encoding.Preamble;
#else
        ReadOnlySpan<byte> preamble = encoding.GetPreamble();
#endif
        preamble.CopyTo(_buffer);
        _filled = preamble.Length;
    }

    private bool Full => _buffer.Length - _filled < Headroom;

    private ReadOnlyMemory<byte> Pending => new ReadOnlyMemory<byte>(_buffer, 0, _filled);

    private void Return() => ArrayPool<byte>.Shared.Return(_buffer);

    /// <summary>Encodes as much of <paramref name="text"/> as fits; returns how many characters were used and whether all of it (and, when flushing, the encoder's state) went in.</summary>
    private unsafe bool Encode(ReadOnlySpan<char> text, bool flush, out int charsUsed)
    {
        fixed (char* p = text)
        fixed (byte* b = _buffer)
        {
            char none = '\0';
            char* c = p == null ? &none : p; // Convert refuses a null pointer, also for zero characters
            _encoder.Convert(c, text.Length, b + _filled, _buffer.Length - _filled, flush, out charsUsed, out int bytesUsed, out bool completed);
            _filled += bytesUsed;
            return charsUsed == text.Length && (completed || !flush);
        }
    }

    private void Append(ReplaceOperation op, ReadOnlySpan<char> text, bool flush)
    {
        while (true)
        {
            if (Full)
            {
                op.Write(Pending.Span);
                _filled = 0;
            }

            bool done = Encode(text, flush, out int used);
            text = text.Slice(used);
            if (done)
            {
                return;
            }

            if (!Full && used == 0)
            {
                // The encoder wants more room than is left: write what there is.
                op.Write(Pending.Span);
                _filled = 0;
            }
        }
    }

    internal static void Write(ReplaceOperation op, ReadOnlySpan<char> text, Encoding encoding)
    {
        var sink = new TextEncoder(encoding, text.Length);
        try
        {
            sink.Append(op, text, flush: true);
            op.Write(sink.Pending.Span);
        }
        finally
        {
            sink.Return();
        }
    }

    internal static void WriteLines(ReplaceOperation op, IEnumerable<string> lines, Encoding encoding, CancellationToken cancellationToken)
    {
        var sink = new TextEncoder(encoding, ChunkBytes);
        try
        {
            string newLine = Environment.NewLine;
            foreach (string line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink.Append(op, line.AsSpan(), flush: false);
                sink.Append(op, newLine.AsSpan(), flush: false);
            }

            sink.Append(op, ReadOnlySpan<char>.Empty, flush: true);
            op.Write(sink.Pending.Span);
        }
        finally
        {
            sink.Return();
        }
    }

#if NET8_0_OR_GREATER
    private async ValueTask AppendAsync(ReplaceOperation op, ReadOnlyMemory<char> text, bool flush, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Full)
            {
                await op.WriteAsync(Pending, cancellationToken).ConfigureAwait(false);
                _filled = 0;
            }

            bool done = Encode(text.Span, flush, out int used);
            text = text.Slice(used);
            if (done)
            {
                return;
            }

            if (!Full && used == 0)
            {
                await op.WriteAsync(Pending, cancellationToken).ConfigureAwait(false);
                _filled = 0;
            }
        }
    }

    internal static async Task WriteAsync(ReplaceOperation op, ReadOnlyMemory<char> text, Encoding encoding, CancellationToken cancellationToken)
    {
        var sink = new TextEncoder(encoding, text.Length);
        try
        {
            await sink.AppendAsync(op, text, flush: true, cancellationToken).ConfigureAwait(false);
            await op.WriteAsync(sink.Pending, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sink.Return();
        }
    }

    internal static async Task WriteLinesAsync(ReplaceOperation op, IEnumerable<string> lines, Encoding encoding, CancellationToken cancellationToken)
    {
        var sink = new TextEncoder(encoding, ChunkBytes);
        try
        {
            ReadOnlyMemory<char> newLine = Environment.NewLine.AsMemory();
            foreach (string line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await sink.AppendAsync(op, line.AsMemory(), flush: false, cancellationToken).ConfigureAwait(false);
                await sink.AppendAsync(op, newLine, flush: false, cancellationToken).ConfigureAwait(false);
            }

            await sink.AppendAsync(op, ReadOnlyMemory<char>.Empty, flush: true, cancellationToken).ConfigureAwait(false);
            await op.WriteAsync(sink.Pending, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sink.Return();
        }
    }
#endif
}
