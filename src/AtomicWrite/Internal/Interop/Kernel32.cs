using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AtomicWrite.Internal;

/// <summary>The Win32 calls of the Windows recipe.</summary>
internal static class Kernel32
{
    internal const uint REPLACEFILE_IGNORE_MERGE_ERRORS = 0x2;
    internal const uint REPLACEFILE_IGNORE_ACL_ERRORS = 0x4;
    internal const uint MOVEFILE_REPLACE_EXISTING = 0x1;
    internal const uint MOVEFILE_COPY_ALLOWED = 0x2;
    internal const uint MOVEFILE_WRITE_THROUGH = 0x8;

    internal const int ERROR_SUCCESS = 0;
    internal const int ERROR_INVALID_FUNCTION = 1;
    internal const int ERROR_FILE_NOT_FOUND = 2;
    internal const int ERROR_PATH_NOT_FOUND = 3;
    internal const int ERROR_ACCESS_DENIED = 5;
    internal const int ERROR_NOT_SAME_DEVICE = 17;
    internal const int ERROR_SHARING_VIOLATION = 32;
    internal const int ERROR_LOCK_VIOLATION = 33;
    internal const int ERROR_NOT_SUPPORTED = 50;
    internal const int ERROR_INVALID_PARAMETER = 87;
    internal const int ERROR_USER_MAPPED_FILE = 1224;
    internal const int ERROR_UNABLE_TO_REMOVE_REPLACED = 1175;
    internal const int ERROR_UNABLE_TO_MOVE_REPLACEMENT = 1176;
    internal const int ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 = 1177;

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static extern bool FlushFileBuffers(SafeFileHandle handle);

    [DllImport("kernel32.dll", EntryPoint = "ReplaceFileW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static extern bool ReplaceFile(string replacedFileName, string replacementFileName, string? backupFileName, uint replaceFlags, IntPtr exclude, IntPtr reserved);

    [DllImport("kernel32.dll", EntryPoint = "MoveFileExW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static extern bool MoveFileEx(string existingFileName, string? newFileName, uint flags);

    [DllImport("kernel32.dll", EntryPoint = "DeleteFileW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static extern bool DeleteFile(string fileName);

    [DllImport("kernel32.dll", EntryPoint = "GetFileAttributesW", CharSet = CharSet.Unicode, SetLastError = true)]
    internal static extern uint GetFileAttributes(string fileName);
}
