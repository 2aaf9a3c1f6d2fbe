using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.Analyzers;

/// <summary>
/// AW0001: an in-place (truncate-then-write) write to a file that the evidence says holds credentials, tokens,
/// keys, settings or application state. A crash, power cut or full disk during the write leaves it empty or torn.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InPlaceWriteToSensitiveFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The AW0001 descriptor.</summary>
#pragma warning disable RS1037 // Reported live by operation actions; the compilation-end report only adds wrapper bodies.
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InPlaceWriteToSensitiveFile,
        title: "In-place write to a sensitive file",
        messageFormat: "{0} overwrites {1} in place; {2}",
        category: RuleHelp.Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Writing a credentials, key, settings or state file in place truncates it first: a crash, power cut or full disk during the write leaves it empty, cut short or full of NUL bytes. Write a temporary file in the same directory, flush it to disk and rename it over the original (AtomicFile does this).",
        helpLinkUri: RuleHelp.HelpLink(DiagnosticIds.InPlaceWriteToSensitiveFile));
#pragma warning restore RS1037

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is analyzed only when atomic_write.analyze_generated_code = true (checked per tree).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var engine = InPlaceWriteEngine.Create(start.Compilation, start.Options, recordWrappers: true);
            var reported = new ConcurrentDictionary<Location, bool>();
            var sensitiveWrappers = new Dictionary<Location, (WrapperSummary Wrapper, WrapperInnerWrite Inner, string Evidence)>();

            start.RegisterOperationAction(
                operationContext =>
                {
                    var write = engine.Analyze(operationContext);
                    if (write is null || !write.Verdict.Sensitive)
                    {
                        return;
                    }

                    InPlaceWriteEngine.Guard(() =>
                    {
                        var location = operationContext.Operation.Syntax.GetLocation();
                        reported.TryAdd(location, true);
                        operationContext.ReportDiagnostic(Diagnostic.Create(Rule, location, FixPlanning.NoFixReasonProperty.WithNoFixReason(write.Properties(), operationContext.Operation, operationContext.CancellationToken), write.Sink.ApiName, write.Verdict.Target, write.Verdict.Evidence));
                    });
                },
                InPlaceWriteEngine.OperationKinds);

            // Calls to wrappers of the compilation: a wrapper is known only once every method body has been seen, so
            // its call sites are analyzed at the end of the compilation, where the evidence about each file is.
            start.RegisterCompilationEndAction(end => InPlaceWriteEngine.Guard(() =>
            {
                foreach (var (location, write) in engine.AnalyzeWrapperCalls(end.CancellationToken))
                {
                    if (!write.Verdict.Sensitive || !reported.TryAdd(location, true))
                    {
                        continue;
                    }

                    if (write.Wrapper is { } wrapper)
                    {
                        // Every write inside that overwrites whatever the arguments (one per implementation of an
                        // interface method); a write whose FileMode comes from the caller is fixed at the call.
                        foreach (var inner in wrapper.InnerWrites)
                        {
                            if (!sensitiveWrappers.ContainsKey(inner.Location))
                            {
                                sensitiveWrappers.Add(inner.Location, (wrapper, inner, write.Verdict.Target + ": " + write.Verdict.Evidence));
                            }
                        }
                    }

#pragma warning disable RS1037 // The other AW0001 reports come from the operation action; wrapper calls need every body first.
                    end.ReportDiagnostic(Diagnostic.Create(Rule, location, write.Properties(), write.Sink.ApiName, write.Verdict.Target, write.Verdict.Evidence));
#pragma warning restore RS1037
                }

                // A wrapper that callers use for sensitive files is itself flagged, at its inner write: that is where
                // the fix belongs.
                foreach (var pair in sensitiveWrappers)
                {
                    if (reported.ContainsKey(pair.Key) || !pair.Key.IsInSource)
                    {
                        continue;
                    }

                    var wrapper = pair.Value.Wrapper;
                    var inner = pair.Value.Inner.Sink;
                    var settings = engine.SettingsFor(pair.Key.SourceTree!);
                    if (!settings.AnalyzeGeneratedCode && IsGenerated(end, pair.Key.SourceTree!))
                    {
                        continue;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add("Sink", inner.Kind.ToString());
                    if (inner.Kind == SinkKind.Wrapper)
                    {
                        // A call inside the wrapper to a method that takes the FileMode from it.
                        properties = properties.Add("NoFixReason", "The file is opened inside " + inner.ApiName + " with the FileMode given here; write it with AtomicFile instead.");
                    }

                    var target = "the file passed to '" + wrapper.Method.Name + "'";
                    var evidence = "callers pass sensitive files (" + pair.Value.Evidence + ")";
#pragma warning disable RS1037 // AW0001 is reported by the operation action; only this wrapper follow-up needs all call sites.
                    end.ReportDiagnostic(Diagnostic.Create(Rule, pair.Key, properties, inner.ApiName, target, evidence));
#pragma warning restore RS1037
                }
            }));
        });
    }

    private static bool IsGenerated(CompilationAnalysisContext context, SyntaxTree tree)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (options.TryGetValue("generated_code", out var value))
        {
            return string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
        }

        return GeneratedCode.IsGenerated(tree, context.CancellationToken);
    }
}
