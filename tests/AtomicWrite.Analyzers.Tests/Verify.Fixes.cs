using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.InPlaceWrites;
using AtomicWrite.Analyzers.Rules;
using AtomicWrite.CodeFixes;
using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>
/// Runs the real AW0001/AW0003 analyzers and the AtomicFile code fix over test code, offline: .NET 8 reference
/// assemblies from Basic.Reference.Assemblies.Net80 plus the built AtomicWrite runtime. The testing framework checks
/// that the fixed code has no compiler errors and no remaining AW diagnostics (unless listed), and runs Fix All in
/// document, project and solution scope.
/// </summary>
internal static partial class Verify
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RethrowPlannerExceptionsInTests() => AtomicFixPlanner.RethrowUnexpectedExceptions = true;

    public const string FixUsings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    /// <summary>The runtime assembly the fixed code calls into.</summary>
    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(AtomicWrite.AtomicFile).Assembly.Location);

    /// <summary>Newtonsoft.Json, for the fixes of writers wrapped by a <c>JsonTextWriter</c>.</summary>
    public static readonly MetadataReference NewtonsoftJson = MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonTextWriter).Assembly.Location);

    public static FixTest Create(string source, string fixedSource, bool enableAW0003 = false)
    {
        var test = new FixTest { EnableAW0003 = enableAW0003, TestCode = source, FixedCode = fixedSource };
        return test;
    }

    /// <summary>Fixes <paramref name="source"/> (markup <c>{|AW0001:...|}</c>) and compares with <paramref name="fixedSource"/>.</summary>
    public static Task FixAsync(string source, string fixedSource, bool enableAW0003 = false)
        => Create(source, fixedSource, enableAW0003).RunAsync(CancellationToken.None);

    /// <summary>Verifies that the diagnostics are reported and that no fix is offered.</summary>
    public static Task NoFixAsync(string source, bool enableAW0003 = false)
        => Create(source, source, enableAW0003).RunAsync(CancellationToken.None);

    public sealed class FixTest : CSharpCodeFixTest<InPlaceWriteAnalyzer, InPlaceWriteFixer, DefaultVerifier>
    {
        public FixTest()
        {
            ReferenceAssemblies = new ReferenceAssemblies(string.Empty);
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            TestState.AdditionalReferences.Add(Runtime);
            TestState.AdditionalReferences.Add(NewtonsoftJson);

            // As in a real build, AW0003 stays off unless a test turns it on.
            DisabledDiagnostics.Add(DiagnosticIds.InPlaceOverwrite);
        }

        public bool EnableAW0003
        {
            get => !DisabledDiagnostics.Contains(DiagnosticIds.InPlaceOverwrite);
            set
            {
                DisabledDiagnostics.Remove(DiagnosticIds.InPlaceOverwrite);
                if (!value)
                {
                    DisabledDiagnostics.Add(DiagnosticIds.InPlaceOverwrite);
                }
            }
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new InPlaceWriteAnalyzer() };

        /// <summary>Every input first passes the check that the analyzer's stated no-fix reason agrees with the planner.</summary>
        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            await CheckFixOutlookAsync(TestState.Sources.Select(s => s.content.ToString()));
            await base.RunImplAsync(cancellationToken);
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions()
        {
            var options = ((CSharpCompilationOptions)base.CreateCompilationOptions())
                .WithNullableContextOptions(NullableContextOptions.Enable);
            if (EnableAW0003)
            {
                options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.InPlaceOverwrite, ReportDiagnostic.Warn));
            }

            return options;
        }
    }

    /// <summary>Runs the analyzers over <paramref name="source"/> and returns the AW diagnostics (to read their properties).</summary>
    public static async Task<ImmutableArray<Diagnostic>> FixerDiagnosticsAsync(string source, bool withRuntime = true)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
        var compilation = CSharpCompilation.Create("TestProject", new[] { tree }, References(withRuntime), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InPlaceWriteAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        Xunit.Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id.StartsWith("AW", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>
    /// For each AW diagnostic of <paramref name="source"/>, in source order, why the code fix is not offered
    /// ("Code: explanation"), or null when it is: the reason the analyzer put in the diagnostic when it knows one
    /// without planning (a wrapper call, no AtomicWrite runtime), else the fix planner's.
    /// </summary>
    public static async Task<ImmutableArray<string?>> NoFixReasonsAsync(string source, bool withRuntime = true)
    {
        if (withRuntime)
        {
            await CheckFixOutlookAsync(new[] { source });
        }

        var diagnostics = await FixerDiagnosticsAsync(source, withRuntime);
        var reasons = ImmutableArray.CreateBuilder<string?>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(NoFixReasons.PropertyName, out var known))
            {
                reasons.Add(known);
                continue;
            }

            var tree = diagnostic.Location.SourceTree!;
            var model = CSharpCompilation.Create("TestProject", new[] { tree }, References(withRuntime), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).GetSemanticModel(tree);
            var node = (await tree.GetRootAsync()).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var code = AtomicFixPlanner.GetNoFixReason(model, node, CancellationToken.None);
            reasons.Add(code is null ? null : NoFixReasons.Describe(code));
        }

        return reasons.ToImmutable();
    }

    private static List<MetadataReference> References(bool withRuntime)
    {
        var references = Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToList();
        references.Add(NewtonsoftJson);
        if (withRuntime)
        {
            references.Add(Runtime);
        }

        return references;
    }
}
