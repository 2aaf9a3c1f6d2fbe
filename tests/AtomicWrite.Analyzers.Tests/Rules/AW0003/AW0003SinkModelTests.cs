using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0003;

/// <summary>AW0003: the sinks beyond File/FileStream/StreamWriter and the in-place rewrites, for any file.</summary>
public class AW0003SinkModelTests
{
    [Fact]
    public Task New_sinks_are_flagged_for_any_file() => Verify.WithAW0003Async(Verify.Usings + @"
using System.Xml;
using System.IO.Compression;
class C
{
    void M(string p, ZipArchiveEntry entry, byte[] b)
    {
        using (var a = {|AW0003:XmlWriter.Create(p)|}) { }
        using (var x = {|AW0003:new XmlTextWriter(p, Encoding.UTF8)|}) { }
        {|AW0003:entry.ExtractToFile(p, true)|};
        using (var c = {|AW0003:new FileInfo(p).Create(FileMode.Truncate, System.Security.AccessControl.FileSystemRights.FullControl, FileShare.None, 4096, FileOptions.None, null)|}) { }
        using (var s = {|AW0003:File.Open(p, FileMode.Open, FileAccess.ReadWrite)|}) { s.SetLength(0); s.Write(b, 0, b.Length); }
        using (var r = File.Open(p, FileMode.Open, FileAccess.ReadWrite)) { r.Read(b, 0, b.Length); }
        entry.ExtractToFile(p);
    }
}");

    [Fact]
    public Task Path_type_write_is_flagged_inside_the_type_and_at_each_call() => Verify.WithAW0003Async(Verify.Usings + @"
public sealed class AbsolutePath
{
    private readonly string _path;
    public AbsolutePath(string path) => _path = path;
    public static implicit operator string(AbsolutePath path) => path._path;
    public void WriteAllText(string text) => {|AW0003:File.WriteAllText(this, text)|};
    public void AppendAllText(string text) => File.AppendAllText(this, text);
}
class C
{
    void M(string text)
    {
        {|AW0003:new AbsolutePath(""output.txt"").WriteAllText(text)|};
        new AbsolutePath(""output.txt"").AppendAllText(text);
    }
}");
}
