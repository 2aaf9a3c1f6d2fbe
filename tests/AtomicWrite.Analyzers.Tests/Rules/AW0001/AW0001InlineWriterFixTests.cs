using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// A stream created inside the StreamWriter that a using holds (<c>new StreamWriter(new FileStream(path,
/// FileMode.Create, ...)[, encoding])</c>, <c>File.Open</c>, <c>File.Create</c>): the writer becomes
/// <c>AtomicFile.CreateText(path[, encoding])</c>, committed where writing ended. The fixed program is compiled
/// against the real AtomicWrite.dll, run beside the original, and must leave the same bytes.
/// </summary>
public sealed class AW0001InlineWriterFixTests
{
    [Fact]
    public Task FileStream_inside_a_StreamWriter_with_an_encoding() => Verify.FixAsync(@"using System.IO;
using System.Text;

class ConfigWriter
{
    void Save(string path, string text)
    {
        using (var writer = new StreamWriter({|AW0001:new FileStream(path + ""/settings.ini"", FileMode.Create, FileAccess.Write)|}, Encoding.Unicode))
        {
            writer.Write(text);
        }
    }
}", @"using System.IO;
using System.Text;
using AtomicWrite;

class ConfigWriter
{
    void Save(string path, string text)
    {
        using (var writer = AtomicFile.CreateText(path + ""/settings.ini"", Encoding.Unicode))
        {
            writer.Write(text);
            writer.Commit();
        }
    }
}");

    [Fact]
    public Task File_Open_inside_a_StreamWriter_declaration() => Verify.FixAsync(@"using System.IO;

class ConfigWriter
{
    void Save(string text)
    {
        using StreamWriter writer = new StreamWriter({|AW0001:File.Open(""settings.json"", FileMode.Create)|});
        writer.Write(text);
    }
}", @"using System.IO;
using AtomicWrite;

class ConfigWriter
{
    void Save(string text)
    {
        using AtomicStreamWriter writer = AtomicFile.CreateText(""settings.json"");
        writer.Write(text);
        writer.Commit();
    }
}");

    [Fact]
    public async Task A_writer_that_leaves_the_stream_open_or_is_not_in_a_using_gets_no_fix()
    {
        var reasons = await Verify.NoFixReasonsAsync(@"using System.IO;

class ConfigWriter
{
    void Save(string text)
    {
        using (var writer = new StreamWriter(File.Create(""settings.json""), System.Text.Encoding.UTF8, 1024, leaveOpen: true))
        {
            writer.Write(text);
        }

        var loose = new StreamWriter(File.Create(""settings.json""));
        loose.Write(text);
        loose.Dispose();
    }
}");
        Assert.Equal(2, reasons.Length);
        Assert.StartsWith("NotInUsing:", reasons[0]);
        Assert.StartsWith("NotInUsing:", reasons[1]);
    }

    public static TheoryData<string> Programs => new()
    {
        // No encoding: UTF-8 without a BOM.
        "using (var w = new StreamWriter(new FileStream(Path.Combine(dir, \"settings.json\"), FileMode.Create, FileAccess.Write))) { w.Write(\"{ \\\"k\\\": \\\"välue €\\\" }\"); w.WriteLine(1); }",
        // UTF-8 with a BOM, UTF-16 and Latin-1, through File.Open and File.Create, over an existing longer file.
        "File.WriteAllText(Path.Combine(dir, \"settings.ini\"), new string('o', 9000)); using (var w = new StreamWriter(File.Open(Path.Combine(dir, \"settings.ini\"), FileMode.Create), new UTF8Encoding(true))) { w.Write(\"a=ß\\r\\n\"); }",
        "using var w = new StreamWriter(File.Create(Path.Combine(dir, \"profile.json\")), Encoding.Unicode, 16); w.Write(new string('x', 5000) + \"\\u4e2d\");",
        "using (var w = new StreamWriter(new FileStream(Path.Combine(dir, \"config.txt\"), FileMode.Truncate == FileMode.Create ? FileMode.Create : FileMode.Create, FileAccess.Write, FileShare.None, 4096), Encoding.Latin1)) { w.Write(\"é\"); }",
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task The_fixed_program_writes_the_same_bytes(string body)
    {
        var source = FixedProgram.WithRunBody(body);
        var fixedSource = await FixedProgram.RunBothAndCompareAsync(source);
        Assert.Contains("AtomicFile.CreateText(", fixedSource);
        Assert.Contains(".Commit();", fixedSource);
    }
}
