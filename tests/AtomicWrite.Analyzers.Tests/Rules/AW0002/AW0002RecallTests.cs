using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static AtomicWrite.Analyzers.Tests.Rules.AW0002.AW0002Diagnostics;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

/// <summary>
/// AW0002 on the shapes of hand-rolled replaces in code nobody tuned for: temps held in a <c>FileInfo</c>, temp
/// streams nested in wrappers, temps written in another method, by a helper or through an interface of the
/// program, temps whose path and commit come from a project's own "atomic write" type, the backup rename dance,
/// and <c>File.Replace</c> of a temp written elsewhere. Each flawed shape has its correct counterpart (unique temp,
/// created new, flushed to disk) that must stay quiet.
/// </summary>
public class AW0002RecallTests
{
    // 1. Temps held in a FileInfo.

    [Fact]
    public async Task FileInfo_temp_opened_with_OpenWrite_and_moved_by_its_FullName()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = new FileInfo(path + "".tmp"");
        using (var s = tmp.OpenWrite())
        {
            s.Write(data, 0, data.Length);
        }
        File.Move(tmp.FullName, path, true);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("stale bytes", Message(d));
        Assert.Contains("fixed", Message(d));
        Assert.Contains("NoFlush", Flaws(d));
    }

    [Fact]
    public async Task FileInfo_temp_created_and_replaced_by_its_FullName()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(FileInfo target, byte[] data)
    {
        var temp = new FileInfo(target.FullName + "".new"");
        using (var s = temp.Create())
        {
            s.Write(data, 0, data.Length);
        }
        File.Replace(temp.FullName, target.FullName, null);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("truncation", Message(d));
    }

    [Fact]
    public async Task FileInfo_temp_written_through_CreateText_and_moved_over_a_FileInfo_target()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(FileInfo file, string json)
    {
        var tmp = new FileInfo(Path.Combine(file.DirectoryName!, file.Name + "".tmp""));
        using (var w = tmp.CreateText())
        {
            w.Write(json);
        }
        tmp.MoveTo(file.FullName, true);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task FileInfo_temp_opened_with_FileMode_Create_and_moved_with_a_delete_first()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        FileInfo tmp = new FileInfo(path + "".partial"");
        using (FileStream s = tmp.Open(FileMode.Create, FileAccess.Write))
        {
            s.Write(data, 0, data.Length);
        }
        if (File.Exists(path)) File.Delete(path);
        File.Move(tmp.FullName, path);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task FileInfo_temp_unique_created_new_and_flushed_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = new FileInfo(path + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"");
        using (var s = tmp.Open(FileMode.CreateNew, FileAccess.Write))
        {
            s.Write(data, 0, data.Length);
            s.Flush(true);
        }
        File.Move(tmp.FullName, path, true);
    }
}");
    }

    // 2. Temp streams nested in wrappers.

    [Fact]
    public async Task Temp_stream_under_a_BinaryWriter_and_a_DeflateStream()
    {
        var d = await Single(@"using System.IO;
using System.IO.Compression;
class Store
{
    public void Save(string p, int[] values)
    {
        using (var writer = new BinaryWriter(new DeflateStream(new FileStream(p + "".tmp"", FileMode.Create), CompressionMode.Compress)))
        {
            foreach (var v in values) writer.Write(v);
        }
        if (File.Exists(p)) File.Delete(p);
        File.Move(p + "".tmp"", p);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task Temp_stream_under_an_XmlWriter_and_a_StreamWriter()
    {
        var d = await Single(@"using System.IO;
using System.Xml;
class Store
{
    public void Save(string path)
    {
        var tmp = path + "".tmp"";
        using (var xml = XmlWriter.Create(new StreamWriter(new FileStream(tmp, FileMode.Create, FileAccess.Write))))
        {
            xml.WriteElementString(""a"", ""b"");
        }
        File.Move(tmp, path, true);
    }
}", 8);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_stream_under_a_GZipStream_and_a_Utf8JsonWriter_in_using_declarations()
    {
        var d = await Single(@"using System.IO;
using System.IO.Compression;
using System.Text.Json;
class Store
{
    public void Save(string path)
    {
        var tmp = path + "".tmp"";
        {
            using var fs = File.Create(tmp);
            using var gz = new GZipStream(fs, CompressionLevel.Fastest);
            using var json = new Utf8JsonWriter(gz);
            json.WriteStartObject();
            json.WriteEndObject();
        }
        File.Move(tmp, path, true);
    }
}", 10);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Nested_temp_stream_that_is_unique_created_new_and_written_through_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
using System.IO.Compression;
class Store
{
    public void Save(string p, int[] values)
    {
        var tmp = p + ""."" + Guid.NewGuid().ToString(""N"");
        using (var writer = new BinaryWriter(new DeflateStream(new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough), CompressionMode.Compress)))
        {
            foreach (var v in values) writer.Write(v);
        }
        File.Move(tmp, p, true);
    }
}");
    }

    // 3. Temps written in another method, by a helper, through an interface, or from an atomic-write type.

    [Fact]
    public async Task Temp_written_by_a_private_method_then_moved()
    {
        var d = await Single(@"using System.IO;
using System.Text.Json;
class Store
{
    public void Save(string path, object value)
    {
        var tmp = path + "".tmp"";
        WriteTemp(tmp, value);
        File.Move(tmp, path, true);
    }

    private static void WriteTemp(string file, object value)
    {
        using var stream = File.Create(file);
        JsonSerializer.Serialize(stream, value);
    }
}", 8);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_written_through_an_interface_of_the_program_whose_implementation_is_a_plain_write()
    {
        var d = await Single(@"using System.IO;
public interface IFileSystem
{
    void WriteFile(string path, string contents);
}
sealed class DiskFileSystem : IFileSystem
{
    public void WriteFile(string path, string contents) => File.WriteAllText(path, contents);
}
class Store
{
    private readonly IFileSystem _fs;
    public Store(IFileSystem fs) => _fs = fs;

    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        _fs.WriteFile(tmp, json);
        File.Move(tmp, path, true);
    }
}", 18);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_written_through_an_abstract_method_overridden_two_classes_down()
    {
        var d = await Single(@"using System.IO;
public abstract class Storage
{
    public abstract void WriteFile(string path, string contents);
}
public abstract class LocalStorage : Storage
{
}
sealed class DiskStorage : LocalStorage
{
    public override void WriteFile(string path, string contents) => File.WriteAllText(path, contents);
}
class Store
{
    private readonly Storage _storage;
    public Store(Storage storage) => _storage = storage;

    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        _storage.WriteFile(tmp, json);
        File.Move(tmp, path, true);
    }
}", 21);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_written_through_an_interface_whose_implementation_flushes_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
public interface IFileSystem
{
    void WriteFile(string path, byte[] contents);
}
sealed class DiskFileSystem : IFileSystem
{
    public void WriteFile(string path, byte[] contents)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        fs.Write(contents, 0, contents.Length);
        fs.Flush(true);
    }
}
class Store
{
    private readonly IFileSystem _fs;
    public Store(IFileSystem fs) => _fs = fs;

    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        _fs.WriteFile(tmp, data);
        File.Move(tmp, path, true);
    }
}");
    }

    [Fact]
    public async Task Temp_path_and_commit_from_a_project_atomic_write_type()
    {
        var diagnostics = await All(@"using System;
using System.IO;
sealed class SafeFileWriter
{
    private readonly string _path;
    public SafeFileWriter(string path)
    {
        _path = path;
        WritePath = path + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"";
    }

    public string WritePath { get; }

    public void Commit() => File.Move(WritePath, _path, true);
}
class Store
{
    public void Save(string path, byte[] data)
    {
        var writer = new SafeFileWriter(path);
        using (var fs = new FileStream(writer.WritePath, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
        }
        writer.Commit();
    }
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal(21, Line(d));
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Equal(25, d.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task Partial_atomic_write_type_keeps_its_temp_in_one_part_and_commits_in_another()
    {
        // Only the second part names a move: the members of the first part still count for its commit.
        var diagnostics = await All(@"using System;
using System.IO;
sealed partial class SafeFileWriter
{
    private readonly string _path;
    public SafeFileWriter(string path)
    {
        _path = path;
        WritePath = path + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"";
    }

    public string WritePath { get; }
}
sealed partial class SafeFileWriter
{
    public void Commit() => File.Move(WritePath, _path, true);
}
class Store
{
    public void Save(string path, byte[] data)
    {
        var writer = new SafeFileWriter(path);
        using (var fs = new FileStream(writer.WritePath, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
        }
        writer.Commit();
    }
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal(23, Line(d));
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_path_from_a_project_atomic_write_type_flushed_by_the_caller_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
sealed class SafeFileWriter
{
    private readonly string _path;
    private readonly string _temp;
    public SafeFileWriter(string path)
    {
        _path = path;
        _temp = path + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"";
    }

    public string WritePath => _temp;

    public void Commit() => File.Move(_temp, _path, true);
}
class Store
{
    public void Save(string path, byte[] data)
    {
        var writer = new SafeFileWriter(path);
        using (var fs = new FileStream(writer.WritePath, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        writer.Commit();
    }
}");
    }

    [Fact]
    public async Task Temp_opened_by_one_method_of_an_atomic_write_type_and_committed_by_another()
    {
        var d = await Single(@"using System.IO;
sealed class Transaction
{
    private readonly string _target;
    private readonly string _temp;
    public Transaction(string target)
    {
        _target = target;
        _temp = target + "".tmp"";
    }

    public Stream Open() => new FileStream(_temp, FileMode.Create, FileAccess.Write);

    public void Commit() => File.Move(_temp, _target, true);
}", 12);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("fixed", Message(d));
        Assert.Contains("truncation", Message(d));
        Assert.Equal(14, d.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task Temp_written_and_committed_by_two_methods_that_a_third_calls_in_turn()
    {
        var d = await Single(@"using System.IO;
class Store
{
    private readonly string _path;
    private readonly string _tempPath;
    public Store(string path)
    {
        _path = path;
        _tempPath = path + "".tmp"";
    }

    public void Save(string json)
    {
        WriteTemp(json);
        Commit();
    }

    private void WriteTemp(string json) => File.WriteAllText(_tempPath, json);

    private void Commit() => File.Move(_tempPath, _path, true);
}", 18);
        Assert.Contains("not flushed to disk", Message(d));

        // The additional location is the replace itself (line 20), reached through Save's call of Commit.
        Assert.Equal(20, d.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line + 1);
    }

    // 4. The backup dance, and a fixed temp opened without truncation.

    [Fact]
    public async Task Backup_dance_with_a_stream_and_no_flush()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        string newFile = path + "".new"", backup = path + "".bak"";
        using (var fs = new FileStream(newFile, FileMode.Create, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
        }
        File.Delete(backup);
        File.Move(path, backup);
        File.Move(newFile, path);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task Backup_dance_with_the_new_file_written_by_a_helper()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        var newFile = path + "".new"";
        Write(newFile, json);
        if (File.Exists(path + "".bak"")) File.Delete(path + "".bak"");
        if (File.Exists(path)) File.Move(path, path + "".bak"");
        File.Move(newFile, path);
    }

    private static void Write(string file, string text)
    {
        using (var w = new StreamWriter(file, false)) { w.Write(text); }
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task Fixed_temp_opened_with_OpenOrCreate_leaves_a_tail()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + "".tmp"";
        using (var fs = new FileStream(tmp, FileMode.OpenOrCreate, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
        File.Move(tmp, path, true);
    }
}", 7);
        Assert.Contains("stale bytes", Message(d));
        Assert.DoesNotContain("not flushed", Message(d));
    }

    [Fact]
    public async Task Unique_temp_opened_with_OpenOrCreate_cut_to_its_length_and_flushed_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var fs = new FileStream(tmp, FileMode.OpenOrCreate, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.SetLength(fs.Position);
            fs.Flush(true);
        }
        File.Move(tmp, path, true);
    }
}");
    }

    // 5. File.Replace of a temp written in another method.

    [Fact]
    public async Task Replace_of_a_temp_written_by_a_method_of_the_type()
    {
        var d = await Single(@"using System.IO;
using System.Xml.Serialization;
public class Settings { public int A { get; set; } }
class Store
{
    public void Save(string path, Settings settings)
    {
        var tmp = path + "".tmp"";
        Serialize(tmp, settings);
        File.Replace(tmp, path, path + "".bak"");
    }

    private void Serialize(string file, Settings settings)
    {
        using (var writer = new StreamWriter(file))
        {
            new XmlSerializer(typeof(Settings)).Serialize(writer, settings);
        }
    }
}", 9);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Replace_of_a_temp_written_by_a_method_that_flushes_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        Write(tmp, data);
        File.Replace(tmp, path, path + "".bak"");
    }

    private static void Write(string file, byte[] data)
    {
        using (var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }
    }
}");
    }

    [Fact]
    public async Task Replace_of_a_temp_field_written_by_one_method_and_replaced_by_another_called_in_turn()
    {
        var d = await Single(@"using System.IO;
class JsonStore
{
    private string FilePath { get; }
    private string TempPath => FilePath + "".tmp"";
    private string BackupPath => FilePath + "".bak"";
    public JsonStore(string path) => FilePath = path;

    public void Save(string json)
    {
        WriteTemp(json);
        Swap();
    }

    private void WriteTemp(string json)
    {
        using (var w = new StreamWriter(TempPath)) { w.Write(json); }
    }

    private void Swap()
    {
        if (File.Exists(FilePath)) File.Replace(TempPath, FilePath, BackupPath);
        else File.Move(TempPath, FilePath);
    }
}", 17);
        Assert.Contains("not flushed to disk", Message(d));
    }

    // System.IO.Abstractions (a minimal copy of the interfaces' shape in source), local-function and nested helpers.

    private const string Abstractions = @"
namespace System.IO.Abstractions
{
    public interface IFileSystem { IFile File { get; } IFileInfoFactory FileInfo { get; } IFileStreamFactory FileStream { get; } }
    public interface IFile
    {
        void WriteAllText(string path, string? contents);
        void Move(string sourceFileName, string destFileName, bool overwrite);
        void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName);
    }
    public interface IFileInfo { System.IO.Stream OpenWrite(); void MoveTo(string destFileName, bool overwrite); string FullName { get; } }
    public interface IFileInfoFactory { IFileInfo New(string fileName); }
    public interface IFileStreamFactory { System.IO.FileStream New(string path, System.IO.FileMode mode, System.IO.FileAccess access, System.IO.FileShare share, int bufferSize, System.IO.FileOptions options); }
}
";

    [Fact]
    public async Task Temp_written_and_moved_through_System_IO_Abstractions()
    {
        var diagnostics = await All(@"using System.IO.Abstractions;
class Store
{
    private readonly IFileSystem _fs;
    public Store(IFileSystem fs) => _fs = fs;

    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        _fs.File.WriteAllText(tmp, json);
        _fs.File.Replace(tmp, path, null);
    }

    public void SaveStream(string path, byte[] data)
    {
        var tmp = _fs.FileInfo.New(path + "".tmp"");
        using (var s = tmp.OpenWrite()) { s.Write(data, 0, data.Length); }
        tmp.MoveTo(path, true);
    }
}
" + Abstractions);
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal(10, Line(diagnostics[0]));
        Assert.Contains("not flushed to disk", Message(diagnostics[0]));
        Assert.Equal(17, Line(diagnostics[1]));
        Assert.Contains("not flushed to disk", Message(diagnostics[1]));
        Assert.Contains("stale bytes", Message(diagnostics[1]));
    }

    [Fact]
    public async Task Temp_opened_through_System_IO_Abstractions_unique_new_and_written_through_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
using System.IO.Abstractions;
class Store
{
    private readonly IFileSystem _fs;
    public Store(IFileSystem fs) => _fs = fs;

    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var s = _fs.FileStream.New(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            s.Write(data, 0, data.Length);
        }
        _fs.File.Move(tmp, path, true);
    }
}
" + Abstractions);
    }

    [Fact]
    public async Task Temp_written_by_a_local_function()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        void Write(string file, string text)
        {
            using var w = new StreamWriter(file);
            w.Write(text);
        }

        var tmp = path + "".tmp"";
        Write(tmp, json);
        File.Move(tmp, path, true);
    }
}", 13);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_written_by_a_helper_that_hands_it_to_another_method_of_its_type()
    {
        var d = await Single(@"using System.IO;
using System.Text;
static class Storage
{
    public static void WriteText(string file, string text) => WriteBytes(file, Encoding.UTF8.GetBytes(text));

    private static void WriteBytes(string target, byte[] data)
    {
        using (var fs = new FileStream(target, FileMode.Create, FileAccess.Write)) { fs.Write(data, 0, data.Length); }
    }
}
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        Storage.WriteText(tmp, json);
        File.Move(tmp, path, true);
    }
}", 17);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("truncation", Message(d));
    }

    [Fact]
    public async Task Temp_written_by_a_nested_helper_that_flushes_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
using System.Text;
static class Storage
{
    public static void WriteText(string file, string text) => WriteBytes(file, Encoding.UTF8.GetBytes(text));

    private static void WriteBytes(string target, byte[] data)
    {
        using (var fs = new FileStream(target, FileMode.CreateNew, FileAccess.Write)) { fs.Write(data, 0, data.Length); fs.Flush(true); }
    }
}
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        Storage.WriteText(tmp, json);
        File.Move(tmp, path, true);
    }
}");
    }

    [Fact]
    public async Task Atomic_write_type_committing_through_a_project_file_wrapper()
    {
        var diagnostics = await All(@"using System.IO;
static class RobustFile
{
    public static void Replace(string source, string target, string? backup) => File.Replace(source, target, backup);
}
sealed class TempFileForWriting
{
    private readonly string _real;
    private readonly string _temp;
    public TempFileForWriting(string real) { _real = real; _temp = real + "".tmp""; }
    public string TempFilePath { get { return _temp; } }
    public void Done() => RobustFile.Replace(_temp, _real, null);
}
class Store
{
    public void Save(string path, string json)
    {
        var f = new TempFileForWriting(path);
        File.WriteAllText(f.TempFilePath, json);
        f.Done();
    }
}");
        // Inside the type: the fixed temp name, at its replace; at the caller: the write that is not flushed.
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal(12, Line(diagnostics[0]));
        Assert.Contains("fixed", Message(diagnostics[0]));
        Assert.Equal(19, Line(diagnostics[1]));
        Assert.Contains("not flushed to disk", Message(diagnostics[1]));
        Assert.Contains("'path'", Message(diagnostics[1]));
    }

    // By shape where the call does not bind: an argument of a type from a package the compilation lacks.

    [Fact]
    public async Task Temp_written_and_moved_by_File_calls_that_do_not_bind()
    {
        var diagnostics = await AllWithErrors(@"using System.IO;
using System.Text;
class Store
{
    public void Save(string path, object model)
    {
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, Toml.FromModel(model), Encoding.UTF8);
        File.Move(tmp, path, true);
    }

    public void SaveTo(UnknownSettings settings, byte[] data)
    {
        var tmp = settings.FilePath + "".tmp"";
        using (var fs = new FileStream(tmp, FileMode.Create, settings.Access)) { fs.Write(data, 0, data.Length); }
        File.Move(tmp, settings.FilePath, true);
    }
}");
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal(8, Line(diagnostics[0]));
        Assert.Contains("not flushed to disk", Message(diagnostics[0]));
        Assert.Equal(15, Line(diagnostics[1]));
        Assert.Contains("not flushed to disk", Message(diagnostics[1]));
        Assert.Contains("truncation", Message(diagnostics[1]));
    }

    [Fact]
    public async Task Unbound_write_of_a_unique_temp_created_new_and_flushed_is_quiet()
    {
        var diagnostics = await AllWithErrors(@"using System;
using System.IO;
class Store
{
    public void Save(string path, object model)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var fs = new FileStream(tmp, FileMode.CreateNew, Unknown.Access))
        {
            Toml.Write(fs, model);
            fs.Flush(true);
        }
        File.Move(tmp, path, true);
    }

    public void SaveTo(UnknownSettings settings, object model)
    {
        var tmp = settings.FilePath + ""."" + Guid.NewGuid().ToString(""N"");
        using (var stream = settings.OpenStream(tmp))
        {
            Toml.Write(stream, model);
            stream.Flush(true);
        }
        File.Move(tmp, settings.FilePath, true);
    }

    public void SaveWrapped(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write);
        using (var packed = new UnknownPackingStream(fs))
        {
            packed.Write(data, 0, data.Length);
            packed.Flush(true);
        }
        File.Move(tmp, path, true);
    }
}");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Temp_written_by_a_method_that_returns_its_path()
    {
        var d = await Single(@"using System.IO;
using System.Threading.Tasks;
class Store
{
    private readonly string _dir;
    public Store(string dir) => _dir = dir;

    public async Task SaveAsync(string name, byte[] data)
    {
        var tmp = await WriteTempAsync(name, data);
        File.Move(tmp, Path.Combine(_dir, name), true);
    }

    private async Task<string> WriteTempAsync(string name, byte[] data)
    {
        var file = Path.Combine(_dir, name + "".tmp"");
        await File.WriteAllBytesAsync(file, data);
        return file;
    }
}", 10);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("truncation", Message(d));
    }

    [Fact]
    public async Task Temp_written_and_flushed_by_a_method_that_returns_its_path_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = WriteTemp(path, data);
        File.Move(tmp, path, true);
    }

    private static string WriteTemp(string path, byte[] data)
    {
        var file = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(true);
        }

        return file;
    }
}");
    }

    [Fact]
    public async Task Atomic_write_type_whose_commit_moves_through_a_pending_name_then_replaces()
    {
        var diagnostics = await All(@"using System;
using System.IO;
sealed class SafeWriting
{
    private readonly string _target;
    private readonly string _temp;
    public SafeWriting(string target) { _target = target; _temp = target + ""."" + Guid.NewGuid().ToString(""N""); }
    public string TempFilePath => _temp;

    public void Succeeded()
    {
        string pending = _target + "".pending"";
        if (File.Exists(pending)) File.Delete(pending);
        File.Move(_temp, pending);
        if (File.Exists(_target)) SafeReplace(pending, _target, _target + "".bak"");
        else File.Move(pending, _target);
    }

    private static void SafeReplace(string source, string destination, string backup) => File.Replace(source, destination, backup);
}
class Store
{
    public void Save(string path, string json)
    {
        var writing = new SafeWriting(path);
        File.WriteAllText(writing.TempFilePath, json);
        writing.Succeeded();
    }
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal(26, Line(d));
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Equal(27, d.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task Temp_moved_to_a_pending_name_then_replaced_is_reported_at_its_write_for_the_target()
    {
        var d = await Single(@"using System;
using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        var temp = path + ""."" + Guid.NewGuid().ToString(""N"");
        File.WriteAllText(temp, json);
        var pending = path + "".pending"";
        if (File.Exists(pending)) File.Delete(pending);
        File.Move(temp, pending);
        File.Replace(pending, path, path + "".bak"");
    }
}", 8);
        Assert.Contains("'path'", Message(d));
        Assert.Contains("not flushed to disk", Message(d));
        Assert.DoesNotContain("moment with no file", Message(d));
    }

    [Fact]
    public async Task Temp_moved_to_a_pending_name_then_replaced_created_new_and_flushed_is_quiet()
    {
        await Quiet(@"using System;
using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var temp = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) { fs.Write(data, 0, data.Length); fs.Flush(true); }
        var pending = path + "".pending"";
        if (File.Exists(pending)) File.Delete(pending);
        File.Move(temp, pending);
        File.Replace(pending, path, path + "".bak"");
    }
}");
    }

    [Fact]
    public async Task Copy_of_a_cache_file_written_by_a_method_that_returns_its_path_is_not_a_replace()
    {
        await Quiet(@"using System.IO;
class Cache
{
    public void Export(string download, string destination)
    {
        var cached = MoveTmpToCache(download);
        File.Copy(cached, destination, true);
    }

    private static string MoveTmpToCache(string download)
    {
        var cacheFile = Path.ChangeExtension(download, "".xml"");
        File.WriteAllText(cacheFile, File.ReadAllText(download));
        return cacheFile;
    }
}");
    }

    [Fact]
    public async Task Temp_from_the_temp_directory_moved_to_a_pending_name_then_replaced_by_a_wrapper_helper()
    {
        var d = await Single(@"using System.IO;
static class RobustFile
{
    public static void Move(string source, string destination) => File.Move(source, destination);
    public static void Replace(string source, string destination, string? backup) => File.Replace(source, destination, backup);
}
sealed class SafeWriting
{
    private readonly string _target;
    private readonly string _temp = Path.GetTempFileName();
    public SafeWriting(string target) => _target = target;

    public void Succeeded()
    {
        string pending = _target + "".pending"";
        if (File.Exists(pending)) File.Delete(pending);
        RobustFile.Move(_temp, pending);
        SafeReplace(pending, _target);
    }

    private static void SafeReplace(string source, string destination) => RobustFile.Replace(source, destination, null);
}", 17);
        Assert.Contains("temp directory", Message(d));
        Assert.Contains("'_target'", Message(d));
        Assert.DoesNotContain("moment with no file", Message(d));
    }
}
