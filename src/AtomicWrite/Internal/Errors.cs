using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AtomicWrite.Internal;

/// <summary>Builds the exceptions: the same types as <c>System.IO.File</c> for bad input, typed ones for the recipe.</summary>
internal static class Errors
{
    internal const string Unchanged = "The original file is unchanged and no temp file was left behind.";

    /// <summary>The errno behind a .NET IOException on Unix (its HResult carries the raw errno), else EIO.</summary>
    internal static int ErrnoOf(IOException e) => e.HResult > 0 && e.HResult < 4096 ? e.HResult : Libc.EIO;

    /// <summary>The errno behind an exception from opening a file through the BCL (File.OpenHandle).</summary>
    internal static int ErrnoOfOpen(Exception e) => e switch
    {
        PathTooLongException => Libc.ENAMETOOLONG,
        DirectoryNotFoundException or FileNotFoundException => Libc.ENOENT,
        UnauthorizedAccessException => Libc.EACCES,
        IOException io when io.HResult == 80 || io.HResult == unchecked((int)0x80070050) => Libc.EEXIST, // ERROR_FILE_EXISTS
        IOException io => ErrnoOf(io),
        _ => Libc.EIO,
    };

    internal static string Describe(int error)
    {
        string text;
        try
        {
#if NET8_0_OR_GREATER
            text = Marshal.GetPInvokeErrorMessage(error);
#else
            text = new System.ComponentModel.Win32Exception(error).Message;
#endif
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text = "error";
        }

        string? name = ErrnoName(error);
        return name is null ? $"OS error {error}: {text}" : $"{name} (errno {error}): {text}";
    }

    private static string? ErrnoName(int error)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        if (error == Libc.ENAMETOOLONG)
        {
            return "ENAMETOOLONG";
        }

        if (error == Libc.ELOOP)
        {
            return "ELOOP";
        }

        if (error == Libc.ENOTSUP)
        {
            return "ENOTSUP";
        }

        if (error == Libc.EWOULDBLOCK)
        {
            return "EWOULDBLOCK";
        }

        return error switch
        {
            Libc.EPERM => "EPERM",
            Libc.ENOENT => "ENOENT",
            Libc.EINTR => "EINTR",
            Libc.EIO => "EIO",
            Libc.EBADF => "EBADF",
            Libc.EACCES => "EACCES",
            Libc.EBUSY => "EBUSY",
            Libc.EEXIST => "EEXIST",
            Libc.EXDEV => "EXDEV",
            Libc.ENOTDIR => "ENOTDIR",
            Libc.EISDIR => "EISDIR",
            Libc.EINVAL => "EINVAL",
            Libc.EFBIG => "EFBIG",
            Libc.ENOSPC => "ENOSPC",
            Libc.EROFS => "EROFS",
            122 when Libc.IsLinux => "EDQUOT",
            _ => null,
        };
    }

    /// <summary>
    /// The exception <c>System.IO.File</c> throws for an errno from opening or creating a file, with a message that
    /// also says the original is unchanged.
    /// </summary>
    internal static Exception ForOpen(int errno, string path)
    {
        string tail = " " + Describe(errno) + ". " + Unchanged;
        if (errno == Libc.ENOENT || errno == Libc.ENOTDIR)
        {
            return new DirectoryNotFoundException($"Could not find a part of the path '{path}'." + tail);
        }

        if (errno == Libc.EACCES || errno == Libc.EPERM || errno == Libc.EISDIR || errno == Libc.EBADF)
        {
            return new UnauthorizedAccessException($"Access to the path '{path}' is denied." + tail);
        }

        if (errno == Libc.ENAMETOOLONG)
        {
            return new PathTooLongException($"The path '{path}' is too long, or a component of the specified path is too long." + tail);
        }

        if (errno == Libc.ELOOP)
        {
            return new IOException($"Too many levels of symbolic links: '{path}'." + tail, errno);
        }

        return new IOException($"Could not create a temp file next to '{path}'." + tail, errno);
    }

    /// <summary>What a replace throws, before it changes anything, when <paramref name="path"/> is not a regular file.</summary>
    internal static AtomicWriteException NotARegularFile(string path, string message) =>
        new AtomicWriteException(message, path, AtomicWriteFailure.NotARegularFile, 0, originalUnchanged: true);

    internal static AtomicWriteException Step(string path, AtomicWriteFailure reason, string step, int errno, bool originalUnchanged, Exception? inner = null)
    {
        string state = originalUnchanged
            ? Unchanged
            : "The original file may have been changed.";
        return new AtomicWriteException($"Could not replace '{path}' atomically: {step} failed with {Describe(errno)}. {state}", path, reason, errno, originalUnchanged, inner);
    }

    internal static AtomicWriteFailure ReasonForRename(int errno) =>
        errno == Libc.EXDEV ? AtomicWriteFailure.CrossDevice
        : errno == Libc.EBUSY ? AtomicWriteFailure.Busy
        : AtomicWriteFailure.RenameFailed;

    internal static string RenameStep(int errno) =>
        errno == Libc.EXDEV ? "rename (the temp file and the target are on different file systems; no copy fallback is attempted)"
        : errno == Libc.EBUSY ? "rename (the target is busy, typically a single file bind-mounted into a container; mount its directory instead)"
        : "rename";
}
