using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>AW0001: sinks, each kind of evidence, quiet cases, configuration and wrappers.</summary>
public class AW0001Tests
{
    private static Task Reported(string body, string? members = null, string? editorConfig = null) =>
        Verify.AnalyzersAsync(Verify.Usings + "partial class C\n{\n" + (members ?? string.Empty) + "\n    async Task M(string json, byte[] bytes, string[] lines, string dir)\n    {\n        " + body + "\n        await Task.CompletedTask;\n    }\n}\n", editorConfig);

    // ---- Sinks (each with an obviously sensitive file name) ----

    [Fact]
    public Task WriteAllText() => Reported(@"{|AW0001:File.WriteAllText(""tokens.json"", json)|};");

    [Fact]
    public Task WriteAllText_with_encoding() => Reported(@"{|AW0001:File.WriteAllText(""settings.json"", json, Encoding.UTF8)|};");

    [Fact]
    public Task WriteAllTextAsync() => Reported(@"await {|AW0001:File.WriteAllTextAsync(""settings.json"", json)|};");

    [Fact]
    public Task WriteAllBytes() => Reported(@"{|AW0001:File.WriteAllBytes(""server.pfx"", bytes)|};");

    [Fact]
    public Task WriteAllBytesAsync() => Reported(@"await {|AW0001:File.WriteAllBytesAsync(""id_rsa"", bytes, default)|};");

    [Fact]
    public Task WriteAllLines() => Reported(@"{|AW0001:File.WriteAllLines(""app.ini"", lines)|};");

    [Fact]
    public Task WriteAllLinesAsync_enumerable() => Reported(@"await {|AW0001:File.WriteAllLinesAsync(""app.ini"", lines.AsEnumerable())|};".Replace("lines.AsEnumerable()", "(System.Collections.Generic.IEnumerable<string>)lines"));

    [Fact]
    public Task Named_arguments_in_any_order() => Reported(@"{|AW0001:File.WriteAllText(contents: json, path: ""credentials.json"")|};");

    [Fact]
    public Task File_Create() => Reported(@"using var s = {|AW0001:File.Create(""config.yaml"")|};");

    [Fact]
    public Task File_Create_with_WriteThrough_is_still_in_place() => Reported(@"using var s = {|AW0001:File.Create(""Config.json"", 4096, FileOptions.WriteThrough)|};");

    [Fact]
    public Task File_CreateText() => Reported(@"using var w = {|AW0001:File.CreateText(""user.config"")|};");

    [Fact]
    public Task File_OpenWrite() => Reported(@"using var s = {|AW0001:File.OpenWrite(""settings.xml"")|};");

    [Fact]
    public Task File_Open_Create() => Reported(@"using var s = {|AW0001:File.Open(""gui-config.json"", FileMode.Create)|};");

    [Fact]
    public Task File_Open_Truncate_Write() => Reported(@"using var s = {|AW0001:File.Open(""secrets.json"", FileMode.Truncate, FileAccess.Write)|};");

    [Fact]
    public Task File_Open_with_FileStreamOptions() => Reported(@"using var s = {|AW0001:File.Open(""settings.json"", new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write })|};");

    [Fact]
    public Task File_OpenHandle_Create_Write() => Reported(@"using var h = {|AW0001:File.OpenHandle(""settings.json"", FileMode.Create, FileAccess.Write)|};");

    [Fact]
    public Task New_FileStream_Create() => Reported(@"using var s = {|AW0001:new FileStream(""settings.json"", FileMode.Create)|};");

    [Fact]
    public Task New_FileStream_OpenOrCreate_Write() => Reported(@"using var s = {|AW0001:new FileStream(""state.json"", FileMode.OpenOrCreate, FileAccess.Write, FileShare.None)|};");

