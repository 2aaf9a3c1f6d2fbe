using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers;

/// <summary>An in-place write found at a call, with the weighed evidence about its file.</summary>
internal sealed class InPlaceWrite
{
    public InPlaceWrite(SinkCall sink, Verdict verdict, WrapperSummary? wrapper)
    {
        Sink = sink;
        Verdict = verdict;
        Wrapper = wrapper;
    }

    public SinkCall Sink { get; }

    public Verdict Verdict { get; }

    /// <summary>The wrapper called, when the call is a one-hop wrapper of a sink.</summary>
    public WrapperSummary? Wrapper { get; }

    /// <summary>The diagnostic properties the code fix reads ("Sink", and "NoFixReason" when known).</summary>
    public ImmutableDictionary<string, string?> Properties()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add("Sink", Sink.Kind.ToString());
        if (Sink.Kind == SinkKind.Wrapper)
        {
            builder.Add("NoFixReason", "The file is written inside " + Sink.ApiName + "; make that method write atomically.");
        }

        return builder.ToImmutable();
    }
}

/// <summary>
/// The per-compilation state shared by AW0001 and AW0003: the framework symbols, the wrapper summaries and the
/// member-value cache. Created once in a compilation-start action.
/// </summary>
internal sealed class InPlaceWriteEngine
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<IMethodSymbol>> _configuredSinks = new();

    private InPlaceWriteEngine(Compilation compilation)
    {
        Compilation = compilation;
        Symbols = new KnownSymbols(compilation);
        Tracing = new OperationTracing(compilation);
        Wrappers = new WrapperIndex(compilation, Symbols, Tracing);
    }

    public Compilation Compilation { get; }

    public KnownSymbols Symbols { get; }

    public OperationTracing Tracing { get; }

    public WrapperIndex Wrappers { get; }

    /// <summary>The operation kinds to register for.</summary>
    public static readonly ImmutableArray<OperationKind> OperationKinds =
        ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Invalid);

    public static InPlaceWriteEngine Create(Compilation compilation) => new(compilation);

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

    /// <summary>Finds the in-place write at an operation, or null. Never throws except on cancellation.</summary>
    public InPlaceWrite? Analyze(IOperation operation, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        if (operation is IInvalidOperation && operation.Parent is IInvalidOperation)
        {
            return null;
        }

        var call = CallShape.From(operation);
        if (call is null)
        {
            return null;
        }

        WrapperSummary? wrapper = null;
        var sink = SinkDetector.Detect(call, Symbols) ?? ConfiguredSink(call, settings);
        if (sink is null && !IsAtomicFile(call.Method))
        {
            wrapper = Wrappers.Get(call.Method, cancellationToken);
            if (wrapper is not null)
            {
                var path = call.Argument(wrapper.PathParameter);
                sink = new SinkCall(SinkKind.Wrapper, DisplayName(call.Method), path, null, call.Method);
            }
        }

        if (sink is null)
        {
            return null;
        }

        var facts = PathTracer.Trace(sink.Path, Symbols, Tracing, cancellationToken);
        if (facts.Temp || WriteGuards.IsGuardedOrRenamed(operation, sink))
        {
            return null;
        }

        var verdict = EvidenceScorer.Score(sink, facts, operation, containingSymbol, settings, cancellationToken);
        if (wrapper is not null)
        {
            // Arguments other than the path are the content the wrapper writes.
            var content = ContentOfWrapperCall(call, wrapper, sink, facts, operation, containingSymbol, settings, cancellationToken);
            if (content is not null)
            {
                verdict = content;
            }
        }

        return new InPlaceWrite(sink, verdict, wrapper);
    }

    private Verdict? ContentOfWrapperCall(CallShape call, WrapperSummary wrapper, SinkCall sink, PathFacts facts, IOperation operation, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        Verdict? best = null;
        foreach (var parameter in call.Method.Parameters)
        {
            if (parameter.Ordinal == wrapper.PathParameter.Ordinal)
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

    private static bool IsAtomicFile(IMethodSymbol method) =>
        method.ContainingType?.Name == "AtomicFile" && method.ContainingType.ContainingNamespace?.ToDisplayString() == "AtomicWrite";

    private static string DisplayName(IMethodSymbol method) =>
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

    /// <summary>
    /// When true, unexpected exceptions are rethrown (the analyzer tests set it, so that a bug shows as AD0001).
    /// Shipping builds leave it false: a bug in the heuristics must not break the user's build.
    /// </summary>
    internal static bool RethrowUnexpectedExceptions { get; set; }

    /// <summary>Runs <paramref name="action"/>; an unexpected exception is swallowed unless the tests ask otherwise.</summary>
    public static void Guard(System.Action action)
    {
        try
        {
            action();
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception) when (!RethrowUnexpectedExceptions)
        {
            // The call is simply not reported.
        }
    }
}
