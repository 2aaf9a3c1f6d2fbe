using System.Linq;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0003;

/// <summary>AW0003: every in-place overwrite, when turned on.</summary>
public class AW0003Tests
{
    private const string Enable = "dotnet_diagnostic.AW0003.severity = warning";

    [Fact]
    public async Task Off_by_default()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M(string s) => File.WriteAllText(""data.json"", s); }");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Turned_on_by_editorconfig_flags_a_plain_overwrite()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M(string s) => File.WriteAllText(""data.json"", s); }", Enable);
        var d = Assert.Single(diagnostics);
        Assert.Equal("AW0003", d.Id);
        Assert.Equal("File.WriteAllText overwrites 'data.json' in place; a crash during the write leaves it empty or cut short (no code fix: RuntimeNotReferenced)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("WholeFile", d.Properties["Sink"]);
    }

    [Fact]
    public Task Every_sink_kind_is_flagged() => Verify.WithAW0003Async(Verify.Usings + @"
class C
{
    void M(string s, string p, byte[] b)
    {
        {|AW0003:File.WriteAllBytes(p, b)|};
        using var a = {|AW0003:File.Create(p)|};
        using var c = {|AW0003:new FileStream(p, FileMode.Truncate)|};
        using var w = {|AW0003:new StreamWriter(p, false)|};
        using var i = {|AW0003:new FileInfo(p).OpenWrite()|};
        {|AW0003:new System.Xml.Linq.XDocument().Save(p)|};
    }
}");

    [Fact]
    public Task Logs_and_exports_are_flagged_too() => Verify.WithAW0003Async(Verify.Usings + @"
class C { void M(string s, string exportPath) { {|AW0003:File.WriteAllText(""app.log"", s)|}; {|AW0003:File.WriteAllText(exportPath, s)|}; } }");

    [Fact]
    public Task Wrapper_is_reported_once_inside_not_at_each_call() => Verify.WithAW0003Async(Verify.Usings + @"
static class Io { public static void Put(string path, string s) => {|AW0003:File.WriteAllText(path, s)|}; }
class C { void M(string s) { Io.Put(""a.txt"", s); Io.Put(""b.txt"", s); } }");

    [Fact]
    public Task Mode_forwarding_wrapper_is_reported_at_the_calls_that_overwrite() => Verify.WithAW0003Async(Verify.Usings + @"
static class Io { public static Stream Open(string path, FileMode mode, FileAccess access) => new FileStream(path, mode, access); }
class C
{
    void M()
    {
        using var a = {|AW0003:Io.Open(""a.dat"", FileMode.Create, FileAccess.Write)|};
        using var b = Io.Open(""b.dat"", FileMode.Open, FileAccess.Read);
        using var c = Io.Open(""a.dat"", FileMode.CreateNew, FileAccess.Write);
        using var d = {|AW0001:Io.Open(""tokens.json"", FileMode.Truncate, FileAccess.Write)|};
    }
}");

    [Fact]
    public Task Configured_sink_method_is_reported_at_the_call() => Verify.WithAW0003Async(Verify.Usings + @"
namespace Lib { public interface IStore { void Put(string path, string s); } }
class C { void M(Lib.IStore store, string s) => {|AW0003:store.Put(""a.txt"", s)|}; }", "atomic_write.sink_methods = M:Lib.IStore.Put(System.String,System.String)");

    [Fact]
    public Task Sensitive_file_gets_AW0001_only() => Verify.WithAW0003Async(Verify.Usings + @"
class C { void M(string s) { {|AW0001:File.WriteAllText(""tokens.json"", s)|}; {|AW0003:File.WriteAllText(""data.json"", s)|}; } }");

    [Fact]
    public async Task Sensitive_file_gets_AW0003_when_AW0001_is_off()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C { void M(string s) => File.WriteAllText(""tokens.json"", s); }", Enable);
        Assert.Equal(new[] { "AW0001" }, diagnostics.Select(d => d.Id));

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<InPlaceWriteAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Verify.Usings + "class C { void M(string s) => {|AW0003:File.WriteAllText(\"tokens.json\", s)|}; }",
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies(string.Empty),
            MarkupOptions = Microsoft.CodeAnalysis.Testing.MarkupOptions.UseFirstDescriptor,
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.AW0001.severity = none\ndotnet_diagnostic.AW0003.severity = warning\n"));
        await test.RunAsync();
    }

    [Fact]
    public Task CreateNew_append_reads_temp_and_guarded_writes_are_not_flagged() => Verify.WithAW0003Async(Verify.Usings + @"
class C
{
    void M(string s, string p)
    {
        using var a = new FileStream(p, FileMode.CreateNew);
        using var b = new FileStream(p, FileMode.Append, FileAccess.Write);
        using var w = new StreamWriter(p, append: true);
        File.AppendAllText(p, s);
        File.ReadAllBytes(p);
        File.WriteAllText(Path.GetTempFileName(), s);
        if (!File.Exists(p)) File.WriteAllText(p, s);
        var t = p + "".tmp"";
        File.WriteAllText(t, s);
        File.Replace(t, p, null);
    }
}");

    [Fact]
    public Task Configured_through_specific_diagnostic_options()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<InPlaceWriteAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Verify.Usings + "class C { void M(string s) => {|AW0003:File.WriteAllText(\"data.json\", s)|}; }",
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies(string.Empty),
            MarkupOptions = Microsoft.CodeAnalysis.Testing.MarkupOptions.UseFirstDescriptor,
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItem("AW0003", Microsoft.CodeAnalysis.ReportDiagnostic.Warn)));
        });
        return test.RunAsync();
    }
}