    [Fact]
    public Task New_FileStream_with_options_local() => Reported(@"var o = new FileStreamOptions { Access = FileAccess.Write, Mode = FileMode.Truncate };
        using var s = {|AW0001:new FileStream(""token.txt"", o)|};");

    [Fact]
    public Task New_StreamWriter_path() => Reported(@"using var w = {|AW0001:new StreamWriter(""settings.json"")|};");

    [Fact]
    public Task New_StreamWriter_append_false_named_out_of_order() => Reported(@"using var w = {|AW0001:new StreamWriter(encoding: Encoding.UTF8, append: false, path: ""settings.json"")|};");

    [Fact]
    public Task FileInfo_methods() => Reported(@"var fi = new FileInfo(""settings.json"");
        using var a = {|AW0001:fi.Create()|};
        using var b = {|AW0001:fi.CreateText()|};
        using var c = {|AW0001:fi.OpenWrite()|};
        using var d = {|AW0001:fi.Open(FileMode.Create)|};
        using var e = fi.Open(FileMode.CreateNew);");

    [Fact]
    public Task Xml_saves_to_a_path() => Reported(@"{|AW0001:new System.Xml.Linq.XDocument().Save(""settings.xml"")|};
        {|AW0001:new System.Xml.Linq.XElement(""a"").Save(""NLog.config"")|};
        {|AW0001:new System.Xml.XmlDocument().Save(""app.config"")|};
        new System.Xml.Linq.XDocument().Save(new MemoryStream());");

    // ---- Not sinks ----

    [Fact]
    public Task CreateNew_append_and_reads_are_quiet() => Reported(@"using var a = new FileStream(""settings.json"", FileMode.CreateNew);
        using var b = new FileStream(""settings.json"", FileMode.Append);
        using var c = File.Open(""settings.json"", FileMode.Open);
        using var d = File.Open(""settings.json"", FileMode.OpenOrCreate, FileAccess.Read);
        using var e = new StreamWriter(""settings.json"", true);
        using var f = new FileStream(""settings.json"", new FileStreamOptions { Mode = FileMode.Create });
        File.AppendAllText(""settings.json"", json);
        File.ReadAllText(""settings.json"");
        File.Copy(""a"", ""settings.json"", true);");

    [Fact]
    public Task StreamWriter_with_unknown_append_is_quiet() => Reported(@"bool append = json.Length > 3;
        using var w = new StreamWriter(""settings.json"", append);");

    [Fact]
    public Task Temp_paths_are_quiet() => Reported(@"File.WriteAllText(Path.GetTempFileName(), json);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), ""settings.json""), json);
        var t = Path.Combine(Path.GetTempPath(), ""token.json"");
        File.WriteAllText(t, json);");

    [Fact]
    public Task AtomicFile_is_not_a_sink() => Reported(@"AtomicWrite.AtomicFile.WriteAllText(""tokens.json"", json);", @"
}
namespace AtomicWrite
{
    public static class AtomicFile { public static void WriteAllText(string path, string contents) { } }
}
partial class C
{");

    // ---- Evidence: the path ----

    [Fact]
    public Task Key_extension() => Reported(@"{|AW0001:File.WriteAllText(""server.pem"", json)|};");

    [Fact]
    public Task Config_extension_alone() => Reported(@"{|AW0001:File.WriteAllLines(""np21nt.cfg"", lines)|};");

    [Fact]
    public Task Data_file_with_config_like_name() => Reported(@"{|AW0001:File.WriteAllText(""profiles.toml"", json)|};");

    [Fact]
    public Task Constant() => Reported(@"{|AW0001:File.WriteAllText(ConfigFile, json)|};", @"    private const string ConfigFile = ""app.conf"";");

    [Fact]
    public Task Interpolation() => Reported(@"var ip = ""1.2.3.4"";
        {|AW0001:File.WriteAllText($""{dir}/{ip}_ClientKey.txt"", json)|};");

    [Fact]
    public Task Path_Combine_parts() => Reported(@"{|AW0001:File.WriteAllText(Path.Combine(dir, ""app"", ""settings.json""), json)|};");

    [Fact]
    public Task Concatenation() => Reported(@"{|AW0001:File.WriteAllText(dir + ""\\credentials.json"", json)|};");

    [Fact]
    public Task Conditional() => Reported(@"{|AW0001:File.WriteAllText(json.Length > 0 ? ""a/settings.json"" : ""b/settings.json"", json)|};");

    [Fact]
    public Task Through_a_local() => Reported(@"var file = Path.Combine(dir, ""secrets.json"");
        var again = file;
        {|AW0001:File.WriteAllText(again, json)|};");

    [Fact]
    public Task Through_a_field_initializer() => Reported(@"{|AW0001:File.WriteAllText(_file, json)|};", @"    private readonly string _file = Path.Combine(AppContext.BaseDirectory, ""settings.json"");");

    [Fact]
    public Task Through_a_property_set_in_the_constructor() => Reported(@"{|AW0001:File.WriteAllText(DataFile, json)|};", @"    public C() { DataFile = Path.Combine(AppContext.BaseDirectory, ""state.json""); }
    public string DataFile { get; }");

    [Fact]
    public Task Through_an_expression_bodied_property() => Reported(@"{|AW0001:File.WriteAllText(Where, json)|};", @"    private string Where => Path.Combine(AppContext.BaseDirectory, ""accounts.json"");");

    [Fact]
    public Task Through_a_small_method() => Reported(@"{|AW0001:File.WriteAllText(Locate(""x""), json)|};", @"    private static string Locate(string n) => Path.Combine(AppContext.BaseDirectory, n, ""prefs.json"");");

    [Fact]
    public Task Through_a_static_property_of_another_type() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Program { public static string DataFile = Path.Combine(AppContext.BaseDirectory, ""Settings.json""); }
class C { void M(string json) => {|AW0001:File.WriteAllText(Program.DataFile, json)|}; }");

    [Fact]
    public Task Data_file_in_a_config_folder() => Reported(@"{|AW0001:File.WriteAllText(Path.Combine(dir, ""config"", ""games.js""), json)|};");

    [Fact]
    public Task Default_value_of_an_optional_path_parameter() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store { public void Save(string text, string fileName = ""settings.json"") => {|AW0001:File.WriteAllText(fileName, text)|}; }");

    [Fact]
    public Task Names_of_the_directory_part_alone_do_not_fire() => Verify.AnalyzersAsync(Verify.Usings + @"
class Cfg { public string RootDir = """"; }
class C { static Cfg curConfig = new Cfg(); void M(string id, string s) => File.WriteAllText(curConfig.RootDir + ""\\repos\\"" + id + ""\\repo.js"", s); }");

    [Fact]
    public Task Acronym_prefix_does_not_make_a_quiet_word() => Verify.AnalyzersAsync(Verify.Usings + @"
class NLogConfig { const string FileName = ""NLog.config""; void Save(System.Xml.XmlDocument doc) => {|AW0001:doc.Save(FileName)|}; }");

    // ---- Evidence: identifier names ----

    [Fact]
    public Task Identifier_parameter_tokenPath() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void Store(string tokenPath, string json) => {|AW0001:File.WriteAllText(tokenPath, json)|}; }");

    [Fact]
    public Task Identifier_field_settingsFile() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { private string _settingsFile = """"; void M(string s) => {|AW0001:File.WriteAllText(_settingsFile, s)|}; }");

    [Fact]
    public Task Identifier_property_ConfigFilePath() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { public string ConfigFilePath { get; set; } = """"; void M(string s) { using var w = {|AW0001:new StreamWriter(ConfigFilePath)|}; } }");

    [Fact]
    public Task Identifier_method_in_path() => Verify.AnalyzersAsync(Verify.Usings + @"
interface IPaths { string GetSettingsPath(string module); }
class C { void M(IPaths p, string s) => {|AW0001:File.WriteAllText(p.GetSettingsPath(""x""), s)|}; }");

    // ---- Evidence: the content ----

    [Fact]
    public Task Content_serialized_settings_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class AppSettings { public int A { get; set; } }
class C { void M(string path, AppSettings value) => {|AW0001:File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(value))|}; }");

    [Fact]
    public Task Content_serialized_through_a_local() => Verify.AnalyzersAsync(Verify.Usings + @"
class OAuthToken { public string Value { get; set; } = """"; }
class C { void M(string path, OAuthToken t) { var text = System.Text.Json.JsonSerializer.Serialize(t); {|AW0001:File.WriteAllText(path, text)|}; } }");

    [Fact]
    public Task Content_this_of_a_settings_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class LauncherSettings { public void Save(string fileName) => {|AW0001:File.WriteAllText(fileName, System.Text.Json.JsonSerializer.Serialize(this))|}; }");

    [Fact]
    public Task Content_serialized_into_a_stream() => Verify.AnalyzersAsync(Verify.Usings + @"
class ServerConfiguration { }
class C { void M(string path, ServerConfiguration c) { using var s = {|AW0001:new FileStream(path, FileMode.Create, FileAccess.Write)|}; System.Text.Json.JsonSerializer.Serialize(s, c); } }");

    [Fact]
    public Task Content_of_a_framework_options_type_is_not_evidence() => Verify.AnalyzersAsync(Verify.Usings + @"
class Row { }
class C { void M(string path, Row r) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(r, new System.Text.Json.JsonSerializerOptions())); }");

    // ---- Evidence: weak context, per-user folders ----

    [Fact]
    public Task Lone_weak_hint_does_not_fire() => Verify.AnalyzersAsync(Verify.Usings + @"
class SettingsStore { void SaveSettings(string path, string text) => File.WriteAllText(path, text); }");

    [Fact]
    public Task Weak_hint_adds_to_medium_evidence() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void SaveConfig(string sessionPath, string text) => {|AW0001:File.WriteAllText(sessionPath, text)|}; }");

    [Fact]
    public Task Medium_identifier_alone_does_not_fire() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string sessionPath, string text) => File.WriteAllText(sessionPath, text); }");

    [Fact]
    public Task Special_folder_with_a_medium_name_fires() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string text) { var sessionFile = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), ""MyApp"", ""s.bin""); {|AW0001:File.WriteAllText(sessionFile, text)|}; } }");

    [Fact]
    public Task Special_folder_alone_does_not_fire() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string text) { var f = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), ""MyApp"", ""notes.md""); File.WriteAllText(f, text); } }");

    // ---- Evidence: [SensitiveFile] ----

    private const string SensitiveFileAttribute = @"
[AttributeUsage(AttributeTargets.All)] sealed class SensitiveFileAttribute : Attribute { }";

    [Fact]
    public Task SensitiveFile_on_a_field() => Verify.AnalyzersAsync(Verify.Usings + SensitiveFileAttribute + @"
class C { [SensitiveFile] private string _where = ""data.bin""; void M(string s) => {|AW0001:File.WriteAllText(_where, s)|}; }");

    [Fact]
    public Task SensitiveFile_on_a_property() => Verify.AnalyzersAsync(Verify.Usings + SensitiveFileAttribute + @"
class C { [SensitiveFile] public string Where { get; set; } = """"; void M(string s) => {|AW0001:File.WriteAllText(Where, s)|}; }");

    [Fact]
    public Task SensitiveFile_on_a_parameter() => Verify.AnalyzersAsync(Verify.Usings + SensitiveFileAttribute + @"
class C { void M([SensitiveFile] string p, string s) => {|AW0001:File.WriteAllText(p, s)|}; }");

    [Fact]
    public Task SensitiveFile_on_a_method() => Verify.AnalyzersAsync(Verify.Usings + SensitiveFileAttribute + @"
class C { [SensitiveFile] void Persist(string p, string s) => {|AW0001:File.WriteAllText(p, s)|}; }");

    // ---- Quiet: logs, reports, exports, caches, user-chosen paths, temp-then-rename, existence guards ----

    [Fact]
    public Task Log_report_export_cache_and_output_names_are_quiet() => Reported(@"File.WriteAllText(""app.log"", json);
        File.WriteAllText(Path.Combine(dir, ""report.csv""), json);
        File.WriteAllText(Path.Combine(dir, ""settings-export.json""), json);
        File.WriteAllBytes(Path.Combine(dir, ""thumbnail.png""), bytes);
        File.WriteAllText(Path.Combine(dir, ""logs"", ""settings.json""), json);
        File.WriteAllText(""data.json"", json);");

    [Fact]
    public Task Quiet_identifier_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string logFilePath, string cachePath, string exportPath, string s) { File.WriteAllText(logFilePath, s); File.WriteAllText(cachePath, s); File.WriteAllText(exportPath, s); } }");

    [Fact]
    public Task Export_method_with_settings_content_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class UserSettings { }
class C { void ExportSettings(string path, UserSettings u) => File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(u)); }");

    [Fact]
    public Task User_chosen_path_from_a_dialog_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class SaveFileDialog { public string FileName { get; set; } = """"; }
class AppSettings { }
class C { void M(AppSettings a) { var sfd = new SaveFileDialog(); File.WriteAllText(sfd.FileName, System.Text.Json.JsonSerializer.Serialize(a)); } }");

    [Fact]
    public Task Existence_guard_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string settingsPath, string s) { if (!File.Exists(settingsPath)) { File.WriteAllText(settingsPath, s); } } }");

    [Fact]
    public Task Write_without_guard_next_to_guarded_one_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string settingsPath, string s) { if (File.Exists(settingsPath)) { {|AW0001:File.WriteAllText(settingsPath, s)|}; } } }");

    [Fact]
    public Task Temp_then_rename_is_left_to_AW0002() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string settingsPath, string s) { var tmp = settingsPath + "".tmp""; File.WriteAllText(tmp, s); File.Move(tmp, settingsPath, true); } }");

