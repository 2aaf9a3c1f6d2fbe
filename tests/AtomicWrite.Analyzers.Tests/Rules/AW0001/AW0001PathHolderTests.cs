using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001 through path-holding types: a constructor stores its path parameter in a member that another member of the
/// type writes in place. The construction site is a wrapper call: its argument's evidence decides, and the type's own
/// write is reported when a construction site is sensitive.
/// </summary>
public class AW0001PathHolderTests
{
    private const string Provider = @"
class FileDataProvider
{
    public FileDataProvider(string filePath) { FilePath = filePath; }
    public string FilePath { get; }
    public void Save(string content) => WRITE;
}
";

    private static string ProviderWith(bool reported) =>
        Provider.Replace("WRITE", reported ? "{|AW0001:File.WriteAllText(FilePath, content)|}" : "File.WriteAllText(FilePath, content)", System.StringComparison.Ordinal);

    [Fact]
    public Task Construction_site_with_a_sensitive_path_is_reported_with_the_types_write() => Verify.AnalyzersAsync(Verify.Usings + ProviderWith(reported: true) + @"
class C
{
    void M(string dir)
    {
        var settings = {|AW0001:new FileDataProvider(Path.Combine(dir, ""settings.json""))|};
        var log = new FileDataProvider(Path.Combine(dir, ""service.log""));
    }
}");

    [Fact]
    public Task Field_assigned_from_the_parameter_in_a_per_user_folder() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store
{
    private readonly string _path;
    public Store(string path, int version) { this._path = path ?? throw new ArgumentNullException(nameof(path)); }
    public void Put(byte[] data) => {|AW0001:File.WriteAllBytes(_path, data)|};
}
class C
{
    Store Make() => {|AW0001:new Store(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), ""App"", ""user.config""), 2)|};
}");

    [Fact]
    public Task Neutral_construction_sites_are_quiet() => Verify.AnalyzersAsync(Verify.Usings + ProviderWith(reported: false) + @"
class C
{
    void M(string dir, string name)
    {
        var a = new FileDataProvider(Path.Combine(dir, ""report.txt""));
        var b = new FileDataProvider(Path.Combine(Path.GetTempPath(), ""settings.json""));
        var c = new FileDataProvider(name);
    }
}");

    [Fact]
    public Task A_member_not_stored_from_the_parameter_or_only_read_makes_no_wrapper() => Verify.AnalyzersAsync(Verify.Usings + @"
class Derived
{
    private readonly string _path;
    public Derived(string name) { _path = Path.Combine(Path.GetTempPath(), name + "".tmp""); }
    public void Save(string content) => File.WriteAllText(_path, content);
}
class Reader
{
    private readonly string _path;
    public Reader(string path) { _path = path; }
    public string Load() => File.ReadAllText(_path);
}
class Appender
{
    private readonly string _path;
    public Appender(string path) { _path = path; }
    public void Add(string line) => File.AppendAllText(_path, line);
}
class C
{
    void M(string dir)
    {
        var a = new Derived(""settings.json"");
        var b = new Reader(Path.Combine(dir, ""settings.json""));
        var c = new Appender(Path.Combine(dir, ""settings.json""));
    }
}");

    [Fact]
    public Task A_path_holding_type_named_for_output_is_quiet_at_its_construction() => Verify.AnalyzersAsync(Verify.Usings + @"
class ReportExporter
{
    private readonly string _target;
    public ReportExporter(string target) { _target = target; }
    public void Write(string content) => File.WriteAllText(_target, content);
}
class C { object M(string dir) => new ReportExporter(Path.Combine(dir, ""settings.json"")); }");

    [Fact]
    public async Task Messages_name_the_construction_and_the_type()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + ProviderWith(reported: false) + @"
class C { object M(string dir) => new FileDataProvider(Path.Combine(dir, ""settings.json"")); }");
        Assert.Equal(2, diagnostics.Length);
        var messages = diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.StartsWith("File.WriteAllText overwrites the file passed to 'new FileDataProvider' in place", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("new FileDataProvider overwrites 'settings.json' in place", messages[1], System.StringComparison.Ordinal);
    }
}
