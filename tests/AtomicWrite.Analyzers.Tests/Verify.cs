using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.InPlaceWrites;
using AtomicWrite.Analyzers.Internals;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>Runs every AtomicWrite analyzer over test code, offline (Basic.Reference.Assemblies.Net80).</summary>
internal static partial class Verify
{
    [ModuleInitializer]
    internal static void RethrowInTests()
    {
        AnalyzerGuard.RethrowUnexpectedExceptions = true;
        InPlaceWriteEngine.CheckNameIndex = true;
    }

    /// <summary>Usings most tests need.</summary>
    public const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading.Tasks;\n";

    /// <summary>
    /// Verifies the diagnostics of <paramref name="source"/> (markup: <c>{|AW0001:...|}</c>) with an optional
    /// .editorconfig [*.cs] section body, e.g. "atomic_write.sensitive_words = vault".
    /// </summary>
    public static Task AnalyzersAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected) =>
        AnalyzersAsync(new[] { source }, editorConfig, globalConfig: null, expected);

    public static Task AnalyzersAsync(string[] sources, string? editorConfig, string? globalConfig, params DiagnosticResult[] expected) =>
        RunAsync(sources, editorConfig, globalConfig, includeAW0003: false, expected);

    /// <summary>Like <see cref="AnalyzersAsync(string, string?, DiagnosticResult[])"/>, with AW0003 turned on.</summary>
    public static Task WithAW0003Async(string source, string? editorConfig = null, params DiagnosticResult[] expected) =>
        RunAsync(new[] { source }, editorConfig, globalConfig: null, includeAW0003: true, expected);

    /// <summary>Verifies sources given with their file names (e.g. to test generated-file names).</summary>
    public static async Task NamedSourcesAsync((string Name, string Code)[] sources, string? editorConfig, params DiagnosticResult[] expected)
    {
        await NamedSourcesAsync(sources, editorConfig, OutputKind.DynamicallyLinkedLibrary, expected);
    }

    /// <summary>Verifies sources given with their file names, compiled as <paramref name="outputKind"/>.</summary>
    public static async Task NamedSourcesAsync((string Name, string Code)[] sources, string? editorConfig, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new Test();
        test.TestState.OutputKind = outputKind;
        test.DisabledDiagnostics.Add(DiagnosticIds.InPlaceOverwrite);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    private static async Task RunAsync(string[] sources, string? editorConfig, string? globalConfig, bool includeAW0003, DiagnosticResult[] expected)
    {
        var test = new Test();
        if (!includeAW0003)
        {
            // The testing library turns every supported diagnostic on; AW0003 is off by default in real builds.
            test.DisabledDiagnostics.Add(DiagnosticIds.InPlaceOverwrite);
        }

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

        // dotnet_diagnostic.<ID>.severity lines become compilation options, as the compiler does for .editorconfig.
        var severities = ImmutableDictionary<string, ReportDiagnostic>.Empty;
        foreach (var line in (editorConfig ?? string.Empty).Split('\n'))
        {
            var parts = line.Split('=');
            var key = parts[0].Trim();
            if (parts.Length == 2 && key.StartsWith("dotnet_diagnostic.", System.StringComparison.Ordinal) && key.EndsWith(".severity", System.StringComparison.Ordinal))
            {
                var id = key.Substring("dotnet_diagnostic.".Length, key.Length - "dotnet_diagnostic.".Length - ".severity".Length);
                severities = severities.SetItem(id, parts[1].Trim() switch
                {
                    "none" => ReportDiagnostic.Suppress,
                    "error" => ReportDiagnostic.Error,
                    "suggestion" => ReportDiagnostic.Info,
                    _ => ReportDiagnostic.Warn,
                });
            }
        }

        var compilation = CSharpCompilation.Create(
            "TestProject",
            trees,
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, specificDiagnosticOptions: severities));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new TestOptionsProvider(editorConfig));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InPlaceWriteAnalyzer(), new MalformedConfigurationAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        Xunit.Assert.True(analyzerErrors.Length == 0, string.Join("\n", analyzerErrors.Select(d => d.ToString())));
        return diagnostics.Where(d => d.Id.StartsWith("AW", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class Test : CSharpAnalyzerTest<InPlaceWriteAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies(string.Empty);
            // AW0001 and AW0003 each have a second descriptor, tagged CompilationEnd, for reports made at the end of the compilation.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new InPlaceWriteAnalyzer(), new MalformedConfigurationAnalyzer() };

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
