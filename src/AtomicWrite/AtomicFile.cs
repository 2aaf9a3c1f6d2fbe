using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Internal;

namespace AtomicWrite;

/// <summary>
/// Durable, atomic whole-file writes: a drop-in mirror of <see cref="File"/>'s <c>WriteAll*</c> methods, plus a
/// streaming form that publishes only on commit.
/// </summary>
/// <remarks>
/// <para>
/// Each write creates a temp file with a random name in the target's directory, writes the content into it, flushes
/// it to stable storage, gives it the final permissions and renames it over the target; then it flushes the
/// directory. Readers and crashed processes see the old file or the new one, never a truncated or mixed file, and the
/// new content survives a power loss once the call returns (see <see cref="AtomicDurability"/> for weaker, faster
/// levels). The bytes written are exactly those <see cref="File"/> writes for the same arguments, byte order mark
/// included, so replacing <c>File.</c> with <c>AtomicFile.</c> changes nothing else.
/// </para>
/// <para>
/// Bad input throws what <see cref="File"/> throws (<see cref="ArgumentNullException"/>,
/// <see cref="ArgumentException"/>, <see cref="UnauthorizedAccessException"/>, <see cref="DirectoryNotFoundException"/>,
/// <see cref="PathTooLongException"/>, <see cref="IOException"/>), and leaves the original untouched with no temp
/// file. A failure of the recipe itself throws <see cref="AtomicWriteException"/>, which names the path, the OS error
/// and whether the original is unchanged. Unlike <see cref="File"/>, the directory must be writable even when the file
/// already exists, because the temp file is created there.
/// </para>
/// <para>See docs/runtime.md for the guarantees per operating system and file system.</para>
/// </remarks>
public static class AtomicFile
{
    // ---------------------------------------------------------------- WriteAllText (string)

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/> encoded as UTF-8 without a byte order mark, like
    /// <see cref="File.WriteAllText(string, string)"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes an empty file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed (see <see cref="AtomicWriteException.Reason"/>).</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllText(string path, string? contents) =>
        WriteAllText(path, contents.AsSpan(), TextEncoder.UTF8NoBom, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllText(string, string?)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes an empty file.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllText(string path, string? contents, AtomicWriteOptions options) =>
        WriteAllText(path, contents.AsSpan(), TextEncoder.UTF8NoBom, options);

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/> in <paramref name="encoding"/>, preceded by the
    /// encoding's preamble (byte order mark) when it has one, also for empty content, like
    /// <see cref="File.WriteAllText(string, string, Encoding)"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes only the preamble.</param>
    /// <param name="encoding">The encoding.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="encoding"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllText(string path, string? contents, Encoding encoding) =>
        WriteAllText(path, contents.AsSpan(), encoding, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllText(string, string?, Encoding)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes only the preamble.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllText(string path, string? contents, Encoding encoding, AtomicWriteOptions options) =>
        WriteAllText(path, contents.AsSpan(), encoding, options);

    // ---------------------------------------------------------------- WriteAllText (span)

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/> as UTF-8 without a byte order mark, like .NET 9's
    /// <c>File.WriteAllText(string, ReadOnlySpan&lt;char&gt;)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllText(string path, ReadOnlySpan<char> contents) =>
        WriteAllText(path, contents, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllText(string, ReadOnlySpan{char})"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllText(string path, ReadOnlySpan<char> contents, AtomicWriteOptions options) =>
        WriteAllText(path, contents, TextEncoder.UTF8NoBom, options);

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/> in <paramref name="encoding"/>, preamble first,
    /// like .NET 9's <c>File.WriteAllText(string, ReadOnlySpan&lt;char&gt;, Encoding)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="encoding">The encoding.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="encoding"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) =>
        WriteAllText(path, contents, encoding, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllText(string, ReadOnlySpan{char}, Encoding)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding, AtomicWriteOptions options)
    {
        Validate(path, encoding, options);
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            TextEncoder.Write(op, contents, encoding);
            op.Commit();
        }
        finally
        {
            op.Dispose();
        }
    }

    // ---------------------------------------------------------------- WriteAllTextAsync

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="contents"/> as UTF-8 without a byte order
    /// mark, like <c>File.WriteAllTextAsync(string, string, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes an empty file.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts; a cancelled write leaves the original untouched.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), TextEncoder.UTF8NoBom, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllTextAsync(string, string?, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes an empty file.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllTextAsync(string path, string? contents, AtomicWriteOptions options, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), TextEncoder.UTF8NoBom, options, cancellationToken);

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="contents"/> in
    /// <paramref name="encoding"/>, preamble first, like <c>File.WriteAllTextAsync(string, string, Encoding, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes only the preamble.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="encoding"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), encoding, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllTextAsync(string, string?, Encoding, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text; <see langword="null"/> or empty writes only the preamble.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllTextAsync(string path, string? contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents.AsMemory(), encoding, options, cancellationToken);

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="contents"/> as UTF-8 without a byte order
    /// mark, like .NET 9's <c>File.WriteAllTextAsync(string, ReadOnlyMemory&lt;char&gt;, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllTextAsync(string, ReadOnlyMemory{char}, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, AtomicWriteOptions options, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, TextEncoder.UTF8NoBom, options, cancellationToken);

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="contents"/> in
    /// <paramref name="encoding"/>, preamble first, like .NET 9's
    /// <c>File.WriteAllTextAsync(string, ReadOnlyMemory&lt;char&gt;, Encoding, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="encoding"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, encoding, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllTextAsync(string, ReadOnlyMemory{char}, Encoding, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken = default)
    {
        Validate(path, encoding, options);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return WriteTextAsyncCore(path, contents, encoding, options, cancellationToken);
    }

    // ---------------------------------------------------------------- WriteAllBytes

    /// <summary>Atomically replaces the file with <paramref name="bytes"/>, like <see cref="File.WriteAllBytes(string, byte[])"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="bytes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllBytes(string path, byte[] bytes) => WriteAllBytes(path, bytes, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllBytes(string, byte[])"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllBytes(string path, byte[] bytes, AtomicWriteOptions options)
    {
        ValidatePath(path);
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        WriteBytesCore(path, bytes, options);
    }

    /// <summary>
    /// Atomically replaces the file with <paramref name="bytes"/>, like .NET 9's <c>File.WriteAllBytes(string, ReadOnlySpan&lt;byte&gt;)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteAllBytes(path, bytes, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, AtomicWriteOptions options)
    {
        ValidatePath(path);
        WriteBytesCore(path, bytes, options);
    }

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="bytes"/>, like
    /// <c>File.WriteAllBytesAsync(string, byte[], CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="bytes"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, bytes, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllBytesAsync(string, byte[], CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllBytesAsync(string path, byte[] bytes, AtomicWriteOptions options, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        return WriteAllBytesAsync(path, new ReadOnlyMemory<byte>(bytes), options, cancellationToken);
    }

    /// <summary>
    /// Asynchronously and atomically replaces the file with <paramref name="bytes"/>, like .NET 9's
    /// <c>File.WriteAllBytesAsync(string, ReadOnlyMemory&lt;byte&gt;, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, bytes, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllBytesAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, AtomicWriteOptions options, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        ValidateOptions(options);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return WriteBytesAsyncCore(path, bytes, options, cancellationToken);
    }

