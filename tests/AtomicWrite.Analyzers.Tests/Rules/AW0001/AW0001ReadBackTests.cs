using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.InPlaceWrites;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a file the program reads back anywhere in the compilation (by the same field, property, constant or
/// path-returning method, or by the same constant file name) is state it relies on, whatever its name says, unless
/// quiet evidence weighs against it.
/// </summary>
public class AW0001ReadBackTests
{
    // ---- The same symbol, read in another type ----

    [Fact]
    public Task Neutral_name_read_back_by_another_type_through_the_same_property() => Verify.AnalyzersAsync(new[]
    {
        Verify.Usings + @"
static class Paths
{
    public static string Slots => Path.Combine(AppContext.BaseDirectory, ""slots.dat"");
}
class SlotWriter
{
    public void Write(byte[] data) => {|AW0001:File.WriteAllBytes(Paths.Slots, data)|};
}",
        Verify.Usings + @"
class Startup
{
    public byte[] Restore() => File.ReadAllBytes(Paths.Slots);
}",
    }, null, null);

    [Fact]
    public Task Neutral_name_read_back_through_a_shared_constant_file_name_member() => Verify.AnalyzersAsync(Verify.Usings + @"
class Layout
{
    public const string LayoutFile = ""dock.xml"";
}
class MainWindow
{
    private readonly string _dir = AppContext.BaseDirectory;
    public void SaveLayout(string xml) => {|AW0001:File.WriteAllText(Path.Combine(_dir, Layout.LayoutFile), xml)|};
}
class Loader
{
    public System.Xml.Linq.XDocument Load(string dir)
    {
        var path = Path.Combine(dir, Layout.LayoutFile);
        return System.Xml.Linq.XDocument.Load(path);
    }
}");

    [Fact]
    public Task Read_back_through_a_path_returning_method_and_a_stream_deserializer() => Verify.AnalyzersAsync(Verify.Usings + @"
class Device { public string Id = """"; }
static class Locations
{
    public static string DeviceFile() => Path.Combine(AppContext.BaseDirectory, ""device.bin"");
}
class DeviceWriter
{
    public void Save(Device device)
    {
        using var stream = {|AW0001:new FileStream(Locations.DeviceFile(), FileMode.Create, FileAccess.Write)|};
        System.Text.Json.JsonSerializer.Serialize(stream, device);
    }
}
class DeviceReader
{
    public Device? Read()
    {
        using var stream = File.OpenRead(Locations.DeviceFile());
        return System.Text.Json.JsonSerializer.Deserialize<Device>(stream);
    }
}");

    [Fact]
    public Task Read_back_by_the_same_constant_file_name_in_another_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class Writer
{
    public void Save(string dir, string text) => {|AW0001:File.WriteAllText(Path.Combine(dir, ""hosts.lst""), text)|};
}
class Reader
{
    public string[] Load(string root) => File.ReadAllLines(root + ""/hosts.lst"");
}");

    [Theory]
    [InlineData("new StreamReader(Store.ListFile).ReadToEnd()")]
    [InlineData("System.Xml.Linq.XElement.Load(Store.ListFile).Value")]
    [InlineData("new System.Xml.XmlDocument().OuterXml; new System.Xml.XmlDocument().Load(Store.ListFile)")]
    [InlineData("new System.Xml.Serialization.XmlSerializer(typeof(string)).Deserialize(System.Xml.XmlReader.Create(Store.ListFile)) as string ?? \"\"")]
    [InlineData("new StreamReader(File.Open(Store.ListFile, FileMode.Open, FileAccess.Read)).ReadToEnd()")]
    [InlineData("new StreamReader(new FileStream(Store.ListFile, FileMode.OpenOrCreate, FileAccess.Read)).ReadToEnd()")]
    [InlineData("Helpers.LoadFromFile(Store.ListFile)")]
    [InlineData("Helpers.FromXmlFile(Store.ListFile)")]
    public Task Each_kind_of_read_counts(string read) => Verify.AnalyzersAsync(Verify.Usings + @"
static class Helpers
{
    public static string LoadFromFile(string path) => """";
    public static string FromXmlFile(string path) => """";
}
static class Store
{
    public static readonly string ListFile = Path.Combine(AppContext.BaseDirectory, ""list.xml"");
    public static void Save(string xml) => {|AW0001:File.WriteAllText(ListFile, xml)|};
}
class Consumer
{
    public string Get() { var text = " + read + @"; return text; }
}");

    [Fact]
    public async Task Message_names_the_reading_member()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
static class Paths
{
    public static readonly string Accounts = Path.Combine(AppContext.BaseDirectory, ""acct.bin"");
}
class AccountWriter
{
    public void Write(byte[] data) => File.WriteAllBytes(Paths.Accounts, data);
}
class AccountStore
{
    public byte[] Restore() => File.ReadAllBytes(Paths.Accounts);
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("read back by 'AccountStore.Restore'", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    // ---- What does not count ----

    [Fact]
    public Task Written_but_never_read_back_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Paths
{
    public static string Slots => Path.Combine(AppContext.BaseDirectory, ""slots.dat"");
    public static string Other => Path.Combine(AppContext.BaseDirectory, ""other.dat"");
}
class SlotWriter
{
    public void Write(byte[] data) => File.WriteAllBytes(Paths.Slots, data);
}
class Startup
{
    public byte[] Restore() => File.ReadAllBytes(Paths.Other);
    public bool Exists() => File.Exists(Paths.Slots);
}");

    [Fact]
    public Task A_shared_directory_is_not_a_shared_file() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Paths
{
    public static readonly string Root = AppContext.BaseDirectory;
}
class Writer
{
    public void Write(string text) => File.WriteAllText(Path.Combine(Paths.Root, ""out.dat""), text);
}
class Reader
{
    public string Read() => File.ReadAllText(Path.Combine(Paths.Root, ""in.dat""));
}");

    [Fact]
    public Task A_generic_path_member_of_another_instance_is_not_the_same_file() => Verify.AnalyzersAsync(Verify.Usings + @"
class Document
{
    public string FilePath { get; set; } = """";
}
class Saver
{
    public void Save(Document document, string text) => File.WriteAllText(document.FilePath, text);
}
class Opener
{
    public string Open(Document document) => File.ReadAllText(document.FilePath);
}");

    [Fact]
    public Task Read_back_by_test_code_only_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Paths
{
    public static string Slots => Path.Combine(AppContext.BaseDirectory, ""slots.dat"");
}
class SlotWriter
{
    public void Write(byte[] data) => File.WriteAllBytes(Paths.Slots, data);
}
namespace App.Tests
{
    class SlotWriterTests
    {
        public byte[] Check() => File.ReadAllBytes(Paths.Slots);
    }
}");

    [Fact]
    public Task Quiet_names_still_weigh_against_a_read_back() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Paths
{
    public static string ExportPath => Path.Combine(AppContext.BaseDirectory, ""items.dat"");
    public static string LogFile => Path.Combine(AppContext.BaseDirectory, ""run.txt"");
}
class Writer
{
    public void Write(byte[] data) => File.WriteAllBytes(Paths.ExportPath, data);
    public void Append(string text) => File.WriteAllText(Paths.LogFile, text);
}
class Reader
{
    public byte[] Import() => File.ReadAllBytes(Paths.ExportPath);
    public string Show() => File.ReadAllText(Paths.LogFile);
}");

    [Fact]
    public Task Read_back_file_name_of_a_cache_stays_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Writer
{
    public void Save(string dir, string text) => File.WriteAllText(Path.Combine(dir, ""thumbs.cache""), text);
}
class Reader
{
    public string Load(string dir) => File.ReadAllText(Path.Combine(dir, ""thumbs.cache""));
}");

    [Fact]
    public async Task The_index_finds_reads_by_their_names_without_a_full_walk()
    {
        var source = Verify.Usings + @"
partial class A
{
    string ReadOnlyName = """";
    public string Load(string p) => File.ReadAllText(p);
    public object X(string p) => new StreamReader(p);
    public object Y(string p) => File.Open(p, FileMode.Open);
    public object Z(string p) => new FileStream(p, FileMode.OpenOrCreate, FileAccess.Read);
    public object W(string p) => File.Open(p, FileMode.OpenOrCreate, FileAccess.ReadWrite);
    public object V(string p) => File.Open(p, System.IO.FileMode.Open);
    public int R(Stream s, byte[] b) => s.ReadAtLeast(b, 1);
    public void Reader() { }
    public void Q() { Reader(); ReadOnlyName.ToString(); }
}";
        var designer = Verify.Usings + "partial class A { string M(string p) => File.ReadAllText(p); }";
        var compilation = CSharpCompilation.Create(
            "T",
            new[] { CSharpSyntaxTree.ParseText(source, path: "A.cs"), CSharpSyntaxTree.ParseText(designer, path: "A.Designer.cs") },
            Basic.Reference.Assemblies.Net80.References.All);
        var count = ReadBackIndex.For(compilation).IndexedReads(CancellationToken.None);

        // ReadAllText, new StreamReader, File.Open(FileMode.Open) twice, new FileStream(FileAccess.Read); not the
        // ReadWrite open, the stream's ReadAtLeast, the method declarations, the call without arguments, the field, or the
        // read in the designer file.
        Assert.Equal(5, count);
        await Task.CompletedTask;
    }
}
