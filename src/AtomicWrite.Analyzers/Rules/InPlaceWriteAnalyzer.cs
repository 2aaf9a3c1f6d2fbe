using AtomicWrite.Analyzers.InPlaceWrites;

namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// AW0001 and AW0003, from one engine. AW0001: an in-place (truncate-then-write) write to a file that the evidence
/// says holds credentials, tokens, keys, settings or application state. AW0003 (disabled by default): every in-place
/// overwrite, whatever the file; a call that AW0001 reports is not reported again, unless AW0001 is turned off.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InPlaceWriteAnalyzer() : RuleAnalyzer(
    // Generated code is analyzed only when atomic_write.analyze_generated_code = true (checked per tree).
    GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics,
    Descriptors.InPlaceWriteToSensitiveFile,
    Descriptors.InPlaceWriteToSensitiveFileAtEnd,
    Descriptors.InPlaceOverwrite,
    Descriptors.InPlaceOverwriteAtEnd)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var engine = InPlaceWriteEngine.Create(start.Compilation, start.Options, recordWrappers: true);
            var rules = new RuleSwitches(start.Compilation);
            var reported = new ConcurrentDictionary<Location, bool>();

            // Only the code blocks whose text names a sink or a method that could write a file (a text-only index,
            // see WriteNameIndex) get the operation action: the others cannot hold a write or a call to a wrapper.
            System.Action<OperationAnalysisContext> analyze = operationContext =>
                {
                    var write = engine.Analyze(operationContext);
                    if (write is null)
                    {
                        return;
                    }

                    AnalyzerGuard.Run(() =>
                    {
                        var location = operationContext.Operation.Syntax.GetLocation();
                        var properties = FixOutlook.WithPredictedReason(write.Properties(runtimeMissing: engine.Symbols.AtomicFile is null), operationContext.Operation, write.Sink.Kind);
                        var noFix = FixOutlook.MessageSuffix(properties);
                        if (write.Verdict.Sensitive)
                        {
                            reported.TryAdd(location, true);
                            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptors.InPlaceWriteToSensitiveFile, location, properties, write.Sink.ApiName, write.Verdict.Target, write.Verdict.Evidence + noFix));
                        }

                        // Calls to wrappers of the compilation are not reported here: AW0003 reports the overwrite
                        // inside a wrapper, once, rather than at each call.
                        if (!write.Verdict.Sensitive || rules.SensitiveOff(location.SourceTree!, operationContext.CancellationToken))
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptors.InPlaceOverwrite, location, properties, write.Sink.ApiName, write.Verdict.Target, noFix));
                        }
                    });
                };
            start.RegisterOperationBlockStartAction(block =>
            {
                if (engine.MayWriteIn(block.OperationBlocks, block.CancellationToken))
                {
                    block.RegisterOperationAction(analyze, InPlaceWriteEngine.OperationKinds);
                }
                else if (InPlaceWriteEngine.CheckNameIndex)
                {
                    block.RegisterOperationAction(engine.CheckSkipped, InPlaceWriteEngine.OperationKinds); // the tests' check of the index
                }
            });

            // Calls to wrappers of the compilation: a wrapper is known only once every method body has been seen, so
            // its call sites are analyzed at the end of the compilation, where the evidence about each file is.
            start.RegisterCompilationEndAction(end => AnalyzerGuard.Run(() => ReportAtEnd(end, engine, rules, reported)));
        });
    }

    private static void ReportAtEnd(CompilationAnalysisContext end, InPlaceWriteEngine engine, RuleSwitches rules, ConcurrentDictionary<Location, bool> reported)
    {
        var sensitiveWrappers = new Dictionary<Location, (WrapperSummary Wrapper, WrapperInnerWrite Inner, string Evidence)>();
        foreach (var (location, write) in engine.AnalyzeWrapperCalls(end.CancellationToken))
        {
            // AW0003: a wrapper that takes the FileMode (or FileAccess, or a bool choosing the mode) from its callers
            // has no in-place write of its own: the calls whose arguments make it overwrite are reported instead.
            if (write.Wrapper is { Conditions.IsEmpty: false } && location.SourceTree is { } tree
                && (!write.Verdict.Sensitive || rules.SensitiveOff(tree, end.CancellationToken)))
            {
                end.ReportDiagnostic(Diagnostic.Create(Descriptors.InPlaceOverwriteAtEnd, location, write.Properties(), write.Sink.ApiName, write.Verdict.Target, FixOutlook.MessageSuffix(write.Properties())));
            }

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

            end.ReportDiagnostic(Diagnostic.Create(Descriptors.InPlaceWriteToSensitiveFileAtEnd, location, write.Properties(), write.Sink.ApiName, write.Verdict.Target, write.Verdict.Evidence + FixOutlook.MessageSuffix(write.Properties())));
        }

        // A wrapper that callers use for sensitive files is itself flagged, at its inner write: that is where the fix
        // belongs.
        foreach (var pair in sensitiveWrappers)
        {
            if (reported.ContainsKey(pair.Key) || !pair.Key.IsInSource)
            {
                continue;
            }

            var settings = engine.SettingsFor(pair.Key.SourceTree!);
            if (!settings.AnalyzeGeneratedCode && IsGenerated(end, pair.Key.SourceTree!))
            {
                continue;
            }

            var wrapper = pair.Value.Wrapper;
            var inner = pair.Value.Inner.Sink;
            var target = "the file passed to '" + (wrapper.Method.MethodKind == MethodKind.Constructor ? InPlaceWriteEngine.DisplayName(wrapper.Method) : wrapper.Method.Name) + "'";
            var evidence = "callers pass sensitive files (" + pair.Value.Evidence + ")";
            var properties = ImmutableDictionary<string, string?>.Empty.Add("Sink", inner.Kind.ToString());
            if (inner.Kind == SinkKind.Wrapper)
            {
                // A call inside the wrapper to a method that takes the FileMode from it.
                properties = properties.Add(InPlaceWrite.NoFixReasonProperty, FixOutlook.WrapperReason(inner.ApiName, forwardsMode: true));
            }

            properties = FixOutlook.WithPredictedReason(properties, FixOutlook.SinkOperation(inner), inner.Kind);
            end.ReportDiagnostic(Diagnostic.Create(Descriptors.InPlaceWriteToSensitiveFileAtEnd, pair.Key, properties, inner.ApiName, target, evidence + FixOutlook.MessageSuffix(properties)));
        }
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

    /// <summary>Whether AW0001 is turned off, for the whole compilation or for one tree (.editorconfig / .globalconfig).</summary>
    private sealed class RuleSwitches
    {
        private readonly Compilation _compilation;
        private readonly bool _sensitiveOffEverywhere;

        public RuleSwitches(Compilation compilation)
        {
            _compilation = compilation;
            _sensitiveOffEverywhere = compilation.Options.SpecificDiagnosticOptions.TryGetValue(DiagnosticIds.InPlaceWriteToSensitiveFile, out var value)
                && value == ReportDiagnostic.Suppress;
        }

        public bool SensitiveOff(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (_sensitiveOffEverywhere)
            {
                return true;
            }

            var provider = _compilation.Options.SyntaxTreeOptionsProvider;
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
}
