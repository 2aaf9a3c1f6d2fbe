using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>The analyzers never throw (no AD0001) and still report in code with errors, top-level statements,
/// generated code and large files. Unexpected exceptions are rethrown in tests, so any one fails here.</summary>
public class RobustnessTests
{
    [Fact]
    public async Task Sink_resolves_but_another_argument_has_errors_is_still_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M() { File.WriteAllText(""tokens.json"", undefinedVariable); } }");
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0001", d.Id);
    }

    [Fact]
    public async Task Sink_with_an_unfinished_argument_list_is_still_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M(string s) { File.WriteAllText(""settings.json"", s.Substring( } }");
        Assert.Equal("AW0001", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Path_from_a_call_on_an_unresolved_type_keeps_its_names()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C
{
    private readonly IUnknownPaths _settingsPath = null!;
    void Save(string json, string fileName = ""data.bin"") => File.WriteAllText(_settingsPath.GetSettingsPath(""module"", fileName), json);
    void Other(string json) => File.WriteAllText(Unknown.Make(""notes.md""), json);
}");
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0001", d.Id);
        Assert.Contains("Settings", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sink_with_an_erroneous_mode_argument_is_not_guessed()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M() { using var s = new FileStream(""settings.json"", FileMode.Creat); } }");
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("class C { void M() { File.WriteAllText( } }")]
    [InlineData("class C { void M() { File. } }")]
    [InlineData("class C { void M() { new FileStream(")]
    [InlineData("class C { void M() { new StreamWriter(path: , append: ) } }")]
    [InlineData("class C { string P => P; void M() => File.WriteAllText(P, P); }")]
    [InlineData("class C { static string A = B; static string B = A; void M() => File.WriteAllText(A, \"\"); }")]
    [InlineData("class C { void M() { var x = x; File.WriteAllText(x, x); } }")]
    [InlineData("class C { string F(string a) => F(a); void M() => File.WriteAllText(F(\"settings.json\"), \"\"); }")]
    [InlineData("class C { void W(string p) => W(p); void M() => W(\"settings.json\"); }")]
    [InlineData("class C { void M(dynamic d) { File.WriteAllText(d, d); File.WriteAllText(\"token.json\", d); } }")]
    [InlineData("class C { void M() { File.WriteAllText(null, null); File.WriteAllText(default, default); } }")]
    [InlineData("class C : IDisposable { void M() { using var s = new FileStream(\"x\", (FileMode)99); } }")]
    [InlineData("partial class C { partial void P(string path); void M() => P(\"settings.json\"); }")]
    [InlineData("class C { extern static void W(string path); void M() => W(\"settings.json\"); }")]
    [InlineData("interface I { void W(string path) => File.WriteAllText(path, \"\"); } class C { void M(I i) => i.W(\"settings.json\"); }")]
    [InlineData("class C { void M() { System.Action<string> a = p => File.WriteAllText(p, \"\"); a(\"settings.json\"); } }")]
    [InlineData("class C { void M() { void L(string p) => File.WriteAllText(p, \"\"); L(\"settings.json\"); } }")]
    [InlineData("class C { void M(string s) => File.WriteAllText($\"{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}.json\", s); }")]
    [InlineData("#error nope\nclass C { void M() => File.WriteAllText(\"settings.json\", \"\"); }")]
    public async Task Broken_or_odd_code_does_not_crash(string code)
    {
        // DiagnosticsAsync fails on any AD0001; compiler errors are expected and ignored.
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + code);
        Assert.All(diagnostics, d => Assert.StartsWith("AW", d.Id, System.StringComparison.Ordinal));
    }

    [Fact]
    public Task Local_function_wrapper_is_followed() => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M() { void Save(string p) => {|AW0001:File.WriteAllText(p, """")|}; {|AW0001:Save(""settings.json"")|}; } }");

    [Fact]
    public Task Top_level_statements() => Verify.NamedSourcesAsync(new[]
    {
        ("/0/Program.cs", Verify.Usings + @"
var dir = AppContext.BaseDirectory;
{|AW0001:File.WriteAllText(Path.Combine(dir, ""credentials.json""), ""{}"")|};
File.WriteAllText(Path.Combine(dir, ""run.log""), ""ok"");
"),
    }, editorConfig: null, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

    private const string GeneratedSource = "// <auto-generated/>\n" + Verify.Usings + "class G { void M(string s) => File.WriteAllText(\"settings.json\", s); }";

    [Fact]
    public async Task Generated_code_is_skipped_by_default()
    {
        Assert.Empty(await Verify.DiagnosticsAsync(GeneratedSource));
    }

    [Fact]
    public async Task Generated_code_is_analyzed_when_configured()
    {
        var diagnostics = await Verify.DiagnosticsAsync(GeneratedSource, "atomic_write.analyze_generated_code = true");
        Assert.Equal("AW0001", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public Task Generated_file_by_name_is_skipped_unless_configured() => Verify.NamedSourcesAsync(
        new[]
        {
            ("/0/Settings.g.cs", Verify.Usings + "class G { void M(string s) => File.WriteAllText(\"settings.json\", s); }"),
            ("/0/Store.cs", Verify.Usings + "class S { void M(string s) => {|AW0001:File.WriteAllText(\"settings.json\", s)|}; }"),
        },
        editorConfig: null);

    [Fact]
    public Task Generated_file_by_name_is_analyzed_when_configured() => Verify.NamedSourcesAsync(
        new[] { ("/0/Settings.g.cs", Verify.Usings + "class G { void M(string s) => {|AW0001:File.WriteAllText(\"settings.json\", s)|}; }") },
        editorConfig: "atomic_write.analyze_generated_code = true");

    [Fact]
    public async Task Very_large_file_reports_each_write_once()
    {
        var builder = new StringBuilder(Verify.Usings + "class Big\n{\n");
        const int count = 3000;
        for (var i = 0; i < count; i++)
        {
            builder.Append("    void M").Append(i).Append("(string s) { var p").Append(i).Append(" = Path.Combine(AppContext.BaseDirectory, \"settings").Append(i)
                .Append(".json\"); File.WriteAllText(p").Append(i).Append(", s); File.AppendAllText(\"run.log\", s); Helper(p").Append(i).Append("); }\n");
        }

        builder.Append("    static void Helper(string x) { }\n}\n");
        var diagnostics = await Verify.DiagnosticsAsync(builder.ToString());
        Assert.Equal(count, diagnostics.Count(d => d.Id == "AW0001"));
    }

    [Fact]
    public async Task Many_wrapper_calls_summarise_the_wrapper_once()
    {
        var builder = new StringBuilder(Verify.Usings + "static class Io { public static void Put(string path, string s) => File.WriteAllText(path, s); }\nclass Many\n{\n");
        const int count = 2000;
        for (var i = 0; i < count; i++)
        {
            builder.Append("    void M").Append(i).Append("(string s) => Io.Put(\"config").Append(i).Append(".ini\", s);\n");
        }

        builder.Append("}\n");
        var diagnostics = await Verify.DiagnosticsAsync(builder.ToString());
        Assert.Equal(count + 1, diagnostics.Count(d => d.Id == "AW0001")); // each call site and the wrapper's own write
    }

    [Fact]
    public void The_guard_swallows_an_unexpected_exception_in_shipping_builds()
    {
        var ran = false;
        AtomicWrite.Analyzers.Internals.AnalyzerGuard.Run(() => { ran = true; throw new System.InvalidOperationException("bug in a heuristic"); }, rethrow: false);
        Assert.True(ran);
    }

    [Fact]
    public void The_guard_rethrows_under_the_tests_and_always_lets_cancellation_through()
    {
        Assert.Throws<System.InvalidOperationException>(() => AtomicWrite.Analyzers.Internals.AnalyzerGuard.Run(() => throw new System.InvalidOperationException(), rethrow: true));
        Assert.Throws<System.OperationCanceledException>(() => AtomicWrite.Analyzers.Internals.AnalyzerGuard.Run(() => throw new System.OperationCanceledException(), rethrow: false));
    }

    [Fact]
    public void A_wrapped_callback_passes_its_context_through()
    {
        var seen = 0;
        AtomicWrite.Analyzers.Internals.AnalyzerGuard.Wrap<int>(value => seen = value)(42);
        Assert.Equal(42, seen);
    }
}
