using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.Analyzers;

/// <summary>
/// AW0003 (disabled by default): every in-place overwrite of a file, whatever the file. A call that AW0001
/// already reports is not reported again, unless AW0001 is turned off.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InPlaceOverwriteAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The AW0003 descriptor.</summary>
#pragma warning disable RS1037 // Reported live by operation actions; the compilation-end report only adds calls to mode-forwarding wrappers.
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InPlaceOverwrite,
        title: "In-place overwrite of a file",
        messageFormat: "{0} overwrites {1} in place; a crash during the write leaves it empty or cut short",
        category: RuleHelp.Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: false,
        description: "Truncate-then-write leaves a torn file behind when the process or machine stops during the write. For code bases that want every file replacement atomic, whatever the file.",
        helpLinkUri: RuleHelp.HelpLink(DiagnosticIds.InPlaceOverwrite));
#pragma warning restore RS1037

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            // Wrappers are recorded only for those that take the FileMode from their callers (see the end action).
            var engine = InPlaceWriteEngine.Create(start.Compilation, start.Options, recordWrappers: true);
            var aw0001Off = IsSuppressed(start.Compilation.Options.SpecificDiagnosticOptions, DiagnosticIds.InPlaceWriteToSensitiveFile);

            start.RegisterOperationAction(
                operationContext =>
                {
                    // Calls to wrappers of the compilation are not reported here: AW0003 reports the overwrite inside
                    // a wrapper, once, rather than at each call.
                    var write = engine.Analyze(operationContext);
                    if (write is null)
                    {
                        return;
                    }

                    InPlaceWriteEngine.Guard(() =>
                    {
                        var tree = operationContext.Operation.Syntax.SyntaxTree;
                        if (write.Verdict.Sensitive && !aw0001Off && !IsSuppressedForTree(start.Compilation, tree, operationContext.CancellationToken))
                        {
                            return; // AW0001 reports this call, with its evidence.
                        }

                        operationContext.ReportDiagnostic(Diagnostic.Create(Rule, operationContext.Operation.Syntax.GetLocation(), FixPlanning.NoFixReasonProperty.WithNoFixReason(write.Properties(), operationContext.Operation, operationContext.CancellationToken), write.Sink.ApiName, write.Verdict.Target));
                    });
                },
                InPlaceWriteEngine.OperationKinds);

            // A wrapper that takes the FileMode (or FileAccess, or a bool choosing the mode) from its callers has no
            // in-place write of its own: the calls whose arguments make it overwrite are reported instead.
            start.RegisterCompilationEndAction(end => InPlaceWriteEngine.Guard(() =>
            {
                foreach (var (location, write) in engine.AnalyzeWrapperCalls(end.CancellationToken))
                {
                    if (write.Wrapper is not { Conditions.IsEmpty: false } || location.SourceTree is not { } tree)
                    {
                        continue;
                    }

                    if (write.Verdict.Sensitive && !aw0001Off && !IsSuppressedForTree(start.Compilation, tree, end.CancellationToken))
                    {
                        continue; // AW0001 reports this call, with its evidence.
                    }

#pragma warning disable RS1037 // The other AW0003 reports come from the operation action; these calls need every body first.
                    end.ReportDiagnostic(Diagnostic.Create(Rule, location, write.Properties(), write.Sink.ApiName, write.Verdict.Target));
#pragma warning restore RS1037
                }
            }));
        });
    }

    private static bool IsSuppressed(ImmutableDictionary<string, ReportDiagnostic> options, string id) =>
        options.TryGetValue(id, out var value) && value == ReportDiagnostic.Suppress;

    /// <summary>True when .editorconfig / .globalconfig turn AW0001 off for the tree.</summary>
    private static bool IsSuppressedForTree(Compilation compilation, SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
    {
        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider is null)
        {
            return false;
        }

        if (provider.TryGetDiagnosticValue(tree, DiagnosticIds.InPlaceWriteToSensitiveFile, cancellationToken, out var perTree))
        {
            return perTree == ReportDiagnostic.Suppress;
        }

        return provider.TryGetGlobalDiagnosticValue(DiagnosticIds.InPlaceWriteToSensitiveFile, cancellationToken, out var global)
            && global == ReportDiagnostic.Suppress;
    }
}
