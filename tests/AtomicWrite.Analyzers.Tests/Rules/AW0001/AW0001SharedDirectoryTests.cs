using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a path made of a directory member of the program and a dynamic file name (<c>Library.Root + entry.FileName</c>)
/// names the same file where a read elsewhere puts the same file-name member under the same directory member. A
/// shared directory alone, or the same file-name member under another directory, is not the same file.
/// </summary>
public class AW0001SharedDirectoryTests
{
    private const string Entry = @"
class Entry { public string FileName { get; set; } = """"; public string Cover { get; set; } = """"; }
static class Library
{
    public static readonly string Root = AppContext.BaseDirectory;
    public static readonly string Other = AppContext.BaseDirectory;
}
";

    [Fact]
    public Task Same_directory_member_and_file_name_member_in_two_methods() => Verify.AnalyzersAsync(Verify.Usings + Entry + @"
class Saver
{
    public void Save(Entry entry, byte[] data) => {|AW0001:File.WriteAllBytes(Library.Root + entry.FileName, data)|};
}
class Loader
{
    public byte[] Load(Entry item) => File.ReadAllBytes(Library.Root + item.FileName);
}");

    [Fact]
    public Task Same_directory_through_locals_and_Path_Combine() => Verify.AnalyzersAsync(Verify.Usings + Entry + @"
class Saver
{
    public void Save(Entry entry, string text)
    {
        var dir = Library.Root;
        var target = Path.Combine(dir, entry.FileName);
        {|AW0001:File.WriteAllText(target, text)|};
    }
}
class Loader
{
    public string Load(Entry item)
    {
        var folder = Library.Root;
        return File.ReadAllText(Path.Combine(folder, item.FileName));
    }
}");

    [Fact]
    public async Task Message_names_the_directory_and_the_reader()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + Entry + @"
class Saver
{
    public void Save(Entry entry, byte[] data) => File.WriteAllBytes(Library.Root + entry.FileName, data);
}
class Loader
{
    public byte[] Load(Entry item) => File.ReadAllBytes(Library.Root + item.FileName);
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("'Root + FileName' is read back by 'Loader.Load'", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task Another_directory_another_file_member_or_a_parameter_directory_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + Entry + @"
class Saver
{
    public void Save(Entry entry, byte[] data) => File.WriteAllBytes(Library.Other + entry.FileName, data);
    public void SaveCover(Entry entry, byte[] data) => File.WriteAllBytes(Library.Root + entry.Cover, data);
    public void SaveUnder(string dir, Entry entry, byte[] data) => File.WriteAllBytes(dir + entry.FileName, data);
}
class Loader
{
    public byte[] Load(Entry item) => File.ReadAllBytes(Library.Root + item.FileName);
    public byte[] LoadUnder(string dir, Entry item) => File.ReadAllBytes(dir + item.FileName);
}");
}
