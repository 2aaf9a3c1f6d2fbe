using System.Linq;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Finds the values assigned to locals, fields and properties, and the returned values of small methods.
/// Results for members are cached per compilation, so each member's declaring type is scanned at most once.
/// </summary>
internal sealed class OperationTracing
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<IOperation>> _memberValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<AssignmentExpressionSyntax>>> _assignmentsByType = new(SymbolEqualityComparer.Default);
    private readonly object _derivedLock = new();
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _derivedTypes;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public OperationTracing(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>The invocations in the member body that holds <paramref name="operation"/> (within its first 5,000 operations).</summary>
    public static IEnumerable<IInvocationOperation> InvocationsInBody(IOperation operation) =>
        OperationsInBody(operation).OfType<IInvocationOperation>();

    /// <summary>The operations of the member body that holds <paramref name="operation"/> (at most 5,000).</summary>
    public static IEnumerable<IOperation> OperationsInBody(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var seen = 0;
        foreach (var descendant in root.Descendants())
        {
            if (++seen > 5000)
            {
                yield break;
            }

            yield return descendant;
        }
    }

    /// <summary>
    /// What <paramref name="trace"/> finds first in the receiver of a call (when <paramref name="withReceiver"/>) and
    /// then in its arguments, or null: content traced on through a call that passes it on.
    /// </summary>
    public static string? FirstInInputs(IInvocationOperation invocation, bool withReceiver, Func<IOperation, string?> trace)
    {
        if (withReceiver && invocation.Instance is { } instance && trace(instance) is { } fromInstance)
        {
            return fromInstance;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (trace(argument.Value) is { } fromArgument)
            {
                return fromArgument;
            }
        }

        return null;
    }

    /// <summary>The initializer value of a local declared with one, or null.</summary>
    public static IOperation? LocalInitializer(ILocalReferenceOperation local)
    {
        var model = local.SemanticModel;
        foreach (var reference in local.Local.DeclaringSyntaxReferences)
        {
            if (model is null || reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                return model.GetOperation(value);
            }
        }

        return null;
    }

    /// <summary>
    /// Values a field or property of source code is given: its initializer, an expression-bodied getter, or
    /// assignments anywhere in its declaring type (constructors, init methods). At most a few values.
    /// </summary>
    public ImmutableArray<IOperation> MemberValues(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length == 0)
        {
            return ImmutableArray<IOperation>.Empty;
        }

        return _memberValues.GetOrAdd(member, m => ComputeMemberValues(m, cancellationToken));
    }

    /// <summary>The returned expressions of a source method with an expression body or at most three returns.</summary>
    public ImmutableArray<IOperation> ReturnValues(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return ImmutableArray<IOperation>.Empty;
        }

        return _memberValues.GetOrAdd(method, m => ComputeReturnValues((IMethodSymbol)m, cancellationToken));
    }

    /// <summary>A semantic model for a tree of this compilation (one per tree, shared).</summary>
    public SemanticModel? Model(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // Members of other trees must be bound to follow their values; the model is cached per tree.
        return _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    private ImmutableArray<IOperation> ComputeReturnValues(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var model = Model(syntax.SyntaxTree);
        if (model is null)
        {
            return ImmutableArray<IOperation>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<IOperation>();
        switch (syntax)
        {
            case MethodDeclarationSyntax { ExpressionBody: { } arrow }:
                Add(builder, model.GetOperation(arrow.Expression, cancellationToken));
                break;
            case MethodDeclarationSyntax { Body: { } body }:
                var count = 0;
                foreach (var node in body.DescendantNodes(n => n is not LocalFunctionStatementSyntax && n is not LambdaExpressionSyntax && n is not AnonymousMethodExpressionSyntax))
                {
                    if (node is ReturnStatementSyntax { Expression: { } expression })
                    {
                        if (++count > 3)
                        {
                            return ImmutableArray<IOperation>.Empty;
                        }

                        Add(builder, model.GetOperation(expression, cancellationToken));
                    }
                }

                break;
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<IOperation> ComputeMemberValues(ISymbol member, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var model = Model(syntax.SyntaxTree);
            if (model is null)
            {
                continue;
            }

            switch (syntax)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                    Add(builder, model.GetOperation(value, cancellationToken));
                    break;
                case PropertyDeclarationSyntax property:
                    if (property.Initializer?.Value is { } initializer)
                    {
                        Add(builder, model.GetOperation(initializer, cancellationToken));
                    }

                    if (property.ExpressionBody?.Expression is { } arrow)
                    {
                        Add(builder, model.GetOperation(arrow, cancellationToken));
                    }

                    if (property.AccessorList is not null)
                    {
                        foreach (var accessor in property.AccessorList.Accessors)
                        {
                            if (accessor.Keyword.ValueText != "get")
                            {
                                continue;
                            }

                            if (accessor.ExpressionBody?.Expression is { } getterArrow)
                            {
                                Add(builder, model.GetOperation(getterArrow, cancellationToken));
                            }
                            else if (accessor.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned })
                            {
                                Add(builder, model.GetOperation(returned, cancellationToken));
                            }
                        }
                    }

                    break;
            }
        }

        if (builder.Count < 4 && member is IFieldSymbol or IPropertySymbol && member.ContainingType is { } declaringType)
        {
            // Assignments in the declaring type and the types of the compilation that derive from it
            // (constructors, init methods, derived types' constructors).
            foreach (var candidates in AssignmentsTo(declaringType, member.Name, cancellationToken))
            {
                foreach (var assignment in candidates)
                {
                    if (builder.Count >= 4)
                    {
                        break;
                    }

                    var model = Model(assignment.SyntaxTree);
                    if (model?.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation bound && RefersTo(bound.Target, member))
                    {
                        Add(builder, bound.Value);
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The simple assignments, to a member named <paramref name="name"/>, in <paramref name="type"/> and in the
    /// types of the compilation that derive from it (at most <see cref="MaxRelatedTypes"/> types).
    /// </summary>
    private IEnumerable<List<AssignmentExpressionSyntax>> AssignmentsTo(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
    {
        var queue = new Queue<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        queue.Enqueue(type.OriginalDefinition);
        while (queue.Count > 0 && seen.Count < MaxRelatedTypes)
        {
            var current = queue.Dequeue();
            if (!seen.Add(current))
            {
                continue;
            }

            if (_assignmentsByType.GetOrAdd(current, t => IndexAssignments(t, cancellationToken)).TryGetValue(name, out var list))
            {
                yield return list;
            }

            if (DerivedTypes(cancellationToken).TryGetValue(current, out var derived))
            {
                foreach (var d in derived)
                {
                    queue.Enqueue(d);
                }
            }
        }
    }

    private const int MaxRelatedTypes = 32;

    /// <summary>The simple assignments in the declarations of one type, by the name of the member assigned.</summary>
    private static Dictionary<string, List<AssignmentExpressionSyntax>> IndexAssignments(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<AssignmentExpressionSyntax>>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not AssignmentExpressionSyntax assignment || !assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression))
                {
                    continue;
                }

                string? name = assignment.Left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || assignment.Right is LiteralExpressionSyntax { Token.Value: not string })
                {
                    continue;
                }

                if (!result.TryGetValue(name, out var list))
                {
                    list = new List<AssignmentExpressionSyntax>();
                    result.Add(name, list);
                }

                if (list.Count < 16)
                {
                    list.Add(assignment);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// For each class of the compilation (by original definition), the classes of the compilation that derive from it
    /// directly; built once from the symbols of the source assembly, no syntax tree is walked.
    /// </summary>
    public Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> DerivedTypes(CancellationToken cancellationToken)
    {
        lock (_derivedLock)
        {
            if (_derivedTypes is not null)
            {
                return _derivedTypes;
            }

            var result = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = pending.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                        continue;
                    }

                    if (member is not INamedTypeSymbol type)
                    {
                        continue;
                    }

                    pending.Push(type);
                    if (type.BaseType?.OriginalDefinition is { } baseType && SymbolEqualityComparer.Default.Equals(baseType.ContainingAssembly, _compilation.Assembly))
                    {
                        if (!result.TryGetValue(baseType, out var list))
                        {
                            list = new List<INamedTypeSymbol>();
                            result.Add(baseType, list);
                        }

                        list.Add(type);
                    }
                }
            }

            _derivedTypes = result;
            return result;
        }
    }

    private static bool RefersTo(IOperation target, ISymbol member)
    {
        switch (target)
        {
            case IFieldReferenceOperation field:
                return SymbolEqualityComparer.Default.Equals(field.Field.OriginalDefinition, member.OriginalDefinition);
            case IPropertyReferenceOperation property:
                for (var p = property.Property; p is not null; p = p.OverriddenProperty)
                {
                    if (SymbolEqualityComparer.Default.Equals(p.OriginalDefinition, member.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void Add(ImmutableArray<IOperation>.Builder builder, IOperation? operation)
    {
        if (operation is not null)
        {
            builder.Add(operation);
        }
    }
}
