namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>An in-place write found at a call, with the weighed evidence about its file.</summary>
/// <param name="Sink">The call that writes.</param>
/// <param name="Verdict">The evidence about the file.</param>
/// <param name="Wrapper">The wrapper called, when the call is a one-hop wrapper of a sink.</param>
internal sealed record InPlaceWrite(SinkCall Sink, Verdict Verdict, WrapperSummary? Wrapper)
{
    /// <summary>The diagnostic property that says why the AtomicFile code fix is not offered, when the analyzer knows it.</summary>
    public const string NoFixReasonProperty = "NoFixReason";

    /// <summary>
    /// The diagnostic properties the code fix reads: "Sink", and "NoFixReason" for the reasons known without planning
    /// the fix (a call to a wrapper, or, with <paramref name="runtimeMissing"/>, no AtomicFile in the compilation).
    /// </summary>
    public ImmutableDictionary<string, string?> Properties(bool runtimeMissing = false)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add("Sink", Sink.Kind.ToString());
        if (Sink.Kind == SinkKind.Wrapper)
        {
            builder.Add(NoFixReasonProperty, FixOutlook.WrapperReason(Sink.ApiName, forwardsMode: Wrapper is { Conditions.IsEmpty: false }));
        }
        else if (runtimeMissing)
        {
            builder.Add(NoFixReasonProperty, FixOutlook.Describe(FixOutlook.RuntimeNotReferenced));
        }

        return builder.ToImmutable();
    }
}

