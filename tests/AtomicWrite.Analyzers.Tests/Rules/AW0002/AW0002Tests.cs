using System.Threading.Tasks;
using AtomicWrite.Analyzers.HandRolledReplace;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using ReplaceVerify = AtomicWrite.Analyzers.Tests.Verify.SingleAnalyzer<AtomicWrite.Analyzers.Rules.HandRolledReplaceAnalyzer>;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

public class AW0002Tests
{
    private static DiagnosticResult Expect(int location, string target, AW0002Flaw flaws, int? replace = null)
    {
        var result = ReplaceVerify.Diagnostic("AW0002").WithLocation(location);
        if (replace is { } additional)
        {
            // The replace that publishes the temp, as an additional location.
            result = result.WithLocation(additional);
        }

        return result.WithArguments(target, AW0002TypeEvaluator.Describe(flaws));
    }

    [Fact]
    public async Task CorrectSequence_FlushTrue_IsQuiet()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"");
        using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        File.Move(tmp, path, true);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task CorrectSequence_WriteThrough_FileReplace_IsQuiet()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        string tmp = $""{path}.{Path.GetRandomFileName()}"";
        using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            fs.Write(data, 0, data.Length);
        }
        File.Replace(tmp, path, path + "".bak"");
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task NoFlushToDisk_PlainFlushAndDispose_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid() + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush();
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush, replace: 9));
    }

    [Fact]
    public async Task FlushFalse_DoesNotCount()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid() + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(false);
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush, replace: 9));
    }

    [Fact]
    public async Task FixedTempName_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        {|#9:File.Move(tmp, path, overwrite: true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.FixedTempName, replace: 9));
    }

    [Fact]
    public async Task FixedTempName_ChangeExtension_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        string tmp = Path.ChangeExtension(path, "".partial"");
        using (var fs = {|#0:File.Open(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(flushToDisk: true);
        }
        {|#9:File.Replace(tmp, path, null)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.FixedTempName, replace: 9));
    }

    [Fact]
    public async Task TempElsewhere_GetTempFileName_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, string text)
    {
        string tmp = Path.GetTempFileName();
        {|#0:File.WriteAllText(tmp, text)|};
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.TempElsewhere, replace: 9));
    }

    [Fact]
    public async Task TempElsewhere_GetTempPath_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString(""N""));
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)|})
        {
            fs.Write(data, 0, data.Length);
        }
        {|#9:File.Copy(tmp, path, true)|};
        File.Delete(tmp);
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.TempElsewhere, replace: 9));
    }

    [Fact]
    public async Task DeleteThenMove_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""-"" + Guid.NewGuid();
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        {|#9:File.Move(tmp, path)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.DeleteThenMove, replace: 9));
    }

    [Fact]
    public async Task MoveTargetAwayThenMove_ReportsOnlyThePublish()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""-"" + Guid.NewGuid();
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        var backup = path + "".bak"";
        File.Delete(backup);
        File.Move(path, backup);
        {|#9:File.Move(tmp, path)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.DeleteThenMove, replace: 9));
    }

    [Fact]
    public async Task PublishInFinally_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, Action<Stream> write)
    {
        var tmp = path + ""."" + Guid.NewGuid();
        var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|};
        try
        {
            write(fs);
            fs.Flush(true);
        }
        finally
        {
            fs.Dispose();
            {|#9:File.Move(tmp, path, true)|};
        }
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.PublishAfterFailure, replace: 9));
    }

    [Fact]
    public async Task PublishAfterSwallowedWriteFailure_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, Func<byte[]> produce)
    {
        var tmp = path + ""."" + Guid.NewGuid();
        try
        {
            using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)|})
            {
                var data = produce();
                fs.Write(data, 0, data.Length);
            }
        }
        catch (IOException e)
        {
            Console.WriteLine(e.Message);
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.PublishAfterFailure, replace: 9));
    }

    [Fact]
    public async Task PublishInFinally_GuardedBySuccessFlag_IsQuiet()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, Action<Stream> write)
    {
        var tmp = path + ""."" + Guid.NewGuid();
        bool written = false;
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew))
            {
                write(fs);
                fs.Flush(true);
            }
            written = true;
        }
        finally
        {
            if (written)
            {
                File.Move(tmp, path, true);
            }
            else
            {
                File.Delete(tmp);
            }
        }
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task TruncatingTemp_FileModeCreate_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid();
        using (var fs = {|#0:new FileStream(tmp, FileMode.Create)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task StaleTemp_OpenWrite_Reported()
    {
        const string source = @"
using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid();
        using (var fs = {|#0:File.OpenWrite(tmp)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.StaleTemp, replace: 9));
    }

    [Fact]
    public async Task WriteAllTextThenMove_ReportsEveryFlaw()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task InlineTempExpression_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, byte[] bytes)
    {
        {|#0:File.WriteAllBytes(path + "".new"", bytes)|};
        {|#9:File.Move(path + "".new"", path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task XmlSerializerIntoTempStream_Reported()
    {
        const string source = @"
using System.IO;
using System.Xml.Serialization;
public class Settings { public string Name { get; set; } = """"; }
class Store
{
    public void Save(string path, Settings settings)
    {
        string tempPath = path + "".tmp"";
        var serializer = new XmlSerializer(typeof(Settings));
        using (var stream = {|#0:new FileStream(tempPath, FileMode.Create, FileAccess.Write)|})
        {
            serializer.Serialize(stream, settings);
        }
        if (File.Exists(path))
            File.Delete(path);
        {|#9:File.Move(tempPath, path)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.DeleteThenMove | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task JsonSerializerIntoUsingDeclaration_MovedWhileOpen_Reported()
    {
        const string source = @"
using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
class Store
{
    public async Task SaveAsync<T>(string path, T value)
    {
        var tmp = $""{path}.{Guid.NewGuid():N}"";
        await using var stream = {|#0:new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)|};
        await JsonSerializer.SerializeAsync(stream, value);
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.TempStillOpen, replace: 9));
    }

    [Fact]
    public async Task XDocumentSaveToTemp_Reported()
    {
        const string source = @"
using System.IO;
using System.Xml.Linq;
class Store
{
    public void Save(string path, XDocument document)
    {
        var tmp = path + "".tmp"";
        {|#0:document.Save(tmp)|};
        {|#9:File.Replace(tmp, path, null)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task FieldTemp_WrittenAndMovedInOneMethod_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    private readonly string _path;
    private readonly string _tempPath;

    public Store(string path)
    {
        _path = path;
        _tempPath = path + "".tmp"";
    }

    public void Save(string text)
    {
        using (var writer = {|#0:new StreamWriter(_tempPath)|})
        {
            writer.Write(text);
        }
        {|#9:File.Move(_tempPath, _path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "_path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task PropertyTemp_WrittenInCallers_ReplacedInHelper_ReportedAtEachWrite()
    {
        const string source = @"
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
class Storage<T>
{
    protected string FilePath { get; init; } = """";
    private string TempFilePath => $""{FilePath}.tmp"";
    private string BackupFilePath => $""{FilePath}.bak"";

    public void Save(T data)
    {
        {|#0:File.WriteAllText(TempFilePath, JsonSerializer.Serialize(data))|};
        Publish();
    }

    public async Task SaveAsync(T data)
    {
        await using var output = {|#1:File.OpenWrite(TempFilePath)|};
        await JsonSerializer.SerializeAsync(output, data);
        Publish();
    }

    public void Restore()
    {
        File.Replace(BackupFilePath, FilePath, null);
    }

    private void Publish()
    {
        if (!File.Exists(FilePath))
            {|#8:File.Move(TempFilePath, FilePath)|};
        else
            {|#9:File.Replace(TempFilePath, FilePath, BackupFilePath)|};
    }
}";
        await ReplaceVerify.VerifyAsync(
            source,
            Expect(0, "FilePath", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 8).WithLocation(9),
            Expect(1, "FilePath", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.StaleTemp | AW0002Flaw.TempStillOpen, replace: 8).WithLocation(9));
    }

    [Fact]
    public async Task HomeMadeAtomicStream_DisposeRenames_ReportedAtRename_AndOpenFlawAtTheOpen()
    {
        const string source = @"
using System;
using System.IO;
class SafeWriteStream : FileStream
{
    private readonly string temporaryPath;
    private readonly string finalPath;
    private bool isDisposed;

    public SafeWriteStream(string temporaryPath, string finalPath)
        {|#1:: base(temporaryPath, FileMode.Create, FileAccess.Write)|}
    {
        this.temporaryPath = temporaryPath;
        this.finalPath = finalPath;
    }

    public static Stream Open(string path) => new SafeWriteStream(path + ""_"" + Guid.NewGuid(), path);

    protected override void Dispose(bool disposing)
    {
        if (!isDisposed)
        {
            Flush(true);
        }

        base.Dispose(disposing);
        if (!isDisposed)
        {
            File.Delete(finalPath);
            {|#0:File.Move(temporaryPath, finalPath)|};
            isDisposed = true;
        }
    }
}";
        await ReplaceVerify.VerifyAsync(
            source,
            Expect(1, "finalPath", AW0002Flaw.TruncatingTemp, replace: 0),
            Expect(0, "finalPath", AW0002Flaw.DeleteThenMove | AW0002Flaw.PublishAfterFailure));
    }

    [Fact]
    public async Task AtomicStreamClass_WithCommitFlag_IsQuiet()
    {
        const string source = @"
using System;
using System.IO;
sealed class CommittingStream : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private bool _committed;

    public CommittingStream(string path)
    {
        _path = path;
        _temp = path + ""."" + Guid.NewGuid().ToString(""N"");
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
    }

    public Stream Stream => _stream;

    public void Commit()
    {
        _stream.Flush(true);
        _committed = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_committed)
            File.Move(_temp, _path, true);
        else
            File.Delete(_temp);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task WrapperStreamClass_DisposePublishesWithoutCommit_Reported()
    {
        const string source = @"
using System;
using System.IO;
sealed class SafeFile : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;

    public SafeFile(string path)
    {
        _path = path;
        _temp = path + ""."" + Guid.NewGuid().ToString(""N"");
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
    }

    public Stream Stream => _stream;

    public void Dispose()
    {
        _stream.Dispose();
        {|#0:File.Move(_temp, _path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "_path", AW0002Flaw.PublishAfterFailure));
    }

    [Fact]
    public async Task PInvokeMoveFileEx_Reported()
    {
        const string source = @"
using System.IO;
using System.Runtime.InteropServices;
static class Native
{
    [DllImport(""kernel32.dll"", CharSet = CharSet.Unicode, SetLastError = true)]
    public static extern bool MoveFileEx(string existingFileName, string newFileName, int flags);
}
class Store
{
    public void Save(string path, byte[] bytes)
    {
        string tmp = path + "".~tmp"";
        {|#0:File.WriteAllBytes(tmp, bytes)|};
        {|#9:Native.MoveFileEx(tmp, path, 1)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task PInvokeRename_AfterFsync_FixedNameOnly()
    {
        const string source = @"
using System.IO;
using System.Runtime.InteropServices;
static class Libc
{
    [DllImport(""libc"", SetLastError = true)]
    public static extern int rename(string oldpath, string newpath);

    [DllImport(""libc"", SetLastError = true)]
    public static extern int fsync(int fd);
}
class Store
{
    public void Save(string path, byte[] bytes, int fd)
    {
        string tmp = path + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.CreateNew)|})
        {
            fs.Write(bytes, 0, bytes.Length);
        }
        Libc.fsync(fd);
        {|#9:Libc.rename(tmp, path)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.FixedTempName, replace: 9));
    }

    [Fact]
    public async Task FileInfoMoveTo_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, string text)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, text)|};
        var info = new FileInfo(tmp);
        {|#9:info.MoveTo(path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task FixedNameAndTruncatingOpen_InsideLock_WithWriteThrough_IsQuiet()
    {
        const string source = @"
using System.IO;
class Store
{
    private readonly object _gate = new object();

    public void Save(string filePath, byte[] data)
    {
        lock (_gate)
        {
            string tempFilePath = filePath + "".temp"";
            using (var fs = new FileStream(tempFilePath, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
            {
                fs.Write(data, 0, data.Length);
            }
            if (File.Exists(filePath))
                File.Replace(tempFilePath, filePath, filePath + "".bak"", true);
            else
                File.Move(tempFilePath, filePath);
        }
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task UserDeleteAndMoveHelpers_DeleteThenMove_Reported()
    {
        const string source = @"
using System.IO;
static class FileHelpers
{
    public static void Delete(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    public static void Move(string source, string destination)
    {
        File.Move(source, destination);
    }

    public static void Replace(string sourceFileName, string destFileName)
    {
        {|#0:Delete(destFileName)|};
        {|#9:Move(sourceFileName, destFileName)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "destFileName", AW0002Flaw.DeleteThenMove, replace: 9));
    }

    [Fact]
    public async Task MoveUtilityWithOverwrite_IsQuiet()
    {
        const string source = @"
using System.IO;
static class Files
{
    public static string MoveToFolder(string filePath, string folder, bool overwrite)
    {
        string destination = Path.Combine(folder, Path.GetFileName(filePath));
        if (overwrite && File.Exists(destination))
        {
            File.Delete(destination);
        }

        File.Move(filePath, destination);
        return destination;
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task SaveMethod_DeleteThenMoveOfAPreparedFile_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    public void SaveFrom(string prepared, string path)
    {
        {|#0:File.Delete(path)|};
        {|#9:File.Move(prepared, path)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.DeleteThenMove, replace: 9));
    }

    [Fact]
    public async Task BackupCopyAfterDeletingOldBackup_IsQuiet()
    {
        const string source = @"
using System.IO;
class Presets
{
    private readonly string _file = ""presets.json"";
    private readonly string _backup = ""presets.json.bak"";

    public void SaveBackup()
    {
        if (File.Exists(_backup))
        {
            File.Delete(_backup);
        }
        File.Copy(_file, _backup);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task PInvokeReplaceFile_TargetComesFirst_Reported()
    {
        const string source = @"
using System;
using System.IO;
using System.Runtime.InteropServices;
static class Native
{
    [DllImport(""kernel32.dll"", CharSet = CharSet.Unicode, SetLastError = true)]
    public static extern bool ReplaceFileW(string replaced, string replacement, string? backup, int flags, IntPtr exclude, IntPtr reserved);
}
class Store
{
    public void Save(string settingsPath, string json)
    {
        var replacement = settingsPath + ""."" + Guid.NewGuid();
        {|#0:File.WriteAllText(replacement, json)|};
        {|#9:Native.ReplaceFileW(settingsPath, replacement, null, 0, IntPtr.Zero, IntPtr.Zero)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "settingsPath", AW0002Flaw.NoFlush | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task SynchronizedMethod_FixedNameNotReported_NoFlushStillReported()
    {
        const string source = @"
using System.IO;
using System.Runtime.CompilerServices;
class Store
{
    [MethodImpl(MethodImplOptions.Synchronized)]
    public void Save(string path, byte[] data)
    {
        var tmp = path + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.Create)|})
        {
            fs.Write(data, 0, data.Length);
        }
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush, replace: 9));
    }

    [Fact]
    public async Task ReplaceInsideLambda_Reported()
    {
        const string source = @"
using System;
using System.IO;
using System.Threading.Tasks;
class Store
{
    public Task SaveLater(string path, string json) => Task.Run(() =>
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#9:File.Move(tmp, path, true)|};
    });
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task DiagnosticCarriesTheFlawsProperty()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"
using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        File.WriteAllText(path + "".tmp"", json);
        File.Delete(path);
        File.Move(path + "".tmp"", path);
    }
}");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NoFlush, FixedTempName, DeleteThenMove, TruncatingTemp", diagnostic.Properties[HandRolledReplaceAnalyzer.FlawsProperty]);
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(9, Assert.Single(diagnostic.AdditionalLocations).GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task FieldInitializerTempName_Reported()
    {
        const string source = @"
using System.IO;
class Store
{
    private const string Target = ""state.json"";
    private readonly string _temp = Target + "".tmp"";

    public void Save(byte[] data)
    {
        using (var fs = {|#0:new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)|})
        {
            fs.Write(data, 0, data.Length);
        }
        {|#9:File.Move(_temp, Target, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "Target", AW0002Flaw.FixedTempName, replace: 9));
    }

    [Fact]
    public async Task LogRotationCopy_IsQuiet()
    {
        const string source = @"
using System.IO;
class Log
{
    private readonly string _logFilePath;

    public Log(string directory) => _logFilePath = Path.Combine(directory, ""app.log"");

    public void Write(string line)
    {
        using var writer = new StreamWriter(_logFilePath, append: true);
        writer.WriteLine(line);
    }

    public void Rotate()
    {
        File.Copy(_logFilePath, Path.ChangeExtension(_logFilePath, "".1.log""), overwrite: true);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task RestoringABackup_IsQuiet()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Restore(string path)
    {
        var backup = path + "".bak"";
        if (File.Exists(path))
            File.Replace(backup, path, null);
        else
            File.Move(backup, path);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task PlainMoveOfADownload_IsQuiet()
    {
        const string source = @"
using System.IO;
class Downloader
{
    public void Finish(string downloaded, string destination)
    {
        File.Move(downloaded, destination);
        File.Copy(destination, destination + "".orig"");
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task StringReplaceHelpers_AreNotMoves()
    {
        const string source = @"
using System.IO;
static class Text
{
    public static string Replace(this string s, string a, string b, bool ignoreCase) => s.Replace(a, b);
}
class C
{
    public string M(string path)
    {
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, ""x"");
        return tmp.Replace(""a"", ""b"", true).Replace(tmp, path);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task ReplaceInTestClass_IsQuiet()
    {
        const string source = @"
using System.IO;
public class IndexStoreTests
{
    public void CorruptIndex(string path)
    {
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, ""garbage"");
        File.Move(tmp, path, true);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task ReplaceInTestMethod_IsQuiet_SameCodeOutsideTestMethod_Reported()
    {
        const string source = @"
using System;
using System.IO;
class FactAttribute : Attribute { }
public class IndexChecks
{
    [Fact]
    public void CorruptIndex()
    {
        var path = ""index.json"";
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, ""garbage"");
        File.Move(tmp, path, true);
    }

    public void SaveIndex()
    {
        var path = ""index.json"";
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, ""garbage"")|};
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task ReplaceOutsideTestCode_Reported()
    {
        const string source = @"
using System.IO;
public class IndexStore
{
    public void CorruptIndex(string path)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, ""garbage"")|};
        {|#9:File.Move(tmp, path, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "path", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task CopyOfArtifactNotWrittenInTheMethod_IntoStaging_IsQuiet()
    {
        const string source = @"
using System.IO;
class Packager
{
    private readonly string _artifact;

    public Packager(string outputDir) => _artifact = Path.Combine(outputDir, ""app.zip"");

    public void Build(byte[] zip)
    {
        File.WriteAllBytes(_artifact, zip);
        Stage(""staging"");
    }

    private void Stage(string stagingDir)
    {
        File.Copy(_artifact, Path.Combine(stagingDir, Path.GetFileName(_artifact)), true);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task DeleteStaleOutputThenCopyFreshArtifact_IsQuiet()
    {
        const string source = @"
using System.IO;
class Publisher
{
    private readonly string _artifact = Path.Combine(""obj"", ""app.dll"");

    public void Compile(byte[] image)
    {
        File.WriteAllBytes(_artifact, image);
        CopyToOutput(""bin"");
    }

    private void CopyToOutput(string outputDir)
    {
        var output = Path.Combine(outputDir, ""app.dll"");
        if (File.Exists(output))
            File.Delete(output);
        File.Copy(_artifact, output);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task CopyOfTempFieldWrittenInCaller_StillReported()
    {
        const string source = @"
using System.IO;
class Store
{
    private const string Target = ""state.json"";
    private readonly string _tempPath = Target + "".tmp"";

    public void Save(byte[] data)
    {
        {|#0:File.WriteAllBytes(_tempPath, data)|};
        Publish();
    }

    private void Publish()
    {
        {|#9:File.Copy(_tempPath, Target, true)|};
    }
}";
        await ReplaceVerify.VerifyAsync(source, Expect(0, "Target", AW0002Flaw.NoFlush | AW0002Flaw.FixedTempName | AW0002Flaw.TruncatingTemp, replace: 9));
    }

    [Fact]
    public async Task CopyFromTempIntoAnotherTemp_IsQuiet()
    {
        const string source = @"
using System.IO;
static class TempFiles
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
}
class Exporter
{
    public void Duplicate(string json)
    {
        var scratch = Path.GetTempFileName();
        File.WriteAllText(scratch, json);
        var copy = Path.GetTempFileName();
        File.Copy(scratch, copy, true);
    }

    public void DuplicateWithHelper(string json)
    {
        var first = TempFiles.NewPath();
        File.WriteAllText(first, json);
        var second = TempFiles.NewPath();
        File.Copy(first, second, true);
    }
}";
        await ReplaceVerify.VerifyAsync(source);
    }

    [Fact]
    public async Task IncompleteCode_DoesNotThrow()
    {
        const string source = @"
using System.IO;
class Store
{
    public void Save(string path, string text)
    {
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, );
        File.Move(tmp, );
        File.Replace(, path
    }
}";
        await ReplaceVerify.VerifyAsync(source, CompilerDiagnostics.None);
    }
}
