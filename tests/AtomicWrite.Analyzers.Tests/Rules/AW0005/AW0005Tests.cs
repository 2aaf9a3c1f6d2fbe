using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0005;

/// <summary>AW0005: malformed atomic_write.* configuration.</summary>
public class AW0005Tests
{
    private const string Source = Verify.Usings + "class C { void M(string s) => File.WriteAllText(\"data.json\", s); }";

    private static async Task<string[]> Messages(string config, params string[] extraSources)
    {
        var diagnostics = await Verify.DiagnosticsAsync(Source, config, extraSources);
        return diagnostics.Where(d => d.Id == "AW0005").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public async Task Unclosed_bracket_in_a_glob()
    {
        var message = Assert.Single(await Messages("atomic_write.sensitive_globs = **/*.json, secrets/[ab.bin"));
        Assert.Equal("The value 'secrets/[ab.bin' of 'atomic_write.sensitive_globs' is ignored: '[' at position 9 has no closing ']'", message);
    }

    [Fact]
    public async Task Unclosed_brace_in_an_ignored_glob()
    {
        var message = Assert.Single(await Messages("atomic_write.ignored_globs = *.{json,xml"));
        Assert.Contains("'*.{json,xml' of 'atomic_write.ignored_globs'", message, System.StringComparison.Ordinal);
        Assert.Contains("'{' has no closing '}'", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Word_with_symbols()
    {
        var message = Assert.Single(await Messages("atomic_write.sensitive_words = vault, pass*word"));
        Assert.Equal("The value 'pass*word' of 'atomic_write.sensitive_words' is ignored: a word may hold only letters, digits, '_', '-' and '.'", message);
    }

    [Fact]
    public async Task Unparsable_documentation_comment_id()
    {
        var messages = await Messages("atomic_write.sink_methods = MyApp.Store.Write(System.String); M:MyApp.Store.Put(System.String; M:MyApp.Store.Ok(System.String)");
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("The value 'MyApp.Store.Write(System.String)' of 'atomic_write.sink_methods' is ignored", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("The value 'M:MyApp.Store.Put(System.String' of 'atomic_write.sink_methods' is ignored", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Non_boolean_flag()
    {
        var message = Assert.Single(await Messages("atomic_write.analyze_generated_code = yes"));
        Assert.Equal("The value 'yes' of 'atomic_write.analyze_generated_code' is ignored: expected 'true' or 'false'", message);
    }

    [Fact]
    public async Task Unknown_key()
    {
        var message = Assert.Single(await Messages("atomic_write.sensitve_words = vault"));
        Assert.StartsWith("The value 'vault' of 'atomic_write.sensitve_words' is ignored: the key is unknown", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reported_once_per_compilation_with_many_files()
    {
        var extra = Enumerable.Range(0, 5).Select(i => "class D" + i + " { }").ToArray();
        var diagnostics = await Verify.DiagnosticsAsync(Source, "atomic_write.sensitive_globs = [", extra);
        var d = Assert.Single(diagnostics, x => x.Id == "AW0005");
        Assert.Equal(Microsoft.CodeAnalysis.Location.None, d.Location);
    }

    [Fact]
    public async Task Valid_configuration_is_silent()
    {
        Assert.Empty(await Messages(
            "atomic_write.sensitive_words = vault, ledger\natomic_write.sensitive_globs = **/state/*.bin, *.{db,dat}, [a-c]x?.json\n" +
            "atomic_write.ignored_words = fixture\natomic_write.ignored_globs = **/testdata/**\n" +
            "atomic_write.sink_methods = M:MyApp.Store.Write(System.String,System.Byte[]); M:MyApp.Io`1.Put``1(``0,System.String)\n" +
            "atomic_write.analyze_generated_code = true"));
    }

    [Fact]
    public Task Reported_from_a_real_editorconfig_without_location() => Verify.AnalyzersAsync(
        Source,
        "atomic_write.ignored_globs = ]x",
        new DiagnosticResult(DiagnosticIds.MalformedConfiguration, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithArguments("atomic_write.ignored_globs", "]x", "']' at position 1 has no opening '['"));

    [Fact]
    public async Task Malformed_value_is_ignored_and_the_rest_still_applies()
    {
        var diagnostics = await Verify.DiagnosticsAsync(
            Verify.Usings + "class C { void M(string s) { File.WriteAllText(\"ledger.dat\", s); } }",
            "atomic_write.sensitive_words = ledger, bad!word");
        Assert.Equal(new[] { "AW0001", "AW0005" }, diagnostics.Select(d => d.Id).OrderBy(x => x));
    }
}
