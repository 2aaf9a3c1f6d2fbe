using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a provider or store type that holds an opaque path (a field or property set from its constructor or a
/// setter) and whose own members both load and save that file is a store of the program's state, whatever the path is
/// called, unless quiet evidence (log, export, temp, cache, report, dump) weighs against it.
/// </summary>
public class AW0001StoreTypeTests
{
    [Fact]
    public Task Provider_that_loads_and_saves_its_constructor_path() => Verify.AnalyzersAsync(Verify.Usings + @"
class FileDataProvider
{
    public FileDataProvider(string filePath) { FilePath = filePath; }
    public string FilePath { get; }
    public string Load() => File.ReadAllText(FilePath);
    public void Save(string content) => {|AW0001:File.WriteAllText(FilePath, content)|};
}");

    [Fact]
    public Task Store_with_a_settable_location_written_through_a_stream() => Verify.AnalyzersAsync(Verify.Usings + @"
class ListStore
{
    public string Location { get; set; } = """";
    public string[] Load() => File.ReadAllLines(Location);
    public void Save(string[] lines)
    {
        using var writer = {|AW0001:new StreamWriter(Location)|};
        foreach (var line in lines) writer.WriteLine(line);
    }
}");

    [Fact]
    public async Task Message_names_the_loading_member()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class Provider
{
    private readonly string _file;
    public Provider(string file) { _file = file; }
    public byte[] Fetch() => File.ReadAllBytes(_file);
    public void Store(byte[] data) => File.WriteAllBytes(_file, data);
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("'_file' is read back by 'Fetch'", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task Stores_with_quiet_names_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class LogStore
{
    private readonly string _path;
    public LogStore(string path) { _path = path; }
    public string Load() => File.ReadAllText(_path);
    public void Save(string text) => File.WriteAllText(_path, text);
}
class Provider
{
    private readonly string _exportPath;
    private readonly string _cachePath;
    private readonly string _tempFile;
    public Provider(string exportPath, string cachePath, string tempFile) { _exportPath = exportPath; _cachePath = cachePath; _tempFile = tempFile; }
    public string Load() => File.ReadAllText(_exportPath) + File.ReadAllText(_cachePath) + File.ReadAllText(_tempFile);
    public void Save(string text)
    {
        File.WriteAllText(_exportPath, text);
        File.WriteAllText(_cachePath, text);
        File.WriteAllText(_tempFile, text);
    }
    public void DumpReport(string text) => File.WriteAllText(_exportPath, text);
}");

    [Fact]
    public Task Saved_but_not_loaded_by_the_type_stays_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Writer
{
    private readonly string _file;
    public Writer(string file) { _file = file; }
    public bool Exists() => File.Exists(_file);
    public void Save(string content) => File.WriteAllText(_file, content);
}
class Other
{
    public string FilePath { get; set; } = """";
}
// The writing type reads an instance member of another type that names only ""a path"": an output it hands on, not its store.
class CaptureJob
{
    public Other Info { get; } = new Other();
    public void Capture(byte[] image) => File.WriteAllBytes(Info.FilePath, image);
    public byte[] Upload() => File.ReadAllBytes(Info.FilePath);
}
class Saver
{
    public void Save(Other other, string text) => File.WriteAllText(other.FilePath, text);
}
class Opener
{
    public string Open(Other other) => File.ReadAllText(other.FilePath);
}");
}