    [Fact]
    public Task Test_code_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class FactAttribute : Attribute { }
class Checks { [Fact] void Writes_config(string dir) => File.WriteAllText(Path.Combine(dir, ""NuGet.Config""), ""<configuration/>""); }
class StoreTests { void Helper(string dir) => File.WriteAllText(Path.Combine(dir, ""settings.json""), ""{}""); }
class CachingTestContext { void Seed(string dir) => File.WriteAllText(Path.Combine(dir, ""NuGet.Config""), """"); }
namespace App.Test.Utility { class Seeder { void Seed(string dir) => File.WriteAllText(Path.Combine(dir, ""app.ini""), """"); } }
class Store { void Save(string dir) => {|AW0001:File.WriteAllText(Path.Combine(dir, ""settings.json""), ""{}"")|}; }");

    [Fact]
    public Task Path_assigned_in_a_derived_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class JsonStore<T>
{
    public const string DirectoryName = ""Settings"";
    public string FilePath { get; set; } = """";
    protected T Data = default!;
    public void Save() => {|AW0001:File.WriteAllText(FilePath, System.Text.Json.JsonSerializer.Serialize(Data))|};
}
class AppStore<T> : JsonStore<T>
{
    public AppStore(string root, string name) { FilePath = Path.Combine(root, DirectoryName, name + "".json""); }
}");

    [Fact]
    public Task Two_hop_wrapper() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Utils
{
    public static void WriteText(string fileName, string data) => {|AW0001:File.WriteAllText(fileName, data)|};
    public static void WriteObject(string fileName, object value) => WriteText(fileName, System.Text.Json.JsonSerializer.Serialize(value));
}
class Config { }
class C { Config _config = new(); void M(string dataDir) => {|AW0001:Utils.WriteObject(Path.Combine(dataDir, ""Settings.json""), _config)|}; }");

    [Fact]
    public Task Manifest_and_metadata_files() => Reported(@"{|AW0001:File.WriteAllText(Path.Combine(dir, ""meta.json""), json)|};
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""gui"", ""metadata.json""), json)|};");

    [Fact]
    public Task Wrong_argument_type_still_reports_the_sink() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(int n) => {|AW0001:File.WriteAllBytes(""settings.json"", {|CS1503:n|})|}; }");

    // ---- Configuration ----

    [Fact]
    public Task Configured_sensitive_word() => Reported(@"{|AW0001:File.WriteAllText(Path.Combine(dir, ""ledger.dat""), json)|};", editorConfig: "atomic_write.sensitive_words = ledger, journal");

    [Fact]
    public Task Without_configured_word_the_same_write_is_quiet() => Reported(@"File.WriteAllText(Path.Combine(dir, ""ledger.dat""), json);");

    [Fact]
    public Task Configured_sensitive_glob() => Reported(@"{|AW0001:File.WriteAllBytes(Path.Combine(dir, ""state"", ""world.bin""), bytes)|};
        File.WriteAllBytes(Path.Combine(dir, ""other"", ""world.bin""), bytes);", editorConfig: "atomic_write.sensitive_globs = **/state/*.bin");

    [Fact]
    public Task Configured_ignored_word() => Reported(@"File.WriteAllText(Path.Combine(dir, ""settings.json""), json);
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""tokens.json""), json)|};", editorConfig: "atomic_write.ignored_words = settings");

    [Fact]
    public Task Configured_ignored_glob() => Reported(@"File.WriteAllText(Path.Combine(dir, ""fixtures"", ""settings.json""), json);
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""settings.json""), json)|};", editorConfig: "atomic_write.ignored_globs = **/fixtures/**");

    [Fact]
    public Task Configured_sink_method() => Verify.AnalyzersAsync(Verify.Usings + @"
namespace MyApp
{
    public interface IStore { void Put(string key, string filePath); }
    class C { void M(IStore store) { {|AW0001:store.Put(""x"", ""settings.json"")|}; store.Put(""x"", ""notes.md""); } }
}", "atomic_write.sink_methods = M:MyApp.IStore.Put(System.String,System.String)");

    // ---- Wrappers ----

    [Fact]
    public Task One_hop_wrapper_call_site_and_inner_write_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Util { public static void WriteText(string fileName, string data) => {|AW0001:File.WriteAllText(fileName, data)|}; }
class C
{
    void M(string s)
    {
        {|AW0001:Util.WriteText(""Settings.json"", s)|};
        Util.WriteText(Path.Combine(Path.GetTempPath(), ""service.log""), s);
    }
}");

    [Fact]
    public Task Wrapper_call_with_an_error_in_another_argument_is_still_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Util { public static void WriteText(string fileName, string data) => {|AW0001:File.WriteAllText(fileName, data)|}; }
class C { void M() { {|AW0001:Util.WriteText(""Settings.json"", {|CS1503:42|})|}; Util.WriteText(""notes.md"", {|CS1503:42|}); } }");

    [Fact]
    public Task Wrapper_used_only_for_quiet_files_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Util { public static void WriteText(string fileName, string data) => File.WriteAllText(fileName, data); }
class C { void M(string s) { Util.WriteText(""out.log"", s); Util.WriteText(""notes.md"", s); } }");

    [Fact]
    public Task Wrapper_in_another_file_with_serialized_content() => Verify.AnalyzersAsync(
        new[]
        {
            Verify.Usings + @"
static class JsonFile { public static void Save<T>(string filePath, T value) { using var s = {|AW0001:File.Create(filePath)|}; System.Text.Json.JsonSerializer.Serialize(s, value); } }",
            Verify.Usings + @"
class UserCredentials { }
class C { void M(string path, UserCredentials p, int n) { {|AW0001:JsonFile.Save(path, p)|}; JsonFile.Save(path, n); } }",
        },
        editorConfig: null,
        globalConfig: null);

    [Fact]
    public Task Wrapper_behind_an_interface_with_one_implementation() => Verify.AnalyzersAsync(Verify.Usings + @"
interface ISerializer { void SerializeToFile(object o, string file); }
class XmlSer : ISerializer { public void SerializeToFile(object o, string file) { using var s = {|AW0001:new FileStream(file, FileMode.Create, FileAccess.Write)|}; } }
class C { void M(ISerializer x, object o) => {|AW0001:x.SerializeToFile(o, ""system.xml"".Replace(""x"", ""x"") + """")|}; }".Replace("\"system.xml\".Replace(\"x\", \"x\") + \"\"", "Path.Combine(\"cfg\", \"system.config\")"));

    [Fact]
    public Task Wrapper_behind_an_interface_with_several_implementations() => Verify.AnalyzersAsync(Verify.Usings + @"
namespace App
{
    interface IFileStorage { Stream OpenWriteFile(string relativePath, bool replaceIfExist); }
    class WindowsFileStorage : IFileStorage
    {
        private readonly string _root = ""C:\\data"";
        public Stream OpenWriteFile(string relativePath, bool replaceIfExist) =>
            new FileStream(Path.Combine(_root, relativePath), replaceIfExist ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
    }
    class LinuxFileStorage : IFileStorage
    {
        private readonly string _root = ""/var/lib/app"";
        public Stream OpenWriteFile(string relativePath, bool replaceIfExist) => {|AW0001:File.Create(Path.Combine(_root, relativePath))|};
    }
    class SettingsStorage
    {
        private readonly IFileStorage _fileStorage;
        public SettingsStorage(IFileStorage fileStorage) { _fileStorage = fileStorage; }
        public void Save()
        {
            using var settings = {|AW0001:_fileStorage.OpenWriteFile(""settings.ini"", replaceIfExist: true)|};
            using var fresh = _fileStorage.OpenWriteFile(""settings.ini"", replaceIfExist: false);
            using var notes = _fileStorage.OpenWriteFile(""notes.md"", true);
        }
    }
}
namespace App.Tests
{
    class InMemoryFileStorage : App.IFileStorage { public Stream OpenWriteFile(string relativePath, bool replaceIfExist) => new MemoryStream(); }
}");

    [Fact]
    public Task Interface_with_a_non_test_implementation_that_does_not_write_is_not_a_wrapper() => Verify.AnalyzersAsync(Verify.Usings + @"
interface IStore { void Put(string name, string text); }
class DiskStore : IStore { public void Put(string name, string text) => File.WriteAllText(Path.Combine(""data"", name), text); }
class MemoryStore : IStore { public void Put(string name, string text) { } }
interface IWriter { void Put(string name, string text); }
class DiskWriter : IWriter { public void Put(string name, string text) => {|AW0001:File.WriteAllText(name, text)|}; }
class FullPathWriter : IWriter { public void Put(string name, string text) => {|AW0001:File.WriteAllText(Path.GetFullPath(name), text)|}; }
class C { void M(IStore store, IWriter writer) { store.Put(""settings.json"", """"); {|AW0001:writer.Put(""settings.json"", """")|}; } }");

    [Fact]
    public Task Wrapper_that_forwards_the_file_mode() => Verify.AnalyzersAsync(Verify.Usings + @"
class FileSystem
{
    public static Stream OpenFileStream(string path, FileMode fileMode, FileAccess fileAccess, FileShare fileShare) => File.Open(path, fileMode, fileAccess, fileShare);
    public static Stream OpenInfo(string path, FileMode mode) => new FileInfo(path).Open(mode, FileAccess.Write);
    public static Stream OpenOrReplace(string path, FileMode mode = FileMode.Create) => new FileStream(path, mode);
}
class CredentialStore
{
    private readonly string _dir = ""/home/u/.app"";
    public void Save()
    {
        using var a = {|AW0001:FileSystem.OpenFileStream(Path.Combine(_dir, ""password.txt""), FileMode.Create, FileAccess.Write, FileShare.None)|};
        using var b = {|AW0001:FileSystem.OpenFileStream(fileShare: FileShare.None, fileAccess: FileAccess.ReadWrite, fileMode: FileMode.Truncate, path: ""tokens.json"")|};
        using var c = {|AW0001:FileSystem.OpenInfo(""app.ini"", FileMode.OpenOrCreate)|};
        using var d = {|AW0001:FileSystem.OpenOrReplace(""credentials.json"")|};
        using var e = {|AW0001:SaveKey(""signing.key"")|};
    }
    private static Stream SaveKey(string keyFile) => {|AW0001:FileSystem.OpenFileStream(keyFile, FileMode.Create, FileAccess.Write, FileShare.None)|};
}");

    [Fact]
    public Task Mode_forwarding_wrapper_that_reads_appends_or_creates_new_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class FileSystem
{
    public static Stream OpenFileStream(string path, FileMode fileMode, FileAccess fileAccess, FileShare fileShare) => File.Open(path, fileMode, fileAccess, fileShare);
    public static Stream OpenOrReplace(string path, FileMode mode = FileMode.Create) => new FileStream(path, mode);
}
class CredentialStore
{
    public void Use(FileMode someMode)
    {
        using var a = FileSystem.OpenFileStream(""tokens.json"", FileMode.Open, FileAccess.Write, FileShare.None);
        using var b = FileSystem.OpenFileStream(""tokens.json"", FileMode.Create, FileAccess.Read, FileShare.None);
        using var c = FileSystem.OpenFileStream(""tokens.json"", FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var d = FileSystem.OpenFileStream(""tokens.json"", FileMode.Append, FileAccess.Write, FileShare.None);
        using var e = FileSystem.OpenFileStream(""tokens.json"", someMode, FileAccess.Write, FileShare.None);
        using var f = FileSystem.OpenOrReplace(""tokens.json"", FileMode.Open);
        using var g = LoadKey(""signing.key"");
        using var h = {|AW0001:FileSystem.OpenOrReplace(""tokens.json"")|};
    }
    private static Stream LoadKey(string keyFile) => FileSystem.OpenFileStream(keyFile, FileMode.Open, FileAccess.Read, FileShare.Read);
}");

    [Fact]
    public Task Temp_then_move_helper_is_not_a_wrapper() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Safe
{
    public static void Write(string path, string data)
    {
        var temp = path + ""."" + Guid.NewGuid().ToString(""N"") + "".tmp"";
        File.WriteAllText(temp, data);
        File.Move(temp, path, true);
    }
}
class C { void M(string s) => Safe.Write(""settings.json"", s); }");

    // ---- Message and properties ----

    [Fact]
    public async Task Message_names_the_api_the_file_and_the_evidence()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M(string s) => File.WriteAllText(""tokens.json"", s); }");
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0001", d.Id);
        Assert.Equal("File.WriteAllText overwrites 'tokens.json' in place; 'tokens.json' looks like a credentials file (no code fix: RuntimeNotReferenced)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("File.WriteAllText(\"tokens.json\", s)", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }

    [Theory]
    [InlineData("File.WriteAllText(\"settings.json\", s)", "WholeFile")]
    [InlineData("File.Create(\"settings.json\").Dispose()", "Stream")]
    [InlineData("new FileStream(\"settings.json\", FileMode.Create).Dispose()", "Stream")]
    [InlineData("new FileInfo(\"settings.json\").OpenWrite().Dispose()", "Stream")]
    [InlineData("new StreamWriter(\"settings.json\").Dispose()", "Writer")]
    [InlineData("File.CreateText(\"settings.json\").Dispose()", "Writer")]
    [InlineData("new System.Xml.Linq.XDocument().Save(\"settings.xml\")", "XmlSave")]
    [InlineData("Util.Put(\"settings.json\")", "Wrapper")]
    public async Task Sink_property_names_the_sink_kind(string call, string kind)
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
static class Util { public static void Put(string p) => File.WriteAllText(p, """"); }
class C { void M(string s) { " + call + "; } }");
        var d = Assert.Single(diagnostics, x => x.Location.SourceTree!.GetText().ToString(x.Location.SourceSpan).StartsWith(call.Replace(".Dispose()", string.Empty), System.StringComparison.Ordinal));
        Assert.Equal(kind, d.Properties["Sink"]);
        Assert.True(kind != "Wrapper" || d.Properties.ContainsKey("NoFixReason")); // other kinds carry one only when the runtime is missing (AW0001CodeFixTests)
    }
}
