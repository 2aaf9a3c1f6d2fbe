using System;
using System.Buffers;
using System.Text;

namespace AtomicWrite.Internal;

/// <summary>
/// Encodes text the way <c>System.IO.File.WriteAllText</c> does: the encoding's preamble first (also for empty
/// content), then the characters through one encoder, flushed at the end, into a pooled buffer.
/// </summary>
internal static class TextEncoder
{
    /// <summary>UTF-8 without a byte order mark that throws on invalid surrogates, like File's and StreamWriter's default.</summary>
    internal static readonly Encoding UTF8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int ChunkBytes = 16 * 1024;

    internal static unsafe void Write(ReplaceOperation op, ReadOnlySpan<char> text, Encoding encoding, System.Threading.CancellationToken cancellationToken = default)
    {
#if NET8_0_OR_GREATER
        ReadOnlySpan<byte> preamble = encoding.Preamble;
#else
        ReadOnlySpan<byte> preamble = encoding.GetPreamble();
#endif
        op.Write(preamble);
        if (text.IsEmpty)
        {
            return;
        }

        Encoder encoder = encoding.GetEncoder();
        int size = Math.Max(Math.Min(ChunkBytes, encoding.GetMaxByteCount(Math.Min(text.Length, ChunkBytes))), 64);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            bool completed = false;
            while (!completed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int charsUsed, bytesUsed;
                fixed (char* c = text)
                fixed (byte* b = buffer)
                {
                    encoder.Convert(c, text.Length, b, buffer.Length, flush: true, out charsUsed, out bytesUsed, out completed);
                }

                op.Write(new ReadOnlySpan<byte>(buffer, 0, bytesUsed));
                text = text.Slice(charsUsed);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
