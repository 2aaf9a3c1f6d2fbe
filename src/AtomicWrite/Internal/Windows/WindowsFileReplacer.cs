using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AtomicWrite.Internal;

/// <summary>
/// <see cref="AtomicFile.Replace(string, string, string?)"/> on Windows: FlushFileBuffers on the source, then
/// <c>ReplaceFileW</c> through <see cref="WindowsReplaceLogic.Replace"/>. Windows has no directory flush.
/// </summary>
internal static class WindowsFileReplacer
{
    internal static void Replace(string sourceFull, string destinationFull, string? backupFull, bool ignoreMetadataErrors, AtomicWriteOptions options)
    {
        CheckFile(sourceFull);
        CheckFile(destinationFull);
        if (options.Durability != AtomicDurability.None)
        {
            using var stream = new FileStream(sourceFull, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            int injected = FaultInjection.Check(FaultStep.Fsync);
            if (injected != 0 || !Kernel32.FlushFileBuffers(stream.SafeFileHandle))
            {
                int error = injected != 0 ? injected : Marshal.GetLastWin32Error();
                throw Errors.Step(destinationFull, AtomicWriteFailure.FlushFailed, $"FlushFileBuffers of the source '{sourceFull}'", error, originalUnchanged: true);
            }
        }

        string park = TempNames.Create(Path.GetDirectoryName(destinationFull)!, Path.GetFileName(destinationFull));
        WindowsReplaceLogic.Replace(new WindowsReplaceOperation.Win32FileOps(), sourceFull, destinationFull, backupFull, park, ignoreMetadataErrors, options.SharingViolationRetryBudget, new Random());
    }

    private static void CheckFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UnauthorizedAccessException($"The specified path '{path}' is not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Could not find file '{path}'.", path);
        }
    }
}
