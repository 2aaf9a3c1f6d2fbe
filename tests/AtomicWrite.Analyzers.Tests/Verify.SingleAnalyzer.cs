using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AtomicWrite.Analyzers.Tests;

internal static partial class Verify
{
    /// <summary>Runs an analyzer over one source file with the offline .NET 8 reference assemblies.</summary>
    public static class SingleAnalyzer<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
            => VerifyAsync(source, CompilerDiagnostics.Errors, expected);

        public static async Task VerifyAsync(string source, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = new ReferenceAssemblies(string.Empty),
                CompilerDiagnostics = compilerDiagnostics,
            };
            test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        /// <summary>Runs the analyzer directly over <paramref name="source"/> and returns its diagnostics (to read properties); fails on AD0001.</summary>
        public static async Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> GetDiagnosticsAsync(string source)
        {
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: "/0/Test0.cs");
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "TestProject",
                new[] { tree },
                Basic.Reference.Assemblies.Net80.References.All,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
            var all = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAllDiagnosticsAsync();
            Xunit.Assert.DoesNotContain(all, d => d.Id == "AD0001");
            Xunit.Assert.DoesNotContain(all, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            return System.Collections.Immutable.ImmutableArray.CreateRange(System.Linq.Enumerable.Where(all, d => d.Id.StartsWith("AW", System.StringComparison.Ordinal)));
        }

        /// <summary>Like <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with extra source files (for example a copy of an API surface under test).</summary>
        public static async Task VerifyWithSourcesAsync(string source, string[] extraSources, Microsoft.CodeAnalysis.MetadataReference[] extraReferences, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = new ReferenceAssemblies(string.Empty),
            };
            foreach (var extra in extraSources)
            {
                test.TestState.Sources.Add(extra);
            }

            test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            test.TestState.AdditionalReferences.AddRange(extraReferences);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }
    }
}