    // ---------------------------------------------------------------- WriteAllLines

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/>, each line followed by
    /// <see cref="Environment.NewLine"/>, as UTF-8 without a byte order mark, like <see cref="File.WriteAllLines(string, string[])"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="contents"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllLines(string path, string[] contents) =>
        WriteAllLines(path, (IEnumerable<string>)contents, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllLines(string, string[])"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllLines(string path, string[] contents, AtomicWriteOptions options) =>
        WriteAllLines(path, (IEnumerable<string>)contents, TextEncoder.UTF8NoBom, options);

    /// <summary>
    /// Atomically replaces the file with <paramref name="contents"/> in <paramref name="encoding"/> (preamble first),
    /// each line followed by <see cref="Environment.NewLine"/>, like <see cref="File.WriteAllLines(string, string[], Encoding)"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="contents"/> or <paramref name="encoding"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllLines(string path, string[] contents, Encoding encoding) =>
        WriteAllLines(path, (IEnumerable<string>)contents, encoding, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllLines(string, string[], Encoding)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllLines(string path, string[] contents, Encoding encoding, AtomicWriteOptions options) =>
        WriteAllLines(path, (IEnumerable<string>)contents, encoding, options);

    /// <summary>
    /// Atomically replaces the file with the lines of <paramref name="contents"/> as UTF-8 without a byte order mark,
    /// like <see cref="File.WriteAllLines(string, IEnumerable{string})"/>. The sequence is enumerated once, while the
    /// temp file is written; if enumeration throws, nothing is published.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="contents"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllLines(string path, IEnumerable<string> contents) =>
        WriteAllLines(path, contents, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllLines(string, IEnumerable{string})"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllLines(string path, IEnumerable<string> contents, AtomicWriteOptions options) =>
        WriteAllLines(path, contents, TextEncoder.UTF8NoBom, options);

    /// <summary>
    /// Atomically replaces the file with the lines of <paramref name="contents"/> in <paramref name="encoding"/>,
    /// like <see cref="File.WriteAllLines(string, IEnumerable{string}, Encoding)"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="contents"/> or <paramref name="encoding"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">A step of the replacement failed.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The file was replaced but the directory flush failed.</exception>
    public static void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) =>
        WriteAllLines(path, contents, encoding, AtomicWriteOptions.Default);

    /// <inheritdoc cref="WriteAllLines(string, IEnumerable{string}, Encoding)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding, AtomicWriteOptions options)
    {
        Validate(path, encoding, options);
        if (contents is null)
        {
            throw new ArgumentNullException(nameof(contents));
        }

        WriteLinesCore(path, contents, encoding, options, CancellationToken.None);
    }

    /// <summary>
    /// Asynchronously and atomically replaces the file with the lines of <paramref name="contents"/> as UTF-8 without
    /// a byte order mark, like <c>File.WriteAllLinesAsync(string, IEnumerable&lt;string&gt;, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="contents"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllLinesAsync(string, IEnumerable{string}, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, AtomicWriteOptions options, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, TextEncoder.UTF8NoBom, options, cancellationToken);

    /// <summary>
    /// Asynchronously and atomically replaces the file with the lines of <paramref name="contents"/> in
    /// <paramref name="encoding"/>, like <c>File.WriteAllLinesAsync(string, IEnumerable&lt;string&gt;, Encoding, CancellationToken)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    /// <returns>A task that completes when the file is replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="contents"/> or <paramref name="encoding"/> is <see langword="null"/> (thrown synchronously).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty (thrown synchronously).</exception>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, encoding, AtomicWriteOptions.Default, cancellationToken);

    /// <inheritdoc cref="WriteAllLinesAsync(string, IEnumerable{string}, Encoding, CancellationToken)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The lines.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    /// <param name="cancellationToken">Cancels the write until the publishing step starts.</param>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken = default)
    {
        Validate(path, encoding, options);
        if (contents is null)
        {
            throw new ArgumentNullException(nameof(contents));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return WriteLinesAsyncCore(path, contents, encoding, options, cancellationToken);
    }

    // ---------------------------------------------------------------- streaming

    /// <summary>
    /// Opens a write-only stream whose content replaces <paramref name="path"/> atomically when
    /// <see cref="AtomicFileStream.Commit"/> is called. Disposing it without committing leaves the file untouched.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <returns>The stream; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">The path is a refused symbolic link or not a regular file.</exception>
    public static AtomicFileStream Create(string path) => Create(path, AtomicWriteOptions.Default);

    /// <inheritdoc cref="Create(string)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static AtomicFileStream Create(string path, AtomicWriteOptions options)
    {
        ValidatePath(path);
        ValidateOptions(options);
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            return new AtomicFileStream(op);
        }
        catch
        {
            op.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a text writer (UTF-8 without a byte order mark, like <see cref="File.CreateText(string)"/>) whose text
    /// replaces <paramref name="path"/> atomically when <see cref="AtomicStreamWriter.Commit"/> is called.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <returns>The writer; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">The path is a refused symbolic link or not a regular file.</exception>
    public static AtomicStreamWriter CreateText(string path) => CreateText(path, TextEncoder.UTF8NoBom, AtomicWriteOptions.Default);

    /// <summary>
    /// Opens a text writer in <paramref name="encoding"/> (its preamble is written first, as
    /// <see cref="StreamWriter"/> does) whose text replaces <paramref name="path"/> atomically on commit.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The writer; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="encoding"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory, or the directory is not writable.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PathTooLongException">The path or a component of it is too long.</exception>
    /// <exception cref="AtomicWriteException">The path is a refused symbolic link or not a regular file.</exception>
    public static AtomicStreamWriter CreateText(string path, Encoding encoding) => CreateText(path, encoding, AtomicWriteOptions.Default);

    /// <inheritdoc cref="CreateText(string, Encoding)"/>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="encoding">The encoding.</param>
    /// <param name="options">Durability, permissions and symlink handling.</param>
    public static AtomicStreamWriter CreateText(string path, Encoding encoding, AtomicWriteOptions options)
    {
        Validate(path, encoding, options);
        AtomicFileStream stream = Create(path, options);
        try
        {
            return new AtomicStreamWriter(stream, encoding);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    // ---------------------------------------------------------------- core

    private static void WriteBytesCore(string path, ReadOnlySpan<byte> bytes, AtomicWriteOptions options)
    {
        ValidateOptions(options);
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            op.Write(bytes);
            op.Commit();
        }
        finally
        {
            op.Dispose();
        }
    }

    private static void WriteLinesCore(string path, IEnumerable<string> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken)
    {
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            // The bytes StreamWriter.WriteLine writes (File.WriteAllLines uses it), through the operation's typed writes.
            TextEncoder.WriteLines(op, contents, encoding, cancellationToken);
            op.Commit(cancellationToken);
        }
        finally
        {
            op.Dispose();
        }
    }

    // The async forms open the temp on the calling thread, as File's do; on net8.0 the writes are
    // RandomAccess.WriteAsync calls and only the commit (fsync, close, rename, directory fsync) runs on a thread-pool
    // thread. The token is observed until the rename starts.
#if NET8_0_OR_GREATER
    private static async Task WriteBytesAsyncCore(string path, ReadOnlyMemory<byte> bytes, AtomicWriteOptions options, CancellationToken cancellationToken)
    {
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            await op.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await op.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            op.Dispose();
        }
    }

    private static async Task WriteTextAsyncCore(string path, ReadOnlyMemory<char> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken)
    {
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            await TextEncoder.WriteAsync(op, contents, encoding, cancellationToken).ConfigureAwait(false);
            await op.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            op.Dispose();
        }
    }

    private static async Task WriteLinesAsyncCore(string path, IEnumerable<string> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken)
    {
        ReplaceOperation op = ReplaceOperation.Begin(path, options);
        try
        {
            await TextEncoder.WriteLinesAsync(op, contents, encoding, cancellationToken).ConfigureAwait(false);
            await op.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            op.Dispose();
        }
    }
#else
    private static Task WriteBytesAsyncCore(string path, ReadOnlyMemory<byte> bytes, AtomicWriteOptions options, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                ReplaceOperation op = ReplaceOperation.Begin(path, options);
                try
                {
                    ReadOnlySpan<byte> data = bytes.Span;
                    const int chunk = 1 << 20;
                    while (data.Length > chunk)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        op.Write(data.Slice(0, chunk));
                        data = data.Slice(chunk);
                    }

                    op.Write(data);
                    op.Commit(cancellationToken);
                }
                finally
                {
                    op.Dispose();
                }
            },
            cancellationToken);

