using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.InPlaceWrites;
using AtomicWrite.Analyzers.Rules;
using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>
/// The analyzer states a no-fix reason in the message and the NoFixReason property only from cheap facts
/// (<see cref="FixOutlook"/>); the fix planner decides with full binding. Every AW0001 code-fix test input goes
/// through <see cref="CheckFixOutlookAsync"/> before the test itself runs: for each AW0001/AW0003 diagnostic, a
/// reason the analyzer states must be the planner's reason, and a reason of the kinds the analyzer predicts
/// (UnsupportedSink, UnsupportedArguments for streams and writers, NotInUsing, NotAStatement) that the planner
/// gives must be stated by the analyzer too.
/// </summary>
internal static partial class Verify
{
    private static readonly string[] PredictedKinds =
    {
        FixOutlook.UnsupportedSink, FixOutlook.UnsupportedArguments, FixOutlook.NotInUsing, FixOutlook.NotAStatement,
    };

    /// <summary>How many diagnostics the check has compared, and how many of them the planner gave a reason the analyzer does not state (per reason).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> OutlookCounts = new();

    public static async Task CheckFixOutlookAsync(IEnumerable<string> markupSources)
    {
        var trees = new List<SyntaxTree>();
        int i = 0;
        foreach (var markup in markupSources)
        {
            TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
            trees.Add(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"/0/Test{i++}.cs"));
        }

        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { [DiagnosticIds.InPlaceOverwrite] = ReportDiagnostic.Warn });
        var compilation = CSharpCompilation.Create("TestProject", trees, References(withRuntime: true), options);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new InPlaceWriteAnalyzer())).GetAnalyzerDiagnosticsAsync();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == DiagnosticIds.InPlaceWriteToSensitiveFile || d.Id == DiagnosticIds.InPlaceOverwrite))
        {
            diagnostic.Properties.TryGetValue(InPlaceWrite.NoFixReasonProperty, out var stated);
            var statedCode = string.IsNullOrEmpty(stated) ? null : stated!.Split(':')[0];
            var message = diagnostic.GetMessage();
            if (statedCode is null)
            {
                Assert.DoesNotContain("(no code fix:", message);
            }
            else
            {
                Assert.EndsWith("(no code fix: " + statedCode + ")", message);
            }

            if (statedCode == FixOutlook.WrapperCall || statedCode == FixOutlook.ModeForwarded)
            {
                continue; // calls to wrappers: the fix belongs inside the wrapper, the planner is not asked
            }

            var tree = diagnostic.Location.SourceTree!;
            var node = (await tree.GetRootAsync()).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var planned = AtomicFixPlanner.GetNoFixReason(compilation.GetSemanticModel(tree), node, CancellationToken.None);
            var where = $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()} ({message})";
            if (statedCode != null)
            {
                Assert.True(statedCode == planned, $"the analyzer states {statedCode}, the planner says {planned ?? "fix"}: {where}");
            }
            else if (planned != null)
            {
                diagnostic.Properties.TryGetValue("Sink", out var sink);
                bool predictable = PredictedKinds.Contains(planned)
                                   && !(planned == FixOutlook.UnsupportedArguments && sink == "XmlSave");
                Assert.False(predictable, $"the planner says {planned} but the analyzer states nothing: {where}");
                OutlookCounts.AddOrUpdate("unstated " + planned, 1, (_, n) => n + 1);
            }

            OutlookCounts.AddOrUpdate(statedCode ?? (planned is null ? "fix" : "unstated"), 1, (_, n) => n + 1);
        }
    }
}
