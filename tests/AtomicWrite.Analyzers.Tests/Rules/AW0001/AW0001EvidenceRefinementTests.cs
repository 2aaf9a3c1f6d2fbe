using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: where the name of the object holding a path counts, existence guards written with &amp;&amp;, || and early
/// exits, "backup" in the surrounding code, private-key content, XAML settings files, load/save pairs whose
/// path lives in another type, and System.IO calls in a file that lacks its using directive.
/// </summary>
public class AW0001EvidenceRefinementTests
{
    // ---- The object that holds the path ----

    [Fact]
    public Task Settings_object_name_counts_only_for_a_generic_member_name() => Verify.AnalyzersAsync(Verify.Usings + @"
class AppSettings
{
    public string PidFile { get; set; } = """";
    public string TorrentFolder { get; set; } = """";
    public string FilePath { get; set; } = """";
    public string GetPidPath() => PidFile;
    public string GetPath() => FilePath;
}
class Runner
{
    private readonly AppSettings Settings = new();
    void WritePid(int id) => File.WriteAllText(Settings.PidFile, id.ToString());
    void Drop(string title, string link) => File.WriteAllText(Path.Combine(Settings.TorrentFolder, title + "".magnet""), link);
    void WritePidAgain(int id) => File.WriteAllText(Settings.GetPidPath(), id.ToString());
    void Save(string json) => {|AW0001:File.WriteAllText(Settings.FilePath, json)|};
    void SaveAgain(string json) => {|AW0001:File.WriteAllText(Settings.GetPath(), json)|};
}");

    // ---- Existence guards ----

    [Fact]
    public Task Write_only_when_several_files_are_all_missing_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void FirstRun(string localSettings, string roamingSettings)
    {
        if (!File.Exists(localSettings) && !File.Exists(roamingSettings))
        {
            File.WriteAllText(localSettings, """");
        }
    }
}");

    [Fact]
    public Task Write_after_an_early_exit_when_the_file_exists_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void Init(string settingsPath, string s)
    {
        if (File.Exists(settingsPath)) return;
        File.WriteAllText(settingsPath, s);
    }
    void InitOrThrow(string settingsPath, string s, bool locked)
    {
        if (File.Exists(settingsPath) || locked)
        {
            throw new InvalidOperationException(""exists"");
        }
        Console.WriteLine(""creating"");
        File.WriteAllText(settingsPath, s);
    }
}");

    [Fact]
    public Task Guards_that_let_an_existing_file_through_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void Force(string settingsPath, string s, bool force)
    {
        if (!File.Exists(settingsPath) || force) {|AW0001:File.WriteAllText(settingsPath, s)|};
    }
    void Partial(string settingsPath, string s, bool skip)
    {
        if (File.Exists(settingsPath) && skip) return;
        {|AW0001:File.WriteAllText(settingsPath, s)|};
    }
    void NoExit(string settingsPath, string s)
    {
        if (File.Exists(settingsPath)) { Console.WriteLine(""exists""); }
        {|AW0001:File.WriteAllText(settingsPath, s)|};
    }
    void OtherFile(string settingsPath, string markerPath, string s)
    {
        if (File.Exists(markerPath)) return;
        {|AW0001:File.WriteAllText(settingsPath, s)|};
    }
}");

    [Fact]
    public Task Guard_inside_a_wrapper_keeps_its_callers_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Store
{
    public static void ToFile(string filePath, string json) => {|AW0001:File.WriteAllText(filePath, json)|};
}
class Setup
{
    void EnsureDefaults(string dataDir)
    {
        CreateIfMissing(Path.Combine(dataDir, ""Config.json""), ""{}"");
        {|AW0001:Store.ToFile(Path.Combine(dataDir, ""settings.json""), ""{}"")|};

        static void CreateIfMissing(string filePath, string json)
        {
            if (!File.Exists(filePath))
            {
                Store.ToFile(filePath, json);
            }
        }
    }
}");

    [Fact]
    public Task Writes_where_the_file_is_known_to_be_missing_are_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    string Load(string settingsPath)
    {
        try
        {
            return File.ReadAllText(settingsPath);
        }
        catch (FileNotFoundException)
        {
            File.WriteAllText(settingsPath, ""{}"");
            return ""{}"";
        }
    }
    bool Init(string settingsPath, string dir, string s)
    {
        try
        {
            if (!Directory.Exists(dir) || File.Exists(settingsPath)) return false;
        }
        catch (IOException)
        {
            return false;
        }
        File.WriteAllText(settingsPath, s);
        return true;
    }
    string LoadOther(string settingsPath)
    {
        try
        {
            return File.ReadAllText(settingsPath);
        }
        catch (IOException)
        {
            {|AW0001:File.WriteAllText(settingsPath, ""{}"")|};
            return ""{}"";
        }
    }
}");

    // ---- Files with a name made fresh for each write ----

    [Fact]
    public Task File_name_with_a_fresh_guid_is_a_new_file() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Utils { public static string GetGuid() => Guid.NewGuid().ToString(""N""); }
