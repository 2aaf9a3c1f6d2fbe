using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: content the program builds (not a serialization of its state) and writes only when the file differs from it
/// is written again on the next run after a torn write, so it is not reported; a serialization, a file another member
/// loads, or a read whose content is used for more than the comparison still is.
/// </summary>
public class AW0001WrittenWhenDifferentTests
{
    [Fact]
    public Task Built_content_written_only_when_the_file_differs_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
using System.Linq;
class Integration
{
    async Task Register(string configDir, string exe)
    {
        var data = ""[handlers]\nurl="" + exe + "" %u\n"";
        var file = Path.Combine(configDir, ""handlers.conf"");
        if (File.Exists(file) && await File.ReadAllTextAsync(file) == data) return;
        await File.WriteAllTextAsync(file, data);
    }

    void RegisterBytes(string configDir, byte[] data)
    {
        var file = Path.Combine(configDir, ""handlers.conf"");
        var existing = File.Exists(file) ? File.ReadAllBytes(file) : null;
        if (existing != null && existing.SequenceEqual(data)) return;
        File.WriteAllBytes(file, data);
    }
}", editorConfig: null);

    [Fact]
    public Task A_constant_file_name_compared_in_the_writing_method_only_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Launcher
{
    async Task CreateScript(string exe)
    {
        var data = ""\"""" + exe + ""\"" %*"";
        var file = Path.Combine(Directory.GetCurrentDirectory(), ""tool-cli.bat"");
        if (File.Exists(file) && await File.ReadAllTextAsync(file) == data) return;
        await File.WriteAllTextAsync(file, data);
    }
}");

    [Fact]
    public Task The_same_check_before_a_write_that_stays_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Settings { public string Name { get; set; } }
class Store
{
    private readonly string _file = Path.Combine(AppContext.BaseDirectory, ""handlers.conf"");

    void Save(Settings settings)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(settings);
        if (File.Exists(_file) && File.ReadAllText(_file) == json) return;
        {|AW0001:File.WriteAllText(_file, json)|};
    }

    void Append(string line)
    {
        var old = File.ReadAllText(_file);
        if (old == line) return;
        {|AW0001:File.WriteAllText(_file, old + line)|};
    }
}
class Loaded
{
    private readonly string _file = Path.Combine(AppContext.BaseDirectory, ""handlers.conf"");
    public string Load() => File.ReadAllText(_file);
    void Write(string data)
    {
        if (File.ReadAllText(_file) != data)
        {
            {|AW0001:File.WriteAllText(_file, data)|};
        }
    }
}");
}
