using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// The values passed for a constructor parameter by the <c>base(...)</c> initializers of derived types and the
/// <c>this(...)</c> initializers of the same type (a generic store whose file name is chosen by its subclasses).
/// Derived types come from <see cref="OperationTracing.DerivedTypes"/> (symbols only, no syntax tree is walked);
/// only the constructors of those types are bound, and results are cached per parameter.
/// </summary>
internal sealed class ConstructorArguments
{
    private const int MaxValues = 4;

    private static readonly ConditionalWeakTable<Compilation, ConstructorArguments> Instances = new();

    private readonly ConcurrentDictionary<IParameterSymbol, ImmutableArray<IOperation>> _values = new(SymbolEqualityComparer.Default);

    public static ConstructorArguments For(Compilation compilation) => Instances.GetValue(compilation, _ => new ConstructorArguments());

    /// <summary>Argument values passed for <paramref name="parameter"/> of a source constructor by constructor initializers.</summary>
    public ImmutableArray<IOperation> ValuesOf(IParameterSymbol parameter, OperationTracing tracing, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
            || constructor.DeclaringSyntaxReferences.Length == 0
            || constructor.ContainingType is not { } type)
        {
            return ImmutableArray<IOperation>.Empty;
        }

        return _values.GetOrAdd(parameter.OriginalDefinition, p => Compute(p, (IMethodSymbol)p.ContainingSymbol, type.OriginalDefinition, tracing, cancellationToken));
    }

    private ImmutableArray<IOperation> Compute(IParameterSymbol parameter, IMethodSymbol constructor, INamedTypeSymbol type, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<IOperation>();
        var types = new List<INamedTypeSymbol> { type };
        if (tracing.DerivedTypes(cancellationToken).TryGetValue(type, out var derived))
        {
            types.AddRange(derived);
        }

        foreach (var candidate in types)
        {
            foreach (var other in candidate.InstanceConstructors)
            {
                foreach (var reference in other.DeclaringSyntaxReferences)
                {
                    if (builder.Count >= MaxValues)
                    {
                        return builder.ToImmutable();
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    var syntax = reference.GetSyntax(cancellationToken);
                    SyntaxNode? initializer = syntax switch
                    {
                        ConstructorDeclarationSyntax { Initializer: { } init } => init,
                        TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } baseTypes } when baseTypes[0] is PrimaryConstructorBaseTypeSyntax primary => primary,
                        _ => null,
                    };
                    if (initializer is null || tracing.Model(initializer.SyntaxTree) is not { } model)
                    {
                        continue;
                    }

                    var operation = model.GetOperation(initializer, cancellationToken);
                    if (operation is IExpressionStatementOperation statement)
                    {
                        operation = statement.Operation;
                    }

                    if (operation is not IInvocationOperation invocation
                        || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, constructor.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == parameter.Ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                        {
                            builder.Add(argument.Value);
                        }
                    }
                }
            }
        }

        return builder.ToImmutable();
    }
}
