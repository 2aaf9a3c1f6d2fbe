using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static AtomicWrite.Analyzers.Tests.Rules.AW0002.AW0002Diagnostics;
using ReplaceVerify = AtomicWrite.Analyzers.Tests.Verify.SingleAnalyzer<AtomicWrite.Analyzers.Rules.HandRolledReplaceAnalyzer>;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

/// <summary>AW0002: the backup rename dance, temps opened without truncation through FileInfo, temps made from a path type, written through a helper or nested in wrappers, and dances split across a helper type.</summary>
public class AW0002ShapeTests
{
    [Fact]
    public async Task Backup_dance_without_a_flush()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        var newPath = path + "".new"";
        var backup = path + "".bak"";
        File.WriteAllText(newPath, json);
        if (File.Exists(backup)) File.Delete(backup);
        if (File.Exists(path)) File.Move(path, backup);
        File.Move(newPath, path);
    }
}", 8);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task Backup_dance_with_FileInfo_moves_and_a_stream()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var temp = new FileInfo(path + "".tmp"");
        using (var s = temp.Create()) { s.Write(data, 0, data.Length); }
        var current = new FileInfo(path);
        var backup = new FileInfo(path + "".old"");
        if (backup.Exists) backup.Delete();
        current.MoveTo(backup.FullName);
        temp.MoveTo(path);
    }
}", 7);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Backup_dance_through_a_FileInfo_copy_then_a_plain_move_after_delete()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        File.WriteAllText(tmp, json);
        File.Copy(path, path + "".bak"", true);
        File.Delete(path);
        File.Move(tmp, path);
    }
}", 7);
        Assert.Contains("leaving a moment with no file", Message(d));
    }

    [Fact]
    public async Task Fixed_temp_opened_with_FileInfo_OpenWrite_leaves_stale_bytes()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = new FileInfo(path + "".tmp"");
        using (var s = tmp.OpenWrite()) { s.Write(data, 0, data.Length); s.Flush(true); }
        tmp.MoveTo(path, true);
    }
}", 7);
        Assert.Contains("stale bytes", Message(d));
        Assert.Contains("fixed", Message(d));
    }

    [Fact]
    public async Task Fixed_temp_opened_with_OpenOrCreate_through_FileInfo_Open()
    {
        var d = await Single(@"using System.IO;
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmpPath = path + "".tmp"";
        using (var s = new FileInfo(tmpPath).Open(FileMode.OpenOrCreate, FileAccess.Write)) { s.Write(data, 0, data.Length); s.Flush(true); }
        File.Move(tmpPath, path, true);
    }
}", 7);
        Assert.Contains("stale bytes", Message(d));
    }

    [Fact]
    public async Task Temp_written_through_a_project_helper()
    {
        var d = await Single(@"using System.IO;
static class Io
{
    public static void WriteText(string file, string text) => File.WriteAllText(file, text);
}
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        Io.WriteText(tmp, json);
        File.Move(tmp, path, true);
    }
}", 11);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Temp_written_through_a_helper_that_flushes_is_not_reported_for_the_flush()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System;
using System.IO;
static class Io
{
    public static void WriteDurably(string file, byte[] data)
    {
        using var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
        fs.Write(data, 0, data.Length);
        fs.Flush(true);
    }
}
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        Io.WriteDurably(tmp, data);
        File.Move(tmp, path, true);
    }
}");
        Assert.Empty(diagnostics.Where(x => x.Id == "AW0002"));
    }

    [Fact]
    public async Task Temp_made_from_a_path_type_and_written_by_it()
    {
        var d = await Single(@"using System.IO;
public sealed class AbsolutePath
{
    private readonly string _p;
    public AbsolutePath(string p) => _p = p;
    public static implicit operator string(AbsolutePath p) => p._p;
    public AbsolutePath WithSuffix(string suffix) => new AbsolutePath(_p + suffix);
    public void WriteAllText(string text) => File.WriteAllText(_p, text);
}
class Store
{
    public void Save(AbsolutePath path, string json)
    {
        var tmp = path.WithSuffix("".tmp"");
        tmp.WriteAllText(json);
        File.Move(tmp, path, true);
    }
}", 15);
        Assert.Contains("not flushed to disk", Message(d));
        Assert.Contains("fixed", Message(d));
    }

    [Fact]
    public async Task Temp_stream_nested_in_wrappers()
    {
        var d = await Single(@"using System.IO;
using System.IO.Compression;
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        using (var writer = new StreamWriter(new GZipStream(new BufferedStream(File.Open(tmp, FileMode.Create, FileAccess.Write)), CompressionLevel.Optimal)))
        {
            writer.Write(json);
        }
        File.Move(tmp, path, true);
    }
}", 8);
        Assert.Contains("not flushed to disk", Message(d));
    }

    [Fact]
    public async Task Dance_split_across_a_helper_type()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System.IO;
