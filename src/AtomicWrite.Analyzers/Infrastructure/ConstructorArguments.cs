using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers;

/// <summary>
/// The values passed for a constructor parameter by the <c>base(...)</c> initializers of derived types and the
/// <c>this(...)</c> initializers of the same type (a generic store whose file name is chosen by its subclasses).
/// Derived types are found once per compilation from the symbols of the source assembly (no syntax tree is walked);
/// only the constructors of those types are bound, and results are cached per parameter.
/// </summary>
internal sealed class ConstructorArguments
{
    private const int MaxValues = 4;

    private static readonly ConditionalWeakTable<Compilation, ConstructorArguments> Instances = new();

    private readonly Compilation _compilation;
    private readonly object _derivedLock = new();
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _derived;
    private readonly ConcurrentDictionary<IParameterSymbol, ImmutableArray<IOperation>> _values = new(SymbolEqualityComparer.Default);

    private ConstructorArguments(Compilation compilation)
    {
        _compilation = compilation;
    }

    public static ConstructorArguments For(Compilation compilation) => Instances.GetValue(compilation, c => new ConstructorArguments(c));

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
        if (Derived().TryGetValue(type, out var derived))
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

    /// <summary>Source types by the original definition of their direct base type; built once.</summary>
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> Derived()
    {
        lock (_derivedLock)
        {
            if (_derived is not null)
            {
                return _derived;
            }

            var result = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(_compilation.Assembly.GlobalNamespace);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        stack.Push(ns);
                    }
                    else if (member is INamedTypeSymbol named)
                    {
                        if (named.TypeKind == TypeKind.Class && named.BaseType is { } baseType && baseType.SpecialType == SpecialType.None)
                        {
                            var key = baseType.OriginalDefinition;
                            if (!result.TryGetValue(key, out var list))
                            {
                                list = new List<INamedTypeSymbol>();
                                result.Add(key, list);
                            }

                            list.Add(named);
                        }

                        if (named.GetTypeMembers().Length > 0)
                        {
                            stack.Push(named);
                        }
                    }
                }
            }

            _derived = result;
            return result;
        }
    }
}