/// <summary>
/// The per-compilation state of AW0001 or AW0003: the framework symbols, the wrapper facts and the member-value
/// cache. Created once in a compilation-start action.
/// </summary>
internal sealed class InPlaceWriteEngine
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<IMethodSymbol>> _configuredSinks = new();
    private readonly ConcurrentDictionary<SyntaxTree, AnalyzerSettings> _settings = new();
    private readonly AnalyzerOptions _options;
    private readonly bool _recordWrappers;
    private readonly System.Func<SyntaxTree, AnalyzerSettings> _parseSettings;
    private readonly System.Lazy<bool> _anyConfiguredSinks;
    private readonly object _namesLock = new();
    private WriteNameIndex? _names;

    private InPlaceWriteEngine(Compilation compilation, AnalyzerOptions options, bool recordWrappers)
    {
        Compilation = compilation;
        _options = options;
        _recordWrappers = recordWrappers;
        Symbols = WellKnownTypes.For(compilation);
        Tracing = new OperationTracing(compilation);
        Wrappers = new WrapperIndex(compilation, Symbols);
        _parseSettings = tree => Settings(_options, tree);
        _anyConfiguredSinks = new System.Lazy<bool>(AnyConfiguredSinks);
    }

    /// <summary>Whether the settings of any tree name sink methods; when none does, most calls need no settings at all.</summary>
    private bool AnyConfiguredSinks()
    {
        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (!SettingsFor(tree).SinkMethods.IsDefaultOrEmpty)
            {
                return true;
            }
        }

        return false;
    }

    public Compilation Compilation { get; }

    /// <summary>The text-only index of the names that could lead to a write, built on first use.</summary>
    public WriteNameIndex Names(CancellationToken cancellationToken)
    {
        var names = Volatile.Read(ref _names);
        if (names is not null)
        {
            return names;
        }

        lock (_namesLock)
        {
            return _names ??= WriteNameIndex.Build(Compilation, cancellationToken);
        }
    }

    /// <summary>
    /// True when an operation block may hold a sink, a configured sink or a call to a wrapper, so its operations need
    /// the operation action: its text names a sink or a possible wrapper (<see cref="WriteNameIndex"/>), or some tree
    /// configures sink methods (then every block is analyzed).
    /// </summary>
    public bool MayWriteIn(ImmutableArray<IOperation> blocks, CancellationToken cancellationToken)
    {
        if (_anyConfiguredSinks.Value)
        {
            return true;
        }

        var names = Names(cancellationToken);
        foreach (var block in blocks)
        {
            if (names.MayWrite(block.Syntax.SyntaxTree, block.Syntax.Span, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public WellKnownTypes Symbols { get; }

    public OperationTracing Tracing { get; }

    public WrapperIndex Wrappers { get; }

    /// <summary>The operation kinds to register for.</summary>
    public static readonly ImmutableArray<OperationKind> OperationKinds =
        ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Invalid);

    /// <summary>
    /// Creates the engine of a compilation. With <paramref name="recordWrappers"/>, the calls that may reach a
    /// wrapper of the compilation are recorded for <see cref="AnalyzeWrapperCalls"/> (AW0001 reports them).
    /// </summary>
    public static InPlaceWriteEngine Create(Compilation compilation, AnalyzerOptions options, bool recordWrappers) => new(compilation, options, recordWrappers);

    /// <summary>The settings that apply to a tree, parsed once per tree.</summary>
    public AnalyzerSettings SettingsFor(SyntaxTree tree) => _settings.GetOrAdd(tree, _parseSettings);

    /// <summary>The settings that apply to the tree of an operation.</summary>
    public static AnalyzerSettings Settings(AnalyzerOptions options, SyntaxTree tree)
    {
        try
        {
            return AnalyzerSettings.For(options.AnalyzerConfigOptionsProvider.GetOptions(tree));
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return AnalyzerSettings.Empty;
        }
    }

    /// <summary>True when the tree is generated code and generated code is not analyzed.</summary>
    public static bool SkipGenerated(OperationAnalysisContext context, AnalyzerSettings settings) =>
        !settings.AnalyzeGeneratedCode && context.IsGeneratedCode;

    /// <summary>
    /// The operation action: finds the in-place write at a call to a sink or a configured sink, and records calls
    /// that may reach a wrapper. Cheap for the calls that are neither (a name or symbol check). Never throws except
    /// on cancellation.
    /// </summary>
    public InPlaceWrite? Analyze(OperationAnalysisContext context)
    {
        try
        {
            return AnalyzeCore(context);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception) when (!AnalyzerGuard.RethrowUnexpectedExceptions)
        {
            return null; // A bug in the heuristics must not break the user's build: the call is not reported.
        }
    }

    private InPlaceWrite? AnalyzeCore(OperationAnalysisContext context)
    {
        var operation = context.Operation;
        IMethodSymbol? target;
        ImmutableArray<IArgumentOperation> arguments;
        switch (operation)
        {
            case IInvocationOperation invocation:
                target = invocation.TargetMethod;
                arguments = invocation.Arguments;
                break;
            case IObjectCreationOperation creation:
                target = creation.Constructor;
                arguments = creation.Arguments;
                break;
            case IInvalidOperation invalid:
                return AnalyzeInvalid(context, invalid);
            default:
                return null;
        }

        if (target is null)
        {
            return null;
        }

        var maySink = SinkDetector.MayBeSink(target, Symbols);
        var mayWrap = _recordWrappers && MayBeWrapperCall(target, context.CancellationToken);
        if (!maySink && !mayWrap && !_anyConfiguredSinks.Value)
        {
            return null;
        }

        var settings = SettingsFor(operation.Syntax.SyntaxTree);
        if (SkipGenerated(context, settings))
        {
            return null;
        }

        if (mayWrap)
        {
            // When the callee probably passes a parameter to a sink, the call is analyzed now, while its operation is at
            // hand; otherwise it is bound again at the end, if the callee turns out to be a wrapper.
            EarlyWrapperCall? early = null;
            if (Wrappers.LikelyWrapperParameter(target) is { } pathParameter && CallShape.From(operation) is { } wrapperCall)
            {
                early = new EarlyWrapperCall(pathParameter.Ordinal, AnalyzeWrapperCall(wrapperCall, pathParameter, null, context.ContainingSymbol, settings, context.CancellationToken));
            }

            Wrappers.RecordCall(operation, target, arguments, context.ContainingSymbol, early);
        }

        if (!maySink && settings.SinkMethods.IsDefaultOrEmpty)
        {
            return null;
        }

        var call = CallShape.From(operation);
        return call is null ? null : AnalyzeSink(call, context.ContainingSymbol, settings, context.CancellationToken);
    }

    /// <summary>
    /// The tests' self-check of the name index (set by the analyzer tests only): every block the index skips is still
    /// walked, and a sink or wrapper call found there fails the test.
    /// </summary>
    internal static bool CheckNameIndex { get; set; }

    // Under the tests (CheckNameIndex): the names of the calls to methods of the compilation that the
    // name index kept out (skipped blocks, or names not indexed), checked against the wrappers at the end.
    private readonly ConcurrentQueue<string> _notIndexed = new();

    /// <summary>
    /// Under the tests only, for a block that <see cref="MayWriteIn"/> skipped: fails when the block holds a sink, and
    /// notes its calls to methods of the compilation, which <see cref="AnalyzeWrapperCalls"/> checks against the
    /// wrappers found. So every analyzer test also checks that the name index never hides a write.
    /// </summary>
    public void CheckSkipped(OperationAnalysisContext context)
    {
        var call = CallShape.From(context.Operation);
        if (context.Operation is IInvalidOperation invalid && CalledName(invalid.Syntax) is { } name)
        {
            _notIndexed.Enqueue(name);
        }

        if (call is null)
        {
            return;
        }

        if (SinkDetector.Detect(call, Symbols) is not null || SinkDetector.DetectForwardedMode(call, Symbols, out _, out _) is not null)
        {
            throw new System.InvalidOperationException("The name index skipped a block with a sink: " + call.Method.ToDisplayString());
        }

        if (Wrappers.MayBeWrapper(call.Method))
        {
            _notIndexed.Enqueue(WrapperName(call.Method.ReducedFrom ?? call.Method));
        }
    }

    private static string WrapperName(IMethodSymbol method) => method.MethodKind == MethodKind.Constructor ? method.ContainingType?.Name ?? "" : method.Name;

    /// <summary>
    /// A call that may reach a wrapper of the compilation: a method, constructor or local function of the compilation
    /// that takes a string, named in the <see cref="WriteNameIndex"/> (local functions are not indexed by name).
    /// </summary>
    private bool MayBeWrapperCall(IMethodSymbol target, CancellationToken cancellationToken)
    {
        if (target.MethodKind == MethodKind.LocalFunction || Names(cancellationToken).MayBeWriter(WrapperName(target)))
        {
            return Wrappers.MayBeWrapper(target);
        }

        if (CheckNameIndex && Wrappers.MayBeWrapper(target))
        {
            _notIndexed.Enqueue(WrapperName(target));
        }

        return false;
    }

    /// <summary>
    /// A call that did not bind (code with errors, the IDE case): analyzed when its syntax names a sink or a
    /// configured sink and a single method is a likely candidate.
    /// </summary>
    private InPlaceWrite? AnalyzeInvalid(OperationAnalysisContext context, IInvalidOperation invalid)
    {
        var name = CalledName(invalid.Syntax);
        if (name is null)
        {
            return null;
        }

        if (_recordWrappers)
        {
            // It may be a call to a wrapper of the compilation: kept by name, analyzed at the end only if a wrapper
            // of that name exists. The operation is kept when the name is a possible writer's, so that it need not
            // be bound again (a local function is not indexed by name: such a call is bound again if need be).
            Wrappers.RecordUnboundCall(invalid, name, context.ContainingSymbol, keepOperation: Names(context.CancellationToken).MayBeWriter(name));
        }

        var sinkName = SinkDetector.IsSinkName(name) || FileApiNames.WriterTypes.Contains(name) || name == "new";
        if (!sinkName && !_anyConfiguredSinks.Value)
        {
            return null;
        }

        var settings = SettingsFor(invalid.Syntax.SyntaxTree);
        if ((!sinkName && !NamesConfiguredSink(settings, name)) || invalid.Parent is IInvalidOperation)
        {
            return null;
        }

        if (SkipGenerated(context, settings))
        {
            return null;
        }

        var call = CallShape.From(invalid);
        return call is null ? null : AnalyzeSink(call, context.ContainingSymbol, settings, context.CancellationToken);
    }

    /// <summary>The simple name a call or creation names in its syntax (the method, or the created type), or null.</summary>
    internal static string? CalledName(SyntaxNode syntax) => syntax switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation => invocation.Expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        },
        Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax creation => creation.Type switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        },
        Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitObjectCreationExpressionSyntax => "new", // the type comes from the target
        _ => null,
    };

    private static bool NamesConfiguredSink(AnalyzerSettings settings, string name)
    {
        if (settings.SinkMethods.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var id in settings.SinkMethods)
        {
            if (id.IndexOf("." + name, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The in-place write at a call to a framework or configured sink, or null.</summary>
    private InPlaceWrite? AnalyzeSink(CallShape call, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        var operation = call.Operation;
        var sink = SinkDetector.Detect(call, Symbols);
        var configured = false;
        if (sink is null && !IsAtomicFile(call.Method))
        {
            sink = ConfiguredSink(call, settings);
            configured = sink is not null;
        }

        if (sink is null)
        {
            if (_recordWrappers && !configured && !IsAtomicFile(call.Method))
            {
                RecordModeForwarding(call, cancellationToken);
            }

            return null;
        }

        var facts = PathTracer.Trace(sink.Path, Symbols, Tracing, cancellationToken);
        if (!Overwrites(facts, operation, sink))
        {
            return null;
        }

        if (_recordWrappers && !configured)
        {
            Wrappers.RecordSink(operation, sink);
        }

        var verdict = EvidenceScorer.Score(sink, facts, operation, containingSymbol, settings, cancellationToken);
        return new InPlaceWrite(sink, verdict, null);
    }

    /// <summary>
    /// A File.Open / new FileStream / FileInfo.Open whose FileMode or FileAccess is not a constant: when they are
    /// parameters of the enclosing method, as is its path, that method is a mode-forwarding wrapper. Nothing is
    /// reported here; the calls to the wrapper decide.
    /// </summary>
    private void RecordModeForwarding(CallShape call, CancellationToken cancellationToken)
    {
        var sink = SinkDetector.DetectForwardedMode(call, Symbols, out var mode, out var access);
        if (sink is null || mode is null)
        {
            return;
        }

        var facts = PathTracer.Trace(sink.Path, Symbols, Tracing, cancellationToken);
        if (Overwrites(facts, call.Operation, sink))
        {
            Wrappers.RecordModeSink(call.Operation, sink, mode, access);
        }
    }

    /// <summary>
    /// At the end of the compilation: the in-place writes made through the wrappers of the compilation, one per
    /// recorded call site whose callee turned out to be a wrapper. Only those call sites are bound again.
    /// </summary>
    public IEnumerable<(Location Location, InPlaceWrite Write)> AnalyzeWrapperCalls(CancellationToken cancellationToken)
    {
        var summaries = Wrappers.Resolve(cancellationToken);
        if (CheckNameIndex)
        {
            foreach (var name in _notIndexed)
            {
                foreach (var method in summaries.Keys)
                {
                    if (WrapperName(method) == name)
                    {
                        throw new System.InvalidOperationException("The name index kept out a call to the wrapper " + method.ToDisplayString());
                    }
                }
            }
        }

        if (summaries.Count == 0)
        {
            yield break;
        }

        foreach (var (site, wrapper) in Wrappers.CallsOf(summaries, Tracing, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            InPlaceWrite? write;
            // Sites recorded by the operation action carry their FileMode / FileAccess / bool arguments; others are
            // read when the call is bound again below.
            var captured = site.Early is not null || !site.ModeArguments.IsDefault;
            if (!wrapper.Conditions.IsEmpty && captured && !ModeCondition.AllHold(wrapper.Conditions, site.ModeArguments))
            {
                continue; // the FileMode / FileAccess given at this call does not overwrite in place.
            }

            if (site.Early is { } early && early.PathOrdinal == wrapper.PathParameter.Ordinal)
            {
                write = early.Write is null ? null : new InPlaceWrite(early.Write.Sink, early.Write.Verdict, wrapper);
            }
            else
            {
                var operation = site.Operation ?? Tracing.Model(site.Syntax.SyntaxTree)?.GetOperation(site.Syntax, cancellationToken);
                var call = operation is null ? null : CallShape.From(operation);
                if (call is null || (!wrapper.Conditions.IsEmpty && !captured && !ModeCondition.AllHold(wrapper.Conditions, ModeArgument.Capture(call, Symbols))))
                {
                    continue;
                }

                write = AnalyzeWrapperCall(call, wrapper.PathParameter, wrapper, site.ContainingSymbol, SettingsFor(site.Syntax.SyntaxTree), cancellationToken);
            }

            if (write is not null)
            {
                yield return (site.Syntax.GetLocation(), write);
            }
        }
    }

    private InPlaceWrite? AnalyzeWrapperCall(CallShape call, IParameterSymbol pathParameter, WrapperSummary? wrapper, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        var operation = call.Operation;
        var path = call.Argument(pathParameter);
        var sink = new SinkCall(SinkKind.Wrapper, DisplayName(call.Method), path, null, call.Method);
        var facts = PathTracer.Trace(sink.Path, Symbols, Tracing, cancellationToken);
        if (!Overwrites(facts, operation, sink))
        {
            return null;
        }

        var verdict = EvidenceScorer.Score(sink, facts, operation, containingSymbol, settings, cancellationToken);

        // Arguments other than the path are the content the wrapper writes.
        var content = ContentOfWrapperCall(call, pathParameter, sink, facts, operation, containingSymbol, settings, cancellationToken);
        if (content is not null)
        {
            verdict = content;
        }

        return new InPlaceWrite(sink, verdict, wrapper);
    }

    private Verdict? ContentOfWrapperCall(CallShape call, IParameterSymbol pathParameter, SinkCall sink, PathFacts facts, IOperation operation, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        Verdict? best = null;
        foreach (var parameter in call.Method.Parameters)
        {
            if (parameter.Ordinal == pathParameter.Ordinal)
            {
                continue;
            }

            var argument = call.Argument(parameter);
            if (argument is null)
            {
                continue;
            }

            var asContent = new SinkCall(SinkKind.WholeFile, sink.ApiName, sink.Path, argument, sink.Method);
            var verdict = EvidenceScorer.Score(asContent, facts, operation, containingSymbol, settings, cancellationToken);
            if (best is null || verdict.Score > best.Score)
            {
                best = verdict;
            }
        }

        return best;
    }

    /// <summary>
    /// The write replaces an existing file in place: not a temp, not a file named afresh for each write, not guarded by
    /// a does-not-exist check, and not a temp that the same method then renames over the real file.
    /// </summary>
    private static bool Overwrites(PathFacts facts, IOperation operation, SinkCall sink) =>
        !facts.Temp && !facts.UniqueName && !WriteGuards.IsGuardedOrRenamed(operation, sink);

    private static bool IsAtomicFile(IMethodSymbol method) =>
        method.ContainingType?.Name == "AtomicFile" && method.ContainingType.ContainingNamespace?.ToDisplayString() == "AtomicWrite";

    /// <summary>The name of a called method in messages: <c>Type.Method</c>, or <c>new Type</c>.</summary>
    internal static string DisplayName(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
            ? "new " + method.ContainingType?.Name
            : (method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name);

    private SinkCall? ConfiguredSink(CallShape call, AnalyzerSettings settings)
    {
        if (settings.SinkMethods.IsDefaultOrEmpty)
        {
            return null;
        }

        var key = string.Join(";", settings.SinkMethods);
        var methods = _configuredSinks.GetOrAdd(key, _ => Resolve(settings.SinkMethods));
        var method = call.Method.ReducedFrom ?? call.Method.OriginalDefinition;
        if (!methods.Contains(method))
        {
            return null;
        }

        IParameterSymbol? pathParameter = null;
        foreach (var parameter in call.Method.Parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_String)
            {
                continue;
            }

            if (pathParameter is null || (!LooksLikePathName(pathParameter.Name) && LooksLikePathName(parameter.Name)))
            {
                pathParameter = parameter;
            }
        }

        return new SinkCall(SinkKind.Wrapper, DisplayName(call.Method), pathParameter is null ? null : call.Argument(pathParameter), null, call.Method);
    }

    private static bool LooksLikePathName(string name) =>
        name.IndexOf("path", System.StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("file", System.StringComparison.OrdinalIgnoreCase) >= 0;

    private ImmutableHashSet<IMethodSymbol> Resolve(ImmutableArray<string> ids)
    {
        var set = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var id in ids)
        {
            foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(id, Compilation))
            {
                if (symbol is IMethodSymbol method)
                {
                    set.Add(method.OriginalDefinition);
                }
            }
        }

        return set.ToImmutable();
    }
}
