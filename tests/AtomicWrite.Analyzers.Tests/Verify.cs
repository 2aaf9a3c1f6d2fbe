using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>Runs every AtomicWrite analyzer over test code, offline (Basic.Reference.Assemblies.Net80).</summary>
internal static class Verify
{
    [ModuleInitializer]
    internal static void RethrowInTests() => InPlaceWriteEngine.RethrowUnexpectedExceptions = true;

    /// <summary>Usings most tests need.</summary>
    public const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading.Tasks;\n";

    /// <summary>
    /// Verifies the diagnostics of <paramref name="source"/> (markup: <c>{|AW0001:...|}</c>) with an optional
    /// .editorconfig [*.cs] section body, e.g. "atomic_write.sensitive_words = vault".
    /// </summary>
    public static Task AnalyzersAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected) =>
        AnalyzersAsync(new[] { source }, editorConfig, globalConfig: null, expected);

    public static async Task AnalyzersAsync(string[] sources, string? editorConfig, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzers directly and returns their diagnostics (for message and property checks).</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, string? editorConfig = null, params string[] extraSources)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs") };
        for (var i = 0; i < extraSources.Length; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(extraSources[i], new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test" + (i + 1) + ".cs"));
        }

        var compilation = CSharpCompilation.Create(
            "TestProject",
            trees,
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new TestOptionsProvider(editorConfig));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InPlaceWriteToSensitiveFileAnalyzer(), new InPlaceOverwriteAnalyzer(), new MalformedConfigurationAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        Xunit.Assert.True(analyzerErrors.Length == 0, string.Join("\n", analyzerErrors.Select(d => d.ToString())));
        return diagnostics.Where(d => d.Id.StartsWith("AW", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class Test : CSharpAnalyzerTest<InPlaceWriteToSensitiveFileAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies(string.Empty);
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new InPlaceWriteToSensitiveFileAnalyzer(), new InPlaceOverwriteAnalyzer(), new MalformedConfigurationAnalyzer() };

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }

    private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly TestOptions _options;

        public TestOptionsProvider(string? editorConfig)
        {
            var values = new Dictionary<string, string>();
            foreach (var line in (editorConfig ?? string.Empty).Split('\n'))
            {
                var eq = line.IndexOf('=');
                if (eq > 0)
                {
                    values[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
                }
            }

            _options = new TestOptions(values);
        }

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class TestOptions : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public TestOptions(Dictionary<string, string> values) => _values = values;

        public override IEnumerable<string> Keys => _values.Keys;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
