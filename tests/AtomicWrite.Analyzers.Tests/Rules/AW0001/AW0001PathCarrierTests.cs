using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>AW0001: a project's own path type whose methods write the file it names, and paths chosen by switches and patterns.</summary>
public class AW0001PathCarrierTests
{
    private const string AbsolutePath = @"
public sealed class AbsolutePath
{
    private readonly string _path;
    public AbsolutePath(string path) => _path = path;
    public static implicit operator string(AbsolutePath path) => path._path;
    public static AbsolutePath operator /(AbsolutePath left, string right) => new AbsolutePath(Path.Combine(left._path, right));
    public void WriteAllText(string text) => File.WriteAllText(this, text);
    public Task WriteAllBytesAsync(byte[] bytes) => File.WriteAllBytesAsync(_path, bytes);
    public void WriteJson(object value) => WriteAllText(System.Text.Json.JsonSerializer.Serialize(value));
    public string ReadAllText() => File.ReadAllText(this);
}
";

    private const string FilePathWithProperty = @"
public readonly struct FilePath
{
    public FilePath(string fullPath) => FullPath = fullPath;
    public string FullPath { get; }
    public void Save(string text) { using var w = new StreamWriter(FullPath); w.Write(text); }
    public void Touch() { }
}
public static class FilePathExtensions
{
    public static void WriteLines(this FilePath file, string[] lines) => File.WriteAllLines(file.FullPath, lines);
    public static void WriteText(this FilePath file, string text) => file.Save(text);
}
";

