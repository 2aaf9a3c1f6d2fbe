using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: the content written is a serialization of a type of the program that the compilation deserializes from a
/// file it reads (anywhere, by any path): the program saves and loads that type from disk, so the file is its state,
/// even under a neutral path. Quiet evidence still weighs against it.
/// </summary>
public class AW0001SerializedRoundTripTests
{
    private const string Account = @"
class Account { public string Name { get; set; } = """"; }
";

    /// <summary>A minimal Newtonsoft-shaped API for the compilations of these tests (the real package is not referenced there).</summary>
    private const string Newtonsoft = @"
namespace Newtonsoft.Json
{
    public static class JsonConvert
    {
        public static string SerializeObject(object? value) => """";
        public static T? DeserializeObject<T>(string value) => default;
    }
}
";

    // ---- Positives ----

    [Fact]
    public Task Neutral_path_whose_serialized_type_is_loaded_from_a_file_elsewhere() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class AccountWriter
{
    private readonly string _maDir = AppContext.BaseDirectory;
    public void Save(string id, Account account)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(account);
        {|AW0001:File.WriteAllText(_maDir + id + "".x"", json)|};
    }
}
class AccountLoader
{
    public Account? Load(string file) => System.Text.Json.JsonSerializer.Deserialize<Account>(File.ReadAllText(file));
}");

    [Fact]
    public Task Newtonsoft_round_trip_through_locals() => Verify.AnalyzersAsync(Verify.Usings + Account + Newtonsoft + @"
class Writer
{
    public void Put(string path, Account account) => {|AW0001:File.WriteAllText(path, Newtonsoft.Json.JsonConvert.SerializeObject(account))|};
}
class Reader
{
    public async Task<Account?> GetAsync(string path)
    {
        var text = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        return Newtonsoft.Json.JsonConvert.DeserializeObject<Account>(text);
    }
}");

    [Fact]
    public Task Serialized_into_the_stream_and_read_as_another_collection_of_the_same_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class Slot { public int Index { get; set; } }
class SlotWriter
{
    public void Write(string dir, System.Collections.Generic.List<Slot> slots)
    {
        using var stream = {|AW0001:File.Create(Path.Combine(dir, ""a.bin""))|};
        System.Text.Json.JsonSerializer.Serialize(stream, slots);
    }
}
class SlotReader
{
    public Slot[]? Read(string file)
    {
        using var stream = File.OpenRead(file);
        return System.Text.Json.JsonSerializer.Deserialize<Slot[]>(stream);
    }
}");

    [Fact]
    public Task XmlSerializer_round_trip_with_the_serializer_in_a_field() => Verify.AnalyzersAsync(Verify.Usings + @"
public class Layout { public int Width { get; set; } }
class LayoutWriter
{
    public void Write(string target, Layout layout)
    {
        using var writer = {|AW0001:new StreamWriter(target)|};
        new System.Xml.Serialization.XmlSerializer(typeof(Layout)).Serialize(writer, layout);
    }
}
class LayoutReader
{
    private static readonly System.Xml.Serialization.XmlSerializer Serializer = new System.Xml.Serialization.XmlSerializer(typeof(Layout));
    public Layout Read(string target)
    {
        using var reader = new StreamReader(target);
        return (Layout)Serializer.Deserialize(reader)!;
    }
}");

    [Fact]
    public Task DataContract_round_trip_over_a_read_mode_FileStream() => Verify.AnalyzersAsync(Verify.Usings + @"
[System.Runtime.Serialization.DataContract]
public class Bookmarks { [System.Runtime.Serialization.DataMember] public string[] Urls { get; set; } = Array.Empty<string>(); }
class BookmarkStore
{
    public void Write(string target, Bookmarks marks)
    {
        using var stream = {|AW0001:new FileStream(target, FileMode.Create, FileAccess.Write)|};
        new System.Runtime.Serialization.DataContractSerializer(typeof(Bookmarks)).WriteObject(stream, marks);
    }
}
class BookmarkLoader
{
    public Bookmarks? Read(string target)
    {
        using var stream = new FileStream(target, FileMode.Open, FileAccess.Read);
        var serializer = new System.Runtime.Serialization.DataContractSerializer(typeof(Bookmarks));
        return serializer.ReadObject(stream) as Bookmarks;
    }
}");

    [Fact]
    public Task Wrapper_that_serializes_its_items_into_the_file_it_creates() => Verify.AnalyzersAsync(Verify.Usings + @"
class Entry { public string Key { get; set; } = """"; }
static class EntryFile
{
    public static void WriteListTo(string path, System.Collections.Generic.IEnumerable<Entry> items)
    {
        using var stream = {|AW0001:File.Create(path)|};
        System.Text.Json.JsonSerializer.Serialize(stream, items);
    }
    public static System.Collections.Generic.List<Entry> ReadFrom(string path)
    {
        using var stream = File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize<System.Collections.Generic.List<Entry>>(stream) ?? new();
    }
}
class Caller
{
    public void Store(string dir, Entry[] entries) => {|AW0001:EntryFile.WriteListTo(dir + ""/entries.x"", entries)|};
}");

    [Fact]
    public Task Loaded_through_a_project_helper_given_a_path() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
static class Utils
{
    public static T? DeserializeJson<T>(string fileName) => System.Text.Json.JsonSerializer.Deserialize<T>(File.ReadAllText(fileName));
}
class AccountWriter
{
    public void Save(string target, Account account) => {|AW0001:File.WriteAllText(target, System.Text.Json.JsonSerializer.Serialize(account))|};
}
class AccountLoader
{
    public Account? Load(string dir) => Utils.DeserializeJson<Account>(Path.Combine(dir, ""a.x""));
}");

    [Fact]
    public Task A_project_helper_given_text_is_no_file_read() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
static class Utils
{
    public static T? DeserializeJson<T>(string json) => System.Text.Json.JsonSerializer.Deserialize<T>(json);
}
class AccountWriter
{
    public void Save(string target, Account account) => File.WriteAllText(target, System.Text.Json.JsonSerializer.Serialize(account));
}
class AccountLoader
{
    public Account? Parse(string jsonText) => Utils.DeserializeJson<Account>(jsonText);
    public Account? Body(string responseContent) => Utils.DeserializeJson<Account>(responseContent);
}");

    [Fact]
    public async Task Message_names_the_deserializing_member()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + Account + @"
class AccountWriter
{
    public void Save(string path, Account account) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(account));
}
class AccountRepository
{
    public Account? Restore(string path) => System.Text.Json.JsonSerializer.Deserialize<Account>(File.ReadAllText(path));
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("a serialized 'Account' is loaded back from a file by 'AccountRepository.Restore'", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    // ---- Negatives ----

    [Fact]
    public Task Deserialized_only_from_the_network_or_a_string_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class AccountWriter
{
    public void Save(string path, Account account) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(account));
}
class Api
{
    public async Task<Account?> FetchAsync(System.Net.Http.HttpClient client) =>
        System.Text.Json.JsonSerializer.Deserialize<Account>(await client.GetStringAsync(""https://example.org/me""));
    public Account? Parse(string json) => System.Text.Json.JsonSerializer.Deserialize<Account>(json);
    public Account? FromStream(Stream body) => System.Text.Json.JsonSerializer.Deserialize<Account>(new StreamReader(body).ReadToEnd());
}");

    [Fact]
    public Task A_collection_written_where_a_single_value_is_read_is_not_the_same_serialization() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class AccountWriter
{
    public void Save(string path, Account[] accounts) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(accounts));
}
class AccountLoader
{
    public Account? Load(string file) => System.Text.Json.JsonSerializer.Deserialize<Account>(File.ReadAllText(file));
}");

    [Fact]
    public Task A_read_of_another_named_file_is_not_this_files_reader() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class ButtonWriter
{
    private readonly string _dir = AppContext.BaseDirectory;
    public void Save(System.Collections.Generic.List<Account> buttons) =>
        File.WriteAllText(Path.Combine(_dir, ""buttons.x""), System.Text.Json.JsonSerializer.Serialize(buttons));
    public void SaveMine(System.Collections.Generic.List<Account> mine) =>
        {|AW0001:File.WriteAllText(Path.Combine(_dir, ""mine.x""), System.Text.Json.JsonSerializer.Serialize(mine))|};
}
class Defaults
{
    public System.Collections.Generic.List<Account>? Load()
    {
        var file = Path.Combine(AppContext.BaseDirectory, ""defaults.x"");
        return System.Text.Json.JsonSerializer.Deserialize<System.Collections.Generic.List<Account>>(File.ReadAllText(file));
    }
    public System.Collections.Generic.List<Account>? LoadMine(string dir) =>
        System.Text.Json.JsonSerializer.Deserialize<System.Collections.Generic.List<Account>>(File.ReadAllText(Path.Combine(dir, ""mine.x"")));
}");

    [Fact]
    public Task A_type_of_the_same_name_in_another_namespace_is_another_type() => Verify.AnalyzersAsync(Verify.Usings + @"
namespace A { public class Item { public int X { get; set; } } }
namespace B { public class Item { public int Y { get; set; } } }
class Writer
{
    public void Save(string path, A.Item item) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(item));
}
class Loader
{
    public B.Item? Load(string file) => System.Text.Json.JsonSerializer.Deserialize<B.Item>(File.ReadAllText(file));
}");

    [Fact]
    public Task Quiet_evidence_and_test_code_still_weigh_against_it() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class AccountExporter
{
    public void Write(string exportPath, Account account) => File.WriteAllText(exportPath, System.Text.Json.JsonSerializer.Serialize(account));
    public void Dump(string dir, Account account) => File.WriteAllText(Path.Combine(dir, ""logs"", ""account.json""), System.Text.Json.JsonSerializer.Serialize(account));
}
class AccountLoader
{
    public Account? Load(string file) => System.Text.Json.JsonSerializer.Deserialize<Account>(File.ReadAllText(file));
}
class Order { public int Id { get; set; } }
class OrderWriter
{
    public void Save(string path, Order order) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(order));
}
namespace App.Tests
{
    class OrderTests
    {
        public Order? Check(string path) => System.Text.Json.JsonSerializer.Deserialize<Order>(File.ReadAllText(path));
    }
}");

    [Fact]
    public Task Framework_types_and_wrappers_that_do_not_serialize_are_quiet() => Verify.AnalyzersAsync(Verify.Usings + Account + @"
class MapWriter
{
    public void Save(string path, System.Collections.Generic.Dictionary<string, string> map) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(map));
}
class MapLoader
{
    public System.Collections.Generic.Dictionary<string, string>? Load(string file) =>
        System.Text.Json.JsonSerializer.Deserialize<System.Collections.Generic.Dictionary<string, string>>(File.ReadAllText(file));
    public Account? LoadAccount(string file) => System.Text.Json.JsonSerializer.Deserialize<Account>(File.ReadAllText(file));
}
static class Files
{
    public static void WriteName(string path, Account account) => File.WriteAllText(path, account.Name.ToUpperInvariant());
}
class Caller
{
    public void Run(string dir, Account account) => Files.WriteName(dir + ""/name.x"", account);
}");
}
