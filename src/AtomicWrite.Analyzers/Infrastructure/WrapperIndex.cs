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
    private readonly ConcurrentDictionary<IMethodSymbol, WrapperSummary> _summaries = new(SymbolEqualityComparer.Default);

    public WrapperIndex(Compilation compilation, KnownSymbols symbols, OperationTracing tracing)
    {
        _compilation = compilation;
        _symbols = symbols;
        _tracing = tracing;
    }

    /// <summary>The summary of a called method, or null when it is not a wrapper.</summary>
    public WrapperSummary? Get(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (definition.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction))
        {
            return null;
        }

        var summary = _summaries.GetOrAdd(definition, m => Compute(m, cancellationToken) ?? None);
        return ReferenceEquals(summary, None) ? null : summary;
    }

    private WrapperSummary? Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!HasStringParameter(method))
        {
            return null;
        }

        if (method.DeclaringSyntaxReferences.Length == 0 || method.IsAbstract)
        {
            return ComputeFromSingleImplementation(method, cancellationToken);
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
                if (facts.Temp || WriteGuards.IsGuardedOrRenamed(operation!, facts, sink))
                {
                    continue;
                }

                return new WrapperSummary(method, parameter, sink, node.GetLocation());
            }
        }

        return null;
    }

    /// <summary>An interface or abstract method with exactly one implementation in the compilation.</summary>
    private WrapperSummary? ComputeFromSingleImplementation(IMethodSymbol method, CancellationToken cancellationToken)
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

        var inner = Get(implementation, cancellationToken);
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
