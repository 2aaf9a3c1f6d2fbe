using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0003;

/// <summary>The AtomicFile fix applied to AW0003 (every in-place overwrite; enabled here, off by default).</summary>
public class AW0003CodeFixTests
{
    [Fact]
    public Task Whole_file_write_of_an_ordinary_file_is_fixed() => Verify.FixAsync(@"using System.IO;
using System.Threading.Tasks;

class Exporter
{
    async Task ExportAsync(string csv, string[] lines)
    {
        {|AW0003:File.WriteAllLines(""report.txt"", lines)|};
        await {|AW0003:File.WriteAllTextAsync(""export.csv"", csv)|};
    }
}", @"using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class Exporter
{
    async Task ExportAsync(string csv, string[] lines)
    {
        AtomicFile.WriteAllLines(""report.txt"", lines);
        await AtomicFile.WriteAllTextAsync(""export.csv"", csv);
    }
}", enableAW0003: true);

    [Fact]
    public Task Stream_in_a_using_block_is_fixed() => Verify.FixAsync(@"using System.IO;

class Exporter
{
    void Export(byte[] data)
    {
        using (var stream = {|AW0003:File.Open(""output.bin"", FileMode.Create, FileAccess.Write)|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class Exporter
{
    void Export(byte[] data)
    {
        using (var stream = AtomicFile.Create(""output.bin""))
        {
            stream.Write(data, 0, data.Length);
            stream.Commit();
        }
    }
}", enableAW0003: true);

    [Fact]
    public Task XmlDocument_Save_is_fixed() => Verify.FixAsync(@"using System.Xml;

class Exporter
{
    void Export(XmlDocument document) => Save(document);

    static void Save(XmlDocument document)
    {
        {|AW0003:document.Save(""feed.xml"")|};
    }
}", @"using System.Xml;
using AtomicWrite;

class Exporter
{
    void Export(XmlDocument document) => Save(document);

    static void Save(XmlDocument document)
    {
        using (var stream = AtomicFile.Create(""feed.xml""))
        {
            document.Save(stream);
            stream.Commit();
        }
    }
}", enableAW0003: true);

    [Fact]
    public Task No_fix_for_a_stream_returned_to_the_caller() => Verify.NoFixAsync(@"using System.IO;

class Exporter
{
    Stream OpenOutput() => {|AW0003:new FileStream(""output.bin"", FileMode.Create, FileAccess.Write)|};
}", enableAW0003: true);

    [Fact]
    public Task No_fix_for_a_FileStreamOptions_argument() => Verify.NoFixAsync(@"using System.IO;

class Exporter
{
    void Export(byte[] data)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, PreallocationSize = 4096 };
        using (var stream = {|AW0003:new FileStream(""output.bin"", options)|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}", enableAW0003: true);

    [Fact]
    public Task No_fix_for_an_OpenWrite_stream_that_seeks_to_patch_the_old_content() => Verify.NoFixAsync(@"using System.IO;

class Exporter
{
    void Patch(byte[] data)
    {
        using (var stream = {|AW0003:File.OpenWrite(""output.bin"")|})
        {
            stream.Seek(128, SeekOrigin.Begin);
            stream.Write(data, 0, data.Length);
        }
    }
}", enableAW0003: true);
}
