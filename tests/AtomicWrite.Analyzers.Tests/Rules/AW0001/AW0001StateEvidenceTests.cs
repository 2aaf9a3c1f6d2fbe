using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: paths handed to a constructor by derived types, files the program loads back (a load/save pair),
/// enabled/disabled lists, sinks whose other arguments do not bind, and the quiet counterparts of each.
/// </summary>
public class AW0001StateEvidenceTests
{
    // ---- Constructor parameters followed into base(...) / this(...) initializers ----

    [Fact]
    public Task Path_passed_by_a_derived_type_to_the_base_constructor() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store<T>
{
    private readonly string _file;
    public Store(string file) { _file = file; }
    public void Save(string text) => {|AW0001:File.WriteAllText(_file, text)|};
}
class Accounts : Store<int>
{
    public Accounts(string dir) : base(Path.Combine(dir, ""accounts.json"")) { }
}");

    [Fact]
    public Task Path_passed_through_a_this_initializer_and_a_primary_constructor() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store
{
    private readonly string _file;
    public Store() : this(""app.ini"") { }
    public Store(string file) { _file = file; }
    public void Save(string text) => {|AW0001:File.WriteAllText(_file, text)|};
}
class Base(string path)
{
    public void Save(string text) => {|AW0001:File.WriteAllText(path, text)|};
}
class Keys() : Base(""signing.key"");");

    [Fact]
    public Task Path_passed_by_a_derived_type_is_quiet_for_a_cache() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store
{
    private readonly string _file;
    public Store(string file) { _file = file; }
    public void Save(string text) => File.WriteAllText(_file, text);
}
class Thumbnails : Store
{
    public Thumbnails(string dir) : base(Path.Combine(dir, ""thumbnails.cache"")) { }
}
class Unrelated : Store
{
    public Unrelated(string dir) : base(Path.Combine(dir, ""readme.md"")) { }
}");

    // ---- Files the same type loads back ----

