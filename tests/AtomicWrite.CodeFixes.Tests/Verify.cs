using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AtomicWrite.CodeFixes.Tests;

/// <summary>
/// Runs the real AW0001/AW0003 analyzers and the AtomicFile code fix over test code, offline: .NET 8 reference
/// assemblies from Basic.Reference.Assemblies.Net80 plus the built AtomicWrite runtime. The testing framework checks
/// that the fixed code has no compiler errors and no remaining AW diagnostics (unless listed), and runs Fix All in
/// document, project and solution scope.
/// </summary>
internal static class Verify
{
    public const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    /// <summary>The runtime assembly the fixed code calls into.</summary>
    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(AtomicWrite.AtomicFile).Assembly.Location);

    public static Test Create(string source, string fixedSource, bool enableAW0003 = false)
    {
        var test = new Test { EnableAW0003 = enableAW0003, TestCode = source, FixedCode = fixedSource };
        return test;
    }

    /// <summary>Fixes <paramref name="source"/> (markup <c>{|AW0001:...|}</c>) and compares with <paramref name="fixedSource"/>.</summary>
    public static Task FixAsync(string source, string fixedSource, bool enableAW0003 = false)
        => Create(source, fixedSource, enableAW0003).RunAsync(CancellationToken.None);

    /// <summary>Verifies that the diagnostics are reported and that no fix is offered.</summary>
    public static Task NoFixAsync(string source, bool enableAW0003 = false)
        => Create(source, source, enableAW0003).RunAsync(CancellationToken.None);

    public sealed class Test : CSharpCodeFixTest<InPlaceWriteToSensitiveFileAnalyzer, AtomicFileCodeFixProvider, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies(string.Empty);
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            TestState.AdditionalReferences.Add(Runtime);
        }

        public bool EnableAW0003 { get; set; }

        public bool WithoutRuntime { get; set; }

        public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new InPlaceWriteToSensitiveFileAnalyzer(), new InPlaceOverwriteAnalyzer() };

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions()
        {
            var options = ((CSharpCompilationOptions)base.CreateCompilationOptions())
                .WithOutputKind(OutputKind)
                .WithNullableContextOptions(NullableContextOptions.Enable);
            if (EnableAW0003)
            {
                options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.InPlaceOverwrite, ReportDiagnostic.Warn));
            }

            return options;
        }
    }

    /// <summary>Runs the analyzers over <paramref name="source"/> and returns the AW diagnostics (to read their properties).</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, bool withRuntime = true)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
        var references = Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToList();
        if (withRuntime)
        {
            references.Add(Runtime);
        }

        var compilation = CSharpCompilation.Create("TestProject", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InPlaceWriteToSensitiveFileAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        Xunit.Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id.StartsWith("AW", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }
}