    [Fact]
    public Task Instance_write_method_of_a_path_type_is_reported_at_the_call() => Verify.AnalyzersAsync(Verify.Usings + AbsolutePath + @"
class C
{
    static readonly AbsolutePath Root = new AbsolutePath(""/srv"");
    async Task M(string json, byte[] key)
    {
        {|AW0001:(Root / ""settings.json"").WriteAllText(json)|};
        await {|AW0001:new AbsolutePath(""tokens.bin"").WriteAllBytesAsync(key)|};
        var tokenFile = Root / ""data.bin"";
        {|AW0001:tokenFile.WriteJson(json)|};
        (Root / ""output.txt"").WriteAllText(json);
    }
}");

    [Fact]
    public Task Extension_write_methods_of_a_path_type_are_reported_at_the_call() => Verify.AnalyzersAsync(Verify.Usings + FilePathWithProperty + @"
class C
{
    void M(string[] lines, string text)
    {
        var config = new FilePath(""app.ini"");
        {|AW0001:config.WriteLines(lines)|};
        {|AW0001:new FilePath(""credentials.txt"").WriteText(text)|};
        {|AW0001:new FilePath(""settings.xml"").Save(text)|};
        new FilePath(""notes.txt"").WriteText(text);
        new FilePath(""settings.xml"").Touch();
    }
}");

    [Fact]
    public Task A_type_that_is_not_a_path_type_is_not_a_carrier() => Verify.AnalyzersAsync(Verify.Usings + @"
public sealed class Store
{
    public string Name { get; set; } = """";
    public void WriteAllText(string text) => File.WriteAllText(Name, text);
}
class C { void M(Store settingsStore, string json) => settingsStore.WriteAllText(json); }");

    [Fact]
    public Task A_path_type_method_that_does_not_write_its_own_path_is_not_a_carrier() => Verify.AnalyzersAsync(Verify.Usings + @"
public sealed class AbsolutePath
{
    private readonly string _path;
    public AbsolutePath(string path) => _path = path;
    public static implicit operator string(AbsolutePath path) => path._path;
    public void WriteLog(string text) => File.AppendAllText(""log.txt"", text);
}
class C { void M(string json) => new AbsolutePath(""settings.json"").WriteLog(json); }");

    [Fact]
    public Task Framework_write_of_a_path_type_converted_to_string_follows_the_join_operator() => Verify.AnalyzersAsync(Verify.Usings + AbsolutePath + @"
class C
{
    static readonly AbsolutePath Root = new AbsolutePath(""/srv"");
    void M(string json) => {|AW0001:File.WriteAllText(Root / ""config"" / ""accounts.json"", json)|};
}");

    [Fact]
    public Task Path_chosen_by_a_switch_expression_traces_every_arm() => Verify.AnalyzersAsync(Verify.Usings + @"
enum Kind { Log, Keys }
class C
{
    void M(Kind kind, string text)
    {
        var path = kind switch { Kind.Log => ""run.txt"", Kind.Keys => ""apikeys.json"", _ => ""other.txt"" };
        {|AW0001:File.WriteAllText(path, text)|};
    }
}");

    [Fact]
    public Task Path_assigned_in_switch_sections_traces_every_assignment() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void M(int kind, string text)
    {
        string path;
        switch (kind)
        {
            case 0: path = ""a.txt""; break;
            default: path = ""settings.json""; break;
        }

        {|AW0001:File.WriteAllText(path, text)|};
    }
}");

    [Fact]
    public Task Path_from_a_pattern_variable_traces_the_tested_value() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    object _target = ""secrets.json"";
    string _settingsFile = ""a.dat"";
    void M(string text)
    {
        if (_target is string path)
        {
            {|AW0001:File.WriteAllText(path, text)|};
        }

        if (_settingsFile is { Length: > 0 } file)
        {
            {|AW0001:File.WriteAllText(file, text)|};
        }
    }
}");

    [Fact]
    public async Task The_message_names_the_path_type_method_and_there_is_no_fix_at_the_call()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + AbsolutePath + @"
class C { void M(string json) => new AbsolutePath(""settings.json"").WriteAllText(json); }");
        var d = Assert.Single(diagnostics);
        Assert.StartsWith("AbsolutePath.WriteAllText overwrites 'settings.json' in place", d.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Wrapper", d.Properties["Sink"]);
        Assert.Contains("AbsolutePath.WriteAllText", d.Properties["NoFixReason"]);
    }

    [Fact]
    public async Task Path_type_from_a_referenced_library_is_judged_by_its_write_method_names()
    {
        // A library path type (like Nuke's AbsolutePath), compiled into a separate assembly: its bodies cannot be read.
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "PathLibrary",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(@"
namespace Lib
{
    public sealed class AbsolutePath
    {
        private readonly string _p;
        public AbsolutePath(string p) => _p = p;
        public static implicit operator string(AbsolutePath p) => p._p;
        public static AbsolutePath operator /(AbsolutePath l, string r) => new AbsolutePath(System.IO.Path.Combine(l._p, r));
    }
    public static class AbsolutePathExtensions
    {
        public static void WriteAllText(this AbsolutePath path, string text) => System.IO.File.WriteAllText(path, text);
        public static void WriteJson(this AbsolutePath path, object value) => path.WriteAllText(value.ToString()!);
        public static void WriteLogLine(this AbsolutePath path, string text) => System.IO.File.AppendAllText(path, text);
    }
}") },
            Basic.Reference.Assemblies.Net80.References.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray());

        var source = Verify.Usings + @"
using Lib;
class C
{
    static readonly AbsolutePath Root = new AbsolutePath(""/srv"");
    void M(string json, object settings)
    {
        (Root / ""settings.json"").WriteAllText(json);
        (Root / ""credentials.json"").WriteJson(settings);
        (Root / ""settings.json"").WriteLogLine(json);
        (Root / ""readme.txt"").WriteAllText(json);
    }
}";
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "App",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs") },
            Basic.Reference.Assemblies.Net80.References.All.Append(reference),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new AtomicWrite.Analyzers.Rules.InPlaceWriteAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        var messages = diagnostics.Where(d => d.Id == "AW0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("AbsolutePath.WriteAllText overwrites 'settings.json' in place", messages[0]);
        Assert.StartsWith("AbsolutePath.WriteJson overwrites 'credentials.json' in place", messages[1]);
    }

    private const string InheritedPath = @"
public class FileSystemPath
{
    public FileSystemPath(string path) => FullPath = path;
    public string FullPath { get; }
}
public class FilePath : FileSystemPath
{
    public FilePath(string path) : base(path) { }
    public void WriteAllText(string text, Encoding encoding = null) => File.WriteAllText(FullPath, text, encoding ?? Encoding.UTF8);
    public Task WriteAllBytesAsync(byte[] bytes) => File.WriteAllBytesAsync(FullPath, bytes);
}
";

    [Fact]
    public Task Path_member_inherited_from_a_base_path_type() => Verify.AnalyzersAsync(Verify.Usings + InheritedPath + @"
class C
{
    async Task M(string dir, string json, byte[] key)
    {
        var settingsFile = new FilePath(Path.Combine(dir, ""settings.json""));
        {|AW0001:settingsFile.WriteAllText(json)|};
        await {|AW0001:new FilePath(Path.Combine(dir, ""secrets.bin"")).WriteAllBytesAsync(key)|};
        new FilePath(Path.Combine(dir, ""export.csv"")).WriteAllText(json);
    }
}");

    private const string OpeningPath = @"
public readonly struct AbsolutePath
{
    private readonly string _p;
    public AbsolutePath(string p) => _p = p;
    public override string ToString() => _p;
    public string ToNativePath() => _p;
}
public static class AbsolutePathExtensions
{
    public static Stream Open(this AbsolutePath file, FileMode mode, FileAccess access = FileAccess.Read, FileShare share = FileShare.ReadWrite)
        => File.Open(file.ToNativePath(), mode, access, share);
}
";

    [Fact]
    public Task Open_method_of_a_path_type_writes_in_place_with_the_callers_mode() => Verify.AnalyzersAsync(Verify.Usings + OpeningPath + @"
class C
{
    void M(FileMode mode)
    {
        var settings = new AbsolutePath(""settings.json"");
        using var created = {|AW0001:settings.Open(FileMode.Create, FileAccess.Write, FileShare.None)|};
        using var rewritten = {|AW0001:settings.Open(FileMode.OpenOrCreate, FileAccess.ReadWrite)|};
        using var read = settings.Open(FileMode.Open);
        using var defaultAccess = settings.Open(FileMode.OpenOrCreate);
        using var appended = settings.Open(FileMode.Append, FileAccess.Write);
        using var unknown = settings.Open(mode, FileAccess.Write);
        using var output = new AbsolutePath(""output.txt"").Open(FileMode.Create, FileAccess.Write);
    }
}");

    [Fact]
    public Task Open_method_that_does_not_open_its_receiver_is_not_a_write() => Verify.AnalyzersAsync(Verify.Usings + @"
public sealed class ProfilePath
{
    private readonly string _p;
    public ProfilePath(string p) => _p = p;
    public override string ToString() => _p;
    public Stream OpenLog(FileMode mode) => File.Open(""app.log"", mode, FileAccess.Write);
}
class C
{
    void M() { using var s = new ProfilePath(""settings.json"").OpenLog(FileMode.Create); }
}");
}
