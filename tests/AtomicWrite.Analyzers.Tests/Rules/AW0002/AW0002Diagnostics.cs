using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using ReplaceVerify = AtomicWrite.Analyzers.Tests.Verify.SingleAnalyzer<AtomicWrite.Analyzers.Rules.HandRolledReplaceAnalyzer>;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

/// <summary>The AW0002 reports of a test program, and assertions on them, shared by the AW0002 test classes.</summary>
internal static class AW0002Diagnostics
{
    internal static async Task<Diagnostic> Single(string source, int line)
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(source);
        var d = Assert.Single(diagnostics.Where(x => x.Id == "AW0002"));
        Assert.Equal(line, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        return d;
    }

    internal static async Task Quiet(string source)
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(source);
        Assert.Empty(diagnostics.Where(x => x.Id == "AW0002"));
    }

    internal static async Task<Diagnostic[]> All(string source)
    {
        var diagnostics = await ReplaceVerify.GetDiagnosticsAsync(source);
        return diagnostics.Where(x => x.Id == "AW0002").OrderBy(x => x.Location.SourceSpan.Start).ToArray();
    }

    /// <summary>Like <see cref="All"/>, for code that does not compile (types of packages the compilation lacks); fails on AD0001.</summary>
    internal static async Task<Diagnostic[]> AllWithErrors(string source)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: "/0/Test0.cs");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "TestProject",
            new[] { tree },
            Basic.Reference.Assemblies.Net80.References.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new AtomicWrite.Analyzers.Rules.HandRolledReplaceAnalyzer());
        var all = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions.WithAnalyzers(compilation, analyzers).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return all.Where(x => x.Id == "AW0002").OrderBy(x => x.Location.SourceSpan.Start).ToArray();
    }

    internal static int Line(Diagnostic d) => d.Location.GetLineSpan().StartLinePosition.Line + 1;

    internal static string Message(Diagnostic d) => d.GetMessage(CultureInfo.InvariantCulture);

    internal static string Flaws(Diagnostic d) => d.Properties["Flaws"]!;
}