class Profile { public string Id { get; set; } = """"; public string GetGuid() => Id; }
class Runner
{
    void Write(string configDir, string json)
    {
        File.WriteAllText(Path.Combine(configDir, $""settings-{Guid.NewGuid():N}.json""), json);
        File.WriteAllText(Path.Combine(configDir, ""settings-"" + Utils.GetGuid() + "".json""), json);
        {|AW0001:File.WriteAllText(Path.Combine(configDir, Guid.NewGuid().ToString(""N""), ""settings.json""), json)|};
    }
    void Save(string configDir, Profile profile, string json) => {|AW0001:File.WriteAllText(Path.Combine(configDir, ""profiles"", profile.GetGuid() + "".json""), json)|};
}");

    [Fact]
    public Task Config_generated_for_another_program_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class CoreConfig
{
    void GenerateClientConfig(string binConfigDir, string content) => File.WriteAllText(Path.Combine(binConfigDir, ""config.json""), content);
    void SaveClientConfig(string binConfigDir, string content) => {|AW0001:File.WriteAllText(Path.Combine(binConfigDir, ""config.json""), content)|};
}");

    [Fact]
    public Task Call_to_a_wrapper_named_for_generated_output_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
static class CoreConfigHandler
{
    public static void GenerateClientConfig(string fileName, string content) => File.WriteAllText(fileName, content);
    public static void SaveClientConfig(string fileName, string content) => {|AW0001:File.WriteAllText(fileName, content)|};
}
class CoreManager
{
    void Start(string configDir, string content)
    {
        CoreConfigHandler.GenerateClientConfig(Path.Combine(configDir, ""config.json""), content);
        {|AW0001:CoreConfigHandler.SaveClientConfig(Path.Combine(configDir, ""config.json""), content)|};
    }
}");

    [Fact]
    public Task Name_factory_on_a_settings_object_is_not_a_settings_file() => Verify.AnalyzersAsync(Verify.Usings + @"
class RecorderSettings
{
    public string OutPath { get; set; } = """";
    public string GetFileName(string extension) => Path.Combine(OutPath, DateTime.Now.Ticks + extension);
    public string GetPath() => Path.Combine(OutPath, ""recorder.json"");
}
class Recorder
{
    private readonly RecorderSettings Settings = new();
    void Record(byte[] audio) => File.WriteAllBytes(Settings.GetFileName("".wav""), audio);
    void Save(string json) => {|AW0001:File.WriteAllText(Settings.GetPath(), json)|};
}");

    // ---- "backup" in the surrounding code ----

    [Fact]
    public Task Restoring_a_backup_over_the_live_config_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Backup
{
    void RestoreBackup(string dataDir, string[] lines) => {|AW0001:File.WriteAllLines(Path.Combine(dataDir, ""config.json""), lines)|};
    void CreateBackup(string backupDir, string[] lines) => File.WriteAllLines(Path.Combine(backupDir, ""config.json""), lines);
    void SaveCopy(string dataDir, string[] lines) => File.WriteAllLines(Path.Combine(dataDir, ""config.json.bak""), lines);
}");

    // ---- Private-key content ----

    [Fact]
    public Task Private_key_material_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