static class FileOps
{
    public static void SaveText(string file, string text)
    {
        using var w = new StreamWriter(file, false);
        w.Write(text);
    }

    public static void Swap(string source, string target)
    {
        if (File.Exists(target)) File.Delete(target);
        File.Move(source, target);
    }
}
class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        FileOps.SaveText(tmp, json);
        FileOps.Swap(tmp, path);
    }
}");
        var reports = diagnostics.Where(x => x.Id == "AW0002").OrderBy(x => x.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, reports.Length);

        // Inside the helper: the delete before the move.
        Assert.Equal(12, reports[0].Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("leaving a moment with no file", Message(reports[0]));

        // At the caller, where the temp is written through the other helper and handed to the swap.
        Assert.Equal(21, reports[1].Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("not flushed to disk", Message(reports[1]));
        Assert.Contains("fixed", Message(reports[1]));
    }

    [Fact]
    public async Task Temp_written_by_XmlTextWriter_or_zip_extraction()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System.IO;
using System.IO.Compression;
using System.Xml;
class Store
{
    public void SaveXml(string path)
    {
        var tmp = path + "".tmp"";
        using (var w = new XmlTextWriter(tmp, null)) { w.WriteStartElement(""a""); w.WriteEndElement(); }
        File.Move(tmp, path, true);
    }

    public void Restore(ZipArchiveEntry entry, string path)
    {
        var tmp = path + "".partial"";
        entry.ExtractToFile(tmp, true);
        File.Move(tmp, path, true);
    }
}");
        var reports = diagnostics.Where(x => x.Id == "AW0002").OrderBy(x => x.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, reports.Length);
        Assert.Equal(9, reports[0].Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("truncation", Message(reports[0]));
        Assert.Equal(16, reports[1].Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("not flushed to disk", Message(reports[1]));
    }

    [Fact]
    public async Task Helper_that_moves_without_overwriting_is_a_plain_move()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System.IO;
static class FileOps
{
    public static void Relocate(string source, string target) => File.Move(source, target);
}
class Store
{
    public void Import(string downloaded, string target, string json)
    {
        File.WriteAllText(downloaded, json);
        FileOps.Relocate(downloaded, target);
    }
}");
        Assert.Empty(diagnostics.Where(x => x.Id == "AW0002"));
    }

    [Fact]
    public async Task Helper_that_opens_its_argument_to_read_is_not_a_write()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System;
using System.IO;
static class Json
{
    public static bool LooksWhole(string file)
    {
        using (var a = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read)) { if (a.ReadByte() != '{') return false; }
        using (var b = File.Open(file, FileMode.Open)) { return b.Length > 1; }
    }
}
class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + ""."" + Guid.NewGuid().ToString(""N"");
        using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)) { fs.Write(data, 0, data.Length); }
        if (!Json.LooksWhole(tmp)) throw new InvalidDataException();
        File.Move(tmp, path, true);
    }
}");
        Assert.Empty(diagnostics.Where(x => x.Id == "AW0002"));
    }

    [Fact]
    public async Task Temp_in_a_FileInfo_over_GetTempFileName_is_elsewhere_not_stale()
    {
        var d = await Single(@"using System.IO;
static class Signer
{
    public static Stream OpenOutput(string output) => File.Open(output, FileMode.OpenOrCreate, FileAccess.ReadWrite);
}
class Store
{
    public void Sign(string path)
    {
        var temp = new FileInfo(Path.GetTempFileName());
        using (var s = Signer.OpenOutput(temp.FullName)) { s.WriteByte(1); }
        File.Move(temp.FullName, path, true);
    }
}", 11);
        Assert.Contains("temp directory", Message(d));
        Assert.DoesNotContain("stale", Message(d));
    }

    [Fact]
    public async Task Helper_that_only_reads_its_argument_is_not_a_write()
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(@"using System.IO;
static class Io
{
    public static int Size(string file) => File.ReadAllBytes(file).Length;
}
class Store
{
    public void Save(string path)
    {
        var tmp = path + "".tmp"";
        if (Io.Size(tmp) > 0) File.Move(tmp, path, true);
    }
}");
        // A fixed name is still reported, at the move: nothing writes the temp here.
        Assert.Contains("fixed", Message(diagnostics.Single(x => x.Id == "AW0002")));
        var d = Assert.Single(diagnostics.Where(x => x.Id == "AW0002"));
        Assert.Equal(11, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.DoesNotContain("not flushed", Message(d));
    }
}
