using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>AW0001: streams that open an existing file for writing without truncating it (FileMode.Open / OpenOrCreate).</summary>
public class AW0001InPlaceRewriteTests
{
    private static Task Reported(string body) =>
        Verify.AnalyzersAsync(Verify.Usings + "class C\n{\n    void M(byte[] bytes, string json)\n    {\n        " + body + "\n    }\n}\n");

    [Fact]
    public Task Open_ReadWrite_then_SetLength_and_Write() => Reported(@"using var s = {|AW0001:File.Open(""settings.json"", FileMode.Open, FileAccess.ReadWrite)|};
        s.SetLength(0);
        s.Write(bytes, 0, bytes.Length);");

    [Fact]
    public Task FileStream_Open_ReadWrite_then_a_writer_over_it() => Reported(@"using var s = {|AW0001:new FileStream(""accounts.json"", FileMode.Open, FileAccess.ReadWrite, FileShare.None)|};
        using var w = new StreamWriter(s);
        w.Write(json);");

    [Fact]
    public Task FileInfo_Open_Write_only() => Reported(@"using var s = {|AW0001:new FileInfo(""credentials.dat"").Open(FileMode.Open, FileAccess.Write)|};
        s.Write(bytes, 0, bytes.Length);");

    [Fact]
    public Task Open_Write_access_alone_is_a_rewrite() => Reported(@"using var s = {|AW0001:File.Open(""tokens.json"", FileMode.Open, FileAccess.Write, FileShare.None)|};");

    [Fact]
    public Task Open_ReadWrite_that_only_reads_is_quiet() => Reported(@"using var s = File.Open(""settings.json"", FileMode.Open, FileAccess.ReadWrite);
        var n = s.Read(bytes, 0, bytes.Length);");

    [Fact]
    public Task Open_without_an_access_is_quiet() => Reported(@"using var s = new FileStream(""settings.json"", FileMode.Open);
        s.Write(bytes, 0, bytes.Length);");

    [Fact]
    public Task Open_ReadWrite_that_seeks_to_the_end_appends_and_is_quiet() => Reported(@"using var s = File.Open(""settings.json"", FileMode.Open, FileAccess.ReadWrite);
        s.Seek(0, SeekOrigin.End);
        s.Write(bytes, 0, bytes.Length);");

    [Fact]
    public Task Open_Write_that_moves_to_the_end_appends_and_is_quiet() => Reported(@"using var s = File.Open(""tokens.json"", FileMode.Open, FileAccess.Write);
        s.Position = s.Length;
        s.Write(bytes, 0, bytes.Length);");

    [Fact]
    public async Task The_message_says_the_file_is_rewritten_in_place()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C
{
    void M(byte[] b)
    {
        using (var s = new FileStream(""settings.json"", FileMode.Open, FileAccess.ReadWrite)) { s.Write(b, 0, b.Length); s.SetLength(b.Length); }
        using (var t = new FileStream(""config.json"", FileMode.OpenOrCreate, FileAccess.Write)) { t.Write(b, 0, b.Length); }
    }
}");
        Assert.Equal(2, diagnostics.Length);
        Assert.StartsWith("new FileStream with FileMode.Open (an in-place rewrite) overwrites 'settings.json' in place", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.StartsWith("new FileStream with FileMode.OpenOrCreate (an in-place rewrite without truncation) overwrites 'config.json' in place", diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
        Assert.All(diagnostics, d => Assert.Equal("Stream", d.Properties["Sink"]));
    }
}