    private static Task WriteTextAsyncCore(string path, ReadOnlyMemory<char> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                ReplaceOperation op = ReplaceOperation.Begin(path, options);
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    TextEncoder.Write(op, contents.Span, encoding);
                    op.Commit(cancellationToken);
                }
                finally
                {
                    op.Dispose();
                }
            },
            cancellationToken);

    private static Task WriteLinesAsyncCore(string path, IEnumerable<string> contents, Encoding encoding, AtomicWriteOptions options, CancellationToken cancellationToken) =>
        Task.Run(() => WriteLinesCore(path, contents, encoding, options, cancellationToken), cancellationToken);
#endif

    // ---------------------------------------------------------------- Replace

    /// <summary>
    /// Durably replaces <paramref name="destinationFileName"/> with <paramref name="sourceFileName"/>, a file written
    /// elsewhere, optionally keeping the old destination as <paramref name="destinationBackupFileName"/>: the
    /// crash-safe counterpart of <see cref="File.Replace(string, string, string?)"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The source's data is flushed to stable storage and the source gets the destination's mode and owner (Unix; on
    /// Windows <c>ReplaceFileW</c> keeps the destination's ACL and attributes). The backup, when asked for, is a second
    /// name for the old destination (a hard link, renamed over any old backup), flushed with its directory before the
    /// destination changes. Then the source is renamed over the destination (never copied) and the directories are
    /// flushed. After a crash at any point the destination holds either its old content or the new one, and a backup
    /// that was asked for holds the old content whenever the destination holds the new.
    /// </para>
    /// <para>
    /// All three files must be on one file system: otherwise <see cref="AtomicWriteException"/> with
    /// <see cref="AtomicWriteFailure.CrossDevice"/> is thrown and nothing is changed. Bad arguments and missing files
    /// throw what <see cref="File.Replace(string, string, string?)"/> throws.
    /// </para>
    /// </remarks>
    /// <param name="sourceFileName">The file with the new content; it is gone afterwards.</param>
    /// <param name="destinationFileName">The file to replace; it must exist.</param>
    /// <param name="destinationBackupFileName">Where the old destination is kept, or <see langword="null"/> for no backup.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sourceFileName"/> or <paramref name="destinationFileName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A path is empty or contains a NUL character.</exception>
    /// <exception cref="FileNotFoundException">The source or the destination does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The source or the destination is a directory, or the destination is read-only.</exception>
    /// <exception cref="DirectoryNotFoundException">The backup's directory does not exist.</exception>
    /// <exception cref="IOException">The source and the destination (or the backup) are the same file, or the backup is a directory.</exception>
    /// <exception cref="AtomicWriteException">A step failed (see <see cref="AtomicWriteException.Reason"/>), for example <see cref="AtomicWriteFailure.CrossDevice"/>.</exception>
    /// <exception cref="DurabilityUnconfirmedException">The destination was replaced but the directory flush failed.</exception>
    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false, AtomicWriteOptions.Default);

    /// <inheritdoc cref="Replace(string, string, string?)"/>
    /// <param name="sourceFileName">The file with the new content; it is gone afterwards.</param>
    /// <param name="destinationFileName">The file to replace; it must exist.</param>
    /// <param name="destinationBackupFileName">Where the old destination is kept, or <see langword="null"/> for no backup.</param>
    /// <param name="ignoreMetadataErrors">
    /// Go on when the destination's mode and owner (Unix) or attributes and ACL (Windows) cannot be given to the
    /// replacement, like <see cref="File.Replace(string, string, string?, bool)"/>.
    /// </param>
    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors, AtomicWriteOptions.Default);

    /// <inheritdoc cref="Replace(string, string, string?)"/>
    /// <param name="sourceFileName">The file with the new content; it is gone afterwards.</param>
    /// <param name="destinationFileName">The file to replace; it must exist.</param>
    /// <param name="destinationBackupFileName">Where the old destination is kept, or <see langword="null"/> for no backup.</param>
    /// <param name="options">
    /// Durability, whether the destination's mode and owner are kept (<see cref="AtomicWriteOptions.PreserveExistingPermissions"/>),
    /// the destination's symlink handling and the Windows retry budget.
    /// </param>
    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, AtomicWriteOptions options) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false, options);

    /// <inheritdoc cref="Replace(string, string, string?)"/>
    /// <param name="sourceFileName">The file with the new content; it is gone afterwards.</param>
    /// <param name="destinationFileName">The file to replace; it must exist.</param>
    /// <param name="destinationBackupFileName">Where the old destination is kept, or <see langword="null"/> for no backup.</param>
    /// <param name="ignoreMetadataErrors">Go on when the destination's permissions cannot be given to the replacement.</param>
    /// <param name="options">Durability, permissions, the destination's symlink handling and the Windows retry budget.</param>
    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors, AtomicWriteOptions options)
    {
        if (sourceFileName is null)
        {
            throw new ArgumentNullException(nameof(sourceFileName));
        }

        if (destinationFileName is null)
        {
            throw new ArgumentNullException(nameof(destinationFileName));
        }

        ValidateOptions(options);
        string source = ReplaceOperation.ValidateAndGetFullPath(sourceFileName);
        string destination = ReplaceOperation.ValidateAndGetFullPath(destinationFileName);
        string? backup = destinationBackupFileName is null ? null : ReplaceOperation.ValidateAndGetFullPath(destinationBackupFileName);
        if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
        {
            WindowsFileReplacer.Replace(source, destination, backup, ignoreMetadataErrors, options);
        }
        else
        {
            UnixFileReplacer.Replace(source, destination, backup, ignoreMetadataErrors, options);
        }
    }

    private static void ValidatePath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Length == 0)
        {
            throw new ArgumentException("The value cannot be an empty string.", nameof(path));
        }
    }

    private static void ValidateOptions(AtomicWriteOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }
    }

    private static void Validate(string path, Encoding encoding, AtomicWriteOptions options)
    {
        ValidatePath(path);
        if (encoding is null)
        {
            throw new ArgumentNullException(nameof(encoding));
        }

        ValidateOptions(options);
    }
}
