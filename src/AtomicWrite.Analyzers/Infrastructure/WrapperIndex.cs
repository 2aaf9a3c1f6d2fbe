using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers;

/// <summary>A method of the compilation that passes one of its parameters as the path of a sink.</summary>
internal sealed class WrapperSummary
{
    public WrapperSummary(IMethodSymbol method, IParameterSymbol pathParameter, SinkCall inner, Location innerLocation)
    {
        Method = method;
        PathParameter = pathParameter;
        Inner = inner;
        InnerLocation = innerLocation;
    }

    public IMethodSymbol Method { get; }

    public IParameterSymbol PathParameter { get; }

    public SinkCall Inner { get; }

    public Location InnerLocation { get; }
}

/// <summary>
/// One-hop wrapper summaries, computed on demand and cached per method: each method body is bound at most once,
/// and only when a cheap syntax check finds a sink-like call in it, so the total cost is linear in the code size.
/// </summary>
internal sealed class WrapperIndex
{
    private static readonly WrapperSummary None = new(null!, null!, null!, Location.None);

    private readonly Compilation _compilation;
    private readonly KnownSymbols _symbols;
    private readonly OperationTracing _tracing;
    /// <summary>How many calls deep a wrapper may pass its path parameter on before it reaches the sink.</summary>
    public const int MaxHops = 3;

    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Hops), WrapperSummary> _summaries = new(new KeyComparer());

    public WrapperIndex(Compilation compilation, KnownSymbols symbols, OperationTracing tracing)
    {
        _compilation = compilation;
        _symbols = symbols;
        _tracing = tracing;
    }

    /// <summary>The summary of a called method, or null when it is not a wrapper.</summary>
    public WrapperSummary? Get(IMethodSymbol method, CancellationToken cancellationToken) => Get(method, MaxHops, cancellationToken);

    /// <summary>
    /// The summary of a method that reaches a sink within <paramref name="hops"/> calls (1: it calls the sink
    /// itself). Cached per method and hop count, so the result does not depend on the order of analysis.
    /// </summary>
    private WrapperSummary? Get(IMethodSymbol method, int hops, CancellationToken cancellationToken)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (hops < 1 || definition.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction))
        {
            return null;
        }

        var summary = _summaries.GetOrAdd((definition, hops), key => Compute(key.Method, key.Hops, cancellationToken) ?? None);
        return ReferenceEquals(summary, None) ? null : summary;
    }

    private sealed class KeyComparer : System.Collections.Generic.IEqualityComparer<(IMethodSymbol Method, int Hops)>
    {
        public bool Equals((IMethodSymbol Method, int Hops) x, (IMethodSymbol Method, int Hops) y) =>
            x.Hops == y.Hops && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Hops) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Hops;
    }

    private WrapperSummary? Compute(IMethodSymbol method, int hops, CancellationToken cancellationToken)
    {
        if (!HasStringParameter(method))
        {
            return null;
        }

        if (method.DeclaringSyntaxReferences.Length == 0 || method.IsAbstract)
        {
            return ComputeFromSingleImplementation(method, hops, cancellationToken);
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            SyntaxNode? body = syntax switch
            {
                BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
                _ => null,
            };
            if (body is null)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in body.DescendantNodes())
            {
                if (!LooksLikeSink(node))
                {
                    if (hops > 1 && PassesParameterOn(node, method))
                    {
                        model ??= _tracing.Model(syntax.SyntaxTree);
                        var passed = model is null ? null : PassedOn(model.GetOperation(node, cancellationToken), method, hops, cancellationToken);
                        if (passed is not null)
                        {
                            return passed;
                        }
                    }

                    continue;
                }

                model ??= _tracing.Model(syntax.SyntaxTree);
                if (model is null)
                {
                    return null;
                }

                var operation = model.GetOperation(node, cancellationToken);
                var call = operation is null ? null : CallShape.From(operation);
                var sink = call is null ? null : SinkDetector.Detect(call, _symbols);
                if (sink?.Path is null)
                {
                    continue;
                }

                var parameter = PathParameter(sink.Path, method);
                if (parameter is null)
                {
                    continue;
                }

                var facts = PathTracer.Trace(sink.Path, _symbols, _tracing, cancellationToken);
                if (facts.Temp || WriteGuards.IsGuardedOrRenamed(operation!, sink))
                {
                    continue;
                }

                return new WrapperSummary(method, parameter, sink, node.GetLocation());
            }
        }

        return null;
    }

    /// <summary>A call that passes one of the method's string parameters on, by name (a cheap syntax check).</summary>
    private static bool PassesParameterOn(SyntaxNode node, IMethodSymbol method)
    {
        if (node is not InvocationExpressionSyntax invocation)
        {
            return false;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is IdentifierNameSyntax identifier)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Name == identifier.Identifier.ValueText && parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The summary of <paramref name="method"/> when <paramref name="operation"/> passes its path parameter to another wrapper.</summary>
    private WrapperSummary? PassedOn(IOperation? operation, IMethodSymbol method, int hops, CancellationToken cancellationToken)
    {
        if (operation is not IInvocationOperation invocation || invocation.TargetMethod.DeclaringSyntaxReferences.Length == 0 && !invocation.TargetMethod.IsAbstract)
        {
            return null;
        }

        var callee = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, method.OriginalDefinition))
        {
            return null;
        }

        var inner = Get(callee, hops - 1, cancellationToken);
        if (inner is null)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal == inner.PathParameter.Ordinal)
            {
                var own = PathParameter(argument.Value, method);
                return own is null ? null : new WrapperSummary(method, own, inner.Inner, inner.InnerLocation);
            }
        }

        return null;
    }

    /// <summary>An interface or abstract method with exactly one implementation in the compilation.</summary>
    private WrapperSummary? ComputeFromSingleImplementation(IMethodSymbol method, int hops, CancellationToken cancellationToken)
    {
        var type = method.ContainingType;
        if (type is null || !(type.TypeKind == TypeKind.Interface || method.IsAbstract) || type.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        IMethodSymbol? implementation = null;
        foreach (var candidate in _compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, cancellationToken))
        {
            if (candidate is not IMethodSymbol m || m.IsAbstract || m.ContainingType is null || SymbolEqualityComparer.Default.Equals(m, method))
            {
                continue;
            }

            var implements = type.TypeKind == TypeKind.Interface
                ? SymbolEqualityComparer.Default.Equals(m.ContainingType.FindImplementationForInterfaceMember(method), m)
                : IsOverrideOf(m, method);
            if (!implements)
            {
                continue;
            }

            if (implementation is not null)
            {
                return null; // several implementations: the call site cannot tell which one runs.
            }

            implementation = m;
        }

        if (implementation is null || implementation.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var inner = Get(implementation, hops, cancellationToken);
        if (inner is null || inner.PathParameter.Ordinal >= method.Parameters.Length)
        {
            return null;
        }

        return new WrapperSummary(method, method.Parameters[inner.PathParameter.Ordinal], inner.Inner, inner.InnerLocation);
    }

    private static bool IsOverrideOf(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var m = candidate.OverriddenMethod; m is not null; m = m.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasStringParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parameter of <paramref name="method"/> that the path is, directly or through a local alias.</summary>
    private static IParameterSymbol? PathParameter(IOperation path, IMethodSymbol method)
    {
        var value = SinkDetector.Unwrap(path);
        for (var i = 0; i < 3; i++)
        {
            switch (value)
            {
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method)
                    && parameter.Parameter.Type.SpecialType == SpecialType.System_String:
                    return parameter.Parameter;
                case ILocalReferenceOperation local when OperationTracing.LocalInitializer(local) is { } initializer:
                    value = SinkDetector.Unwrap(initializer);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetFullPath", Arguments.Length: 1 } full:
                    value = SinkDetector.Unwrap(full.Arguments[0].Value);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A cheap syntax filter: calls or creations whose name is that of a sink.</summary>
    public static bool LooksLikeSink(SyntaxNode node)
    {
        string? name = node switch
        {
            InvocationExpressionSyntax invocation => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                _ => null,
            },
            ObjectCreationExpressionSyntax creation => creation.Type switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            },
            ImplicitObjectCreationExpressionSyntax => "new",
            _ => null,
        };
        switch (name)
        {
            case "WriteAllText":
            case "WriteAllTextAsync":
            case "WriteAllBytes":
            case "WriteAllBytesAsync":
            case "WriteAllLines":
            case "WriteAllLinesAsync":
            case "Create":
            case "CreateText":
            case "OpenWrite":
            case "Open":
            case "OpenHandle":
            case "Save":
            case "New":
            case "FileStream":
            case "StreamWriter":
            case "new":
                return true;
            default:
                return false;
        }
    }
}