    [Fact]
    public Task Serialized_file_that_the_type_loads_back() => Verify.AnalyzersAsync(Verify.Usings + @"
class Item { public string Name = """"; }
class ItemList
{
    private readonly string _dataPath;
    private Item[] _items = Array.Empty<Item>();
    public ItemList(string dataPath) { _dataPath = dataPath; }
    public void Load() => _items = System.Text.Json.JsonSerializer.Deserialize<Item[]>(File.ReadAllText(_dataPath)) ?? _items;
    public void Save()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(_items);
        {|AW0001:File.WriteAllText(_dataPath, json)|};
    }
}");

    [Fact]
    public Task Stream_write_of_a_serialized_file_that_the_type_loads_back() => Verify.AnalyzersAsync(Verify.Usings + @"
class Storage<T>
{
    public string FilePath { get; set; } = """";
    private T _data = default!;
    public void Load() { using var reader = new StreamReader(FilePath); _data = System.Text.Json.JsonSerializer.Deserialize<T>(reader.ReadToEnd())!; }
    public void Save()
    {
        var text = System.Text.Json.JsonSerializer.Serialize(_data);
        using var stream = {|AW0001:new FileStream(FilePath, FileMode.Create, FileAccess.Write)|};
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}");

    [Fact]
    public Task Read_back_through_a_call_that_does_not_bind_still_counts() => Verify.AnalyzersAsync(Verify.Usings + @"
class Item { public string Name = """"; }
class Storage
{
    private static readonly {|CS0246:IUnknownFile|} Files = null!;
    public string FilePath { get; set; } = """";
    public Item? Load() => System.Text.Json.JsonSerializer.Deserialize<Item>(Files.ReadAllText(FilePath, 1, 2));
    public void Save(Item item) => {|AW0001:File.WriteAllText(FilePath, System.Text.Json.JsonSerializer.Serialize(item))|};
}");

    [Fact]
    public Task Loaded_back_but_neither_serialized_nor_named_is_a_store() => Verify.AnalyzersAsync(Verify.Usings + @"
class Notes
{
    private readonly string _path;
    public Notes(string path) { _path = path; }
    public string Read() => File.ReadAllText(_path);
    public void Write(string text) => {|AW0001:File.WriteAllText(_path, text)|};
}");

    [Fact]
    public Task Serialized_but_never_loaded_back_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Item { public string Name = """"; }
class Dumper
{
    private readonly string _path;
    public Dumper(string path) { _path = path; }
    public void Write(Item[] items) => File.WriteAllText(_path, System.Text.Json.JsonSerializer.Serialize(items));
}");

    [Fact]
    public Task Loaded_back_cache_and_download_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Item { public string Name = """"; }
class IndexCache
{
    private readonly string _cachePath;
    public IndexCache(string cachePath) { _cachePath = cachePath; }
    public Item[]? Load() => System.Text.Json.JsonSerializer.Deserialize<Item[]>(File.ReadAllText(_cachePath));
    public void Save(Item[] items) => File.WriteAllText(_cachePath, System.Text.Json.JsonSerializer.Serialize(items));
}
class Database
{
    private readonly string _dbFile = ""geo.dat"";
    public byte[] Load() => File.ReadAllBytes(_dbFile);
    public async Task DownloadAsync(System.Net.Http.HttpClient client) => File.WriteAllBytes(_dbFile, await client.GetByteArrayAsync(""https://example.org/geo.dat""));
}");

    [Fact]
    public Task Downloaded_content_is_quiet_even_when_loaded_back() => Verify.AnalyzersAsync(Verify.Usings + @"
class ProfileList
{
    private readonly string _listPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), ""app"", ""data"", ""list.json"");
    public string Load() => File.ReadAllText(_listPath);
    public async Task RefreshAsync(System.Net.Http.HttpClient client)
    {
        var response = await client.GetAsync(""https://example.org/list.json"");
        var text = await response.Content.ReadAsStringAsync();
        using var stream = File.Create(_listPath);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
    public async Task UpdateAsync(System.Net.Http.HttpClient client)
    {
        var text = await client.GetStringAsync(""https://example.org/list.json"");
        File.WriteAllText(_listPath, text);
    }
}");

    [Fact]
    public Task Settings_written_next_to_a_download_are_still_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Updater
{
    public async Task CheckAsync(System.Net.Http.HttpClient client, string dir)
    {
        var latest = await client.GetStringAsync(""https://example.org/latest"");
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""settings.json""), latest.Length.ToString())|};
    }
}");

    [Fact]
    public async Task Load_save_message_names_the_reader()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class Item { public string Name = """"; }
class ItemList
{
    private readonly string _dataPath;
    public ItemList(string dataPath) { _dataPath = dataPath; }
    public Item[]? EnsureLoaded() => System.Text.Json.JsonSerializer.Deserialize<Item[]>(File.ReadAllText(_dataPath));
    public void Save(Item[] items) => File.WriteAllText(_dataPath, System.Text.Json.JsonSerializer.Serialize(items));
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("loaded back by 'EnsureLoaded'", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    // ---- The reader checks for an empty file: truncation is a known failure of this file ----

    [Fact]
    public Task Cache_that_its_loader_checks_for_an_empty_file_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class BlobStore<T>
{
    private const string Suffix = "".cache"";
    protected string FilePath { get; init; }
    public BlobStore(string cacheDirectory, string name) { FilePath = Path.Combine(cacheDirectory, name + Suffix); }
    public byte[] TryLoad(byte[] fallback)
    {
        if (!File.Exists(FilePath)) return fallback;
        if (new FileInfo(FilePath).Length == 0)
        {
            Save(fallback);
        }
        return File.ReadAllBytes(FilePath);
    }
    public void Save(byte[] bytes) => {|AW0001:File.WriteAllBytes(FilePath, bytes)|};
    public async Task SaveAsync(byte[] bytes)
    {
        await using var stream = {|AW0001:new FileStream(FilePath, FileMode.Create)|};
        await stream.WriteAsync(bytes);
    }
}");

    [Fact]
    public Task Download_that_its_loader_checks_for_an_empty_file_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Helpers { public static string GetTempPath(string name) => Path.Combine(AppContext.BaseDirectory, ""tmp"", name); }
static class RuleDatabase
{
    private static readonly string DatabasePath = Helpers.GetTempPath(""rules.dat"");
    private static byte[] _data;
    static RuleDatabase()
    {
        if (File.Exists(DatabasePath) && new FileInfo(DatabasePath).Length > 0)
        {
            _data = File.ReadAllBytes(DatabasePath);
        }
        else
        {
            _data = Array.Empty<byte>();
        }
    }
    public static async Task UpdateAsync(System.Net.Http.HttpClient client)
    {
        var bytes = await client.GetByteArrayAsync(""https://example.org/rules.dat"");
        using (var stream = {|AW0001:File.Create(DatabasePath)|})
            await stream.WriteAsync(bytes, 0, bytes.Length);
        _data = bytes;
    }
}");

    [Fact]
    public Task Empty_check_through_a_local_file_info_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Catalog
{
    private readonly string _path;
    public Catalog(string path) { _path = path; }
    public string? Load()
    {
        FileInfo info = new(_path);
        if (!info.Exists || info.Length < 1) return null;
        using var reader = new StreamReader(_path);
        return reader.ReadToEnd();
    }
    public void Save(string text) => {|AW0001:File.WriteAllText(_path, text)|};
}");

    [Fact]
    public Task Empty_check_as_a_pattern_or_through_a_file_system_wrapper_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
interface IFileSystem { FileInfo GetFileInfo(string path); }
class Index
{
    private readonly string _path = ""index.bin"";
    public byte[]? Load() => new FileInfo(_path).Length is > 0 ? File.ReadAllBytes(_path) : null;
    public void Save(byte[] bytes) => {|AW0001:File.WriteAllBytes(_path, bytes)|};
}
class Queue
{
    private readonly IFileSystem _fileSystem = null!;
    private string QueueFile { get; } = ""queue.dat"";
    public byte[]? Load()
    {
        if (_fileSystem.GetFileInfo(QueueFile).Length is 0) return null;
        return File.ReadAllBytes(QueueFile);
    }
    public void Save(byte[] bytes) => {|AW0001:File.WriteAllBytes(QueueFile, bytes)|};
}");

    [Fact]
    public Task Size_checks_that_are_not_a_read_guard_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
// A report table: the quiet name weighs against its load/save pair, which an emptiness check before a read would not.
class ReportTable
{
    private readonly string _path;
    private readonly string _other;
    public ReportTable(string path, string other) { _path = path; _other = other; }
    // The emptiness check decides whether to write a header; nothing reads the file back in this method.
    public void Begin()
    {
        if (!File.Exists(_path) || new FileInfo(_path).Length == 0) File.WriteAllText(_path, ""a,b\n"");
    }
    public string Read() => File.ReadAllText(_path);
    // A size limit, not an emptiness check.
    public string? Peek() => new FileInfo(_other).Length > 4096 ? null : File.ReadAllText(_other);
    public void Write(string text) => File.WriteAllText(_other, text);
    // The check is on another file than the one written.
    public string? Mirror() => new FileInfo(_other).Length == 0 ? null : File.ReadAllText(_path);
}");

    [Fact]
    public async Task Empty_check_message_names_the_checking_method()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class Catalog
{
    private readonly string _path;
    public Catalog(string path) { _path = path; }
    public string? Restore() => new FileInfo(_path).Length == 0 ? null : File.ReadAllText(_path);
    public void Save(string text) => File.WriteAllText(_path, text);
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("'Restore' checks '_path' for an empty file", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    // ---- Lists of enabled / disabled things ----

    [Fact]
    public Task Enabled_list_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Mods
{
    void Save(string dir, string[] names)
    {
        {|AW0001:File.WriteAllLines(Path.Combine(dir, ""cheats"", ""enabled.txt""), names)|};
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""disabled-plugins.json""), string.Join("","", names))|};
    }
}");

    [Fact]
    public Task Enabled_in_a_log_or_image_name_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Mods
{
    void Save(string dir, string[] names, byte[] png)
    {
        File.WriteAllLines(Path.Combine(dir, ""enabled.log""), names);
        File.WriteAllBytes(Path.Combine(dir, ""disabled.png""), png);
    }
}");

    // ---- Temp names and project rename helpers ----

    [Fact]
    public Task Temp_of_a_rename_through_a_project_helper_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class FileUtility { public static void Move(string source, string destination) => File.Move(source, destination, true); }
class Writer
{
    void Save(string dir, string xml)
    {
        var temp = Path.Combine(dir, ""settings.json.incoming"");
        File.WriteAllText(temp, xml);
        FileUtility.Move(temp, Path.Combine(dir, ""settings.json""));
        File.WriteAllText(Path.Combine(dir, ""packages.config.new."" + DateTime.Now.Ticks), xml);
    }
}");

    [Fact]
    public Task String_Replace_is_not_a_rename() => Verify.AnalyzersAsync(Verify.Usings + @"
class Writer
{
    string Save(string dir, string xml)
    {
        var path = Path.Combine(dir, ""settings.json"");
        {|AW0001:File.WriteAllText(path, xml)|};
        return xml.Replace(path, ""x"");
    }
}");

    [Fact]
    public Task Identity_as_a_variable_name_is_not_a_credential() => Verify.AnalyzersAsync(Verify.Usings + @"
class Extractor
{
    void Save(string root, string packageIdentity, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(root, packageIdentity, packageIdentity + "".nuspec""), bytes);
        {|AW0001:File.WriteAllBytes(Path.Combine(root, ""identity.json""), bytes)|};
    }
}");

    // ---- The sink binds, another argument does not (the IDE case) ----

    [Fact]
    public async Task Unbound_path_expression_in_a_settings_type_is_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class SettingsUtils
{
    private readonly ISettingsPathUnknown _paths = null!;
    public void SaveSettings(string json, string module) => File.WriteAllText(_paths.GetSettingsPath(module, ""settings.json""), json);
    public void SaveOther(string json, string module) => File.WriteAllText(_paths.Resolve(module), json);
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0001", d.Id);
    }

    [Fact]
    public async Task Unbound_path_expression_with_an_abstraction_with_overloads_is_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
namespace System.IO.Abstractions
{
    public interface IFile
    {
        void WriteAllText(string path, string? contents);
        void WriteAllText(string path, string? contents, System.Text.Encoding encoding);
        void WriteAllText(string path, ReadOnlySpan<char> contents);
        void WriteAllText(string path, ReadOnlySpan<char> contents, System.Text.Encoding encoding);
    }
}
class SettingsUtils
{
    private readonly System.IO.Abstractions.IFile _file = null!;
    private readonly ISettingsPathUnknown _settingsPath = null!;
    public void SaveSettings(string json, string powertoy, string fileName = ""settings.json"") => _file.WriteAllText(_settingsPath.GetSettingsPath(powertoy, fileName), json);
    public void SaveNotes(string notes, string powertoy) => _file.WriteAllText(_settingsPath.GetNotesPath(powertoy), notes);
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0001", d.Id);
        Assert.Contains("IFile.WriteAllText", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