namespace System.Security.Cryptography
{
    public static class ProtectedData { public static byte[] Protect(byte[] data, byte[]? entropy, int scope) => data; }
}
class PlayerData
{
    static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
    void GenerateKeypair(string path, System.Security.Cryptography.RSA rsa) => {|AW0001:File.WriteAllText(path, Base64(rsa.ToXmlString(true)))|};
    void SaveKey(string path, System.Security.Cryptography.ECDsa key)
    {
        using var stream = {|AW0001:new FileStream(path, FileMode.Create)|};
        stream.Write(key.ExportPkcs8PrivateKey());
    }
    void SaveSecret(string path, byte[] data)
    {
        var protectedBytes = System.Security.Cryptography.ProtectedData.Protect(data, null, 0);
        {|AW0001:File.WriteAllBytes(path, protectedBytes)|};
    }
}");

    [Fact]
    public Task Public_key_material_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class PlayerData
{
    void Save(string path, System.Security.Cryptography.RSA rsa) => File.WriteAllText(path, rsa.ToXmlString(false));
    void SavePublic(string path, System.Security.Cryptography.RSA rsa) => File.WriteAllBytes(path, rsa.ExportSubjectPublicKeyInfo());
}");

    // ---- XAML settings ----

    [Fact]
    public Task Settings_file_in_xaml_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Persistence
{
    void Persist(string dir)
    {
        using var stream = {|AW0001:new FileStream(Path.Combine(dir, ""Settings.xaml""), FileMode.Create)|};
    }
    void Render(string dir)
    {
        using var stream = new FileStream(Path.Combine(dir, ""Window.xaml""), FileMode.Create);
    }
}");

    // ---- Load/save pairs whose path lives in another type ----

    [Fact]
    public Task Path_of_another_type_saved_and_loaded_back_by_the_writer_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
static class AppPaths
{
    public static string AgreementsFile => Path.Combine(AppContext.BaseDirectory, ""agreements.json"");
    public static string DumpFile => Path.Combine(AppContext.BaseDirectory, ""items.json"");
}
class Installer
{
    private System.Collections.Generic.List<string> _agreed = new();
    void Load() => _agreed = System.Text.Json.JsonSerializer.Deserialize<System.Collections.Generic.List<string>>(File.ReadAllText(AppPaths.AgreementsFile)) ?? new();
    void Save() => {|AW0001:File.WriteAllText(AppPaths.AgreementsFile, System.Text.Json.JsonSerializer.Serialize(_agreed))|};
}
class Dumper
{
    void Dump(string[] items) => File.WriteAllText(AppPaths.DumpFile, System.Text.Json.JsonSerializer.Serialize(items));
}");

    [Fact]
    public Task Project_helper_reading_a_file_into_an_object_counts_as_loading_it_back() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Serialization
{
    public static T FromJsonFile<T>(string path) => System.Text.Json.JsonSerializer.Deserialize<T>(File.ReadAllText(path))!;
    public static string ToJson(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
static class AppPaths { public static string AgreementsFile => Path.Combine(AppContext.BaseDirectory, ""agreements.json""); }
static class Agreements
{
    private static System.Collections.Generic.Dictionary<string, DateTime> _agreed = new();
    static Agreements()
    {
        if (File.Exists(AppPaths.AgreementsFile)) _agreed = Serialization.FromJsonFile<System.Collections.Generic.Dictionary<string, DateTime>>(AppPaths.AgreementsFile);
    }
    public static void Agree(string id)
    {
        _agreed[id] = DateTime.Today;
        {|AW0001:File.WriteAllText(AppPaths.AgreementsFile, Serialization.ToJson(_agreed))|};
    }
}");

    // ---- System.IO not imported (code being typed, or a compilation without the SDK's implicit usings) ----

    [Fact]
    public async Task File_sinks_are_reported_when_System_IO_is_not_imported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(@"
class C
{
    void Save(string settingsPath, string json) => File.WriteAllText(settingsPath, json);
    void Open(string settingsPath) { using var s = new FileStream(settingsPath, FileMode.Create, FileAccess.Write); }
    void Writer(string settingsPath) { using var w = new StreamWriter(settingsPath); }
    string Read(string settingsPath) => File.ReadAllText(settingsPath);
    void Append(string settingsPath) { using var s = new FileStream(settingsPath, FileMode.Append); }
    void Reader(string settingsPath) { using var s = new FileStream(settingsPath, FileMode.Open, FileAccess.Read); }
    void Log(string logPath, string line) => File.WriteAllText(logPath, line);
}");
        var lines = diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line)).ToArray();
        Assert.Equal(new[] { ("AW0001", 3), ("AW0001", 4), ("AW0001", 5) }, lines);
    }
}
