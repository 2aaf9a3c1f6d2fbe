namespace AtomicWrite.CodeFixes.Planning;

/// <summary>The checks on every use of a planned stream or writer: that it does not escape, is not captured, is not left early and uses only members the atomic types have.</summary>
internal static partial class AtomicFixPlanner
{
    private static string? CheckSingleExit(SemanticModel model, List<StatementSyntax> statements, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            ct.ThrowIfCancellationRequested();
            if (DescendantsOutsideFunctions(statement).Any(n => n is YieldStatementSyntax))
            {
                return NoFixReasons.EarlyExit;
            }

            var flow = model.AnalyzeControlFlow(statement);
            if (flow is null || !flow.Succeeded || flow.ExitPoints.Length > 0)
            {
                return NoFixReasons.EarlyExit;
            }
        }

        if (statements.Count > 0)
        {
            var last = model.AnalyzeControlFlow(statements[statements.Count - 1]);
            if (last is null || !last.Succeeded || !last.EndPointIsReachable)
            {
                return NoFixReasons.EarlyExit;
            }
        }

        return null;
    }

    private static IEnumerable<SyntaxNode> DescendantsOutsideFunctions(SyntaxNode node)
        => node.DescendantNodesAndSelf(n => n == node || !IsFunction(n));

    private static bool IsFunction(SyntaxNode node)
        => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax;

    private static string? CheckUsages(SemanticModel model, SyntaxNode owner, ILocalSymbol local, bool isWriter, bool truncates, CancellationToken ct, ArgumentSyntax? wrappedBy = null)
    {
        foreach (var identifier in owner.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name)
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            var symbol = model.GetSymbolInfo(identifier, ct).Symbol;
            if (!SymbolEqualityComparer.Default.Equals(symbol, local))
            {
                continue;
            }

            if (identifier.Ancestors().TakeWhile(a => a != owner).Any(IsFunction))
            {
                return NoFixReasons.Captured;
            }

            if (wrappedBy != null && identifier.Parent == wrappedBy)
            {
                // The planned wrapper (a JsonTextWriter that no longer closes it): checked by its own plan.
                continue;
            }

            var reason = CheckUse(model, identifier, isWriter, truncates, ct);
            if (reason != null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckUse(SemanticModel model, IdentifierNameSyntax identifier, bool isWriter, bool truncates, CancellationToken ct)
    {
        switch (identifier.Parent)
        {
            case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax nameofCall
                                              && nameofCall.Expression is IdentifierNameSyntax nameofName
                                              && nameofName.Identifier.ValueText == "nameof":
                return null;

            case MemberAccessExpressionSyntax memberAccess when memberAccess.Expression == identifier:
            {
                var member = model.GetSymbolInfo(memberAccess, ct).Symbol;
                var assigned = memberAccess.Parent is AssignmentExpressionSyntax assignment && assignment.Left == memberAccess;
                return CheckMember(member, isWriter, truncates, assigned);
            }

            case ConditionalAccessExpressionSyntax conditional when conditional.Expression == identifier:
            {
                var binding = conditional.WhenNotNull.DescendantNodesAndSelf().OfType<MemberBindingExpressionSyntax>().FirstOrDefault();
                var member = binding is null ? null : model.GetSymbolInfo(binding, ct).Symbol;
                return CheckMember(member, isWriter, truncates, assigned: false);
            }

            case ArgumentSyntax argument when argument.Expression == identifier:
                return CheckArgument(model, argument, isWriter, ct);

            default:
                return NoFixReasons.Escapes;
        }
    }

    private static string? CheckMember(ISymbol? member, bool isWriter, bool truncates, bool assigned)
    {
        if (member is null)
        {
            return NoFixReasons.UnsupportedMember;
        }

        if (member is IMethodSymbol method && method.ReducedFrom != null)
        {
            // Extension method: the variable is its first argument.
            var extension = method.ReducedFrom;
            return IsConsumerParameterType(extension.Parameters[0].OriginalDefinition.Type, isWriter) && !ReturnsDisposable(extension)
                ? null
                : NoFixReasons.Escapes;
        }

        if (!isWriter && IsReadMember(member.Name))
        {
            // The atomic stream is write-only.
            return NoFixReasons.UnsupportedMember;
        }

        switch (member.Name)
        {
            case "Close":
            case "Dispose":
            case "DisposeAsync":
                return NoFixReasons.UnsupportedMember;
            case "Seek":
            case "SetLength":
                if (!truncates)
                {
                    return NoFixReasons.UnsupportedMember;
                }

                break;
            case "Position":
                if (!truncates && assigned)
                {
                    return NoFixReasons.UnsupportedMember;
                }

                break;
        }

        var declaring = OriginalDeclaration(member).ContainingType?.ToDisplayString();
        switch (declaring)
        {
            case "object":
            case "System.MarshalByRefObject":
                return null;
            case "System.IO.Stream":
                return isWriter ? NoFixReasons.UnsupportedMember : null;
            case "System.IO.TextWriter":
            case "System.IO.StreamWriter":
                return isWriter ? null : NoFixReasons.UnsupportedMember;
            default:
                // FileStream-only members (Name, SafeFileHandle, Flush(bool), Lock, ...).
                return NoFixReasons.UnsupportedMember;
        }
    }

    private static bool IsReadMember(string name)
    {
        switch (name)
        {
            case "Read":
            case "ReadAsync":
            case "ReadByte":
            case "ReadExactly":
            case "ReadExactlyAsync":
            case "ReadAtLeast":
            case "ReadAtLeastAsync":
            case "BeginRead":
            case "EndRead":
            case "CopyTo":
            case "CopyToAsync":
                return true;
            default:
                return false;
        }
    }

    private static ISymbol OriginalDeclaration(ISymbol member)
    {
        switch (member)
        {
            case IMethodSymbol method:
                while (method.OverriddenMethod != null)
                {
                    method = method.OverriddenMethod;
                }

                return method;
            case IPropertySymbol property:
                while (property.OverriddenProperty != null)
                {
                    property = property.OverriddenProperty;
                }

                return property;
            default:
                return member;
        }
    }

    private static string? CheckArgument(SemanticModel model, ArgumentSyntax argument, bool isWriter, CancellationToken ct)
    {
        if (!argument.RefKindKeyword.IsKind(SyntaxKind.None))
        {
            return NoFixReasons.Escapes;
        }

        if (!(argument.Parent?.Parent is InvocationExpressionSyntax invocation))
        {
            // Constructors wrap the stream (StreamWriter, XmlWriter, JsonTextWriter ...): the wrapper buffers and closes it.
            return NoFixReasons.Escapes;
        }

        if (!(model.GetOperation(invocation, ct) is IInvocationOperation operation))
        {
            return NoFixReasons.Escapes;
        }

        var argumentOperation = operation.Arguments.FirstOrDefault(a => a.Syntax == argument);
        var parameter = argumentOperation?.Parameter;
        if (parameter is null || parameter.RefKind != RefKind.None)
        {
            return NoFixReasons.Escapes;
        }

        var method = operation.TargetMethod;
        if (IsTaskLike(method.ReturnType) && !IsAwaited(invocation))
        {
            // Still writing after the scope ends, where the commit would publish a partial file.
            return NoFixReasons.Escapes;
        }

        // A delegate's parameter types are fixed by the delegate type (Action<Stream>), not inferred from the argument.
        var parameterType = method.MethodKind == MethodKind.DelegateInvoke ? parameter.Type : parameter.OriginalDefinition.Type;
        return IsConsumerParameterType(parameterType, isWriter) && !ReturnsDisposable(method)
            ? null
            : NoFixReasons.Escapes;
    }

    /// <summary>
    /// The uses of a JsonTextWriter planned to leave its writer open: members other than those that close it or
    /// change whether it closes its writer, and arguments of methods that take a JsonWriter to write into.
    /// </summary>
    private static string? CheckJsonWriterUsages(SemanticModel model, SyntaxNode owner, ILocalSymbol local, CancellationToken ct)
    {
        foreach (var identifier in owner.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name)
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, ct).Symbol, local))
            {
                continue;
            }

            if (identifier.Ancestors().TakeWhile(a => a != owner).Any(IsFunction))
            {
                return NoFixReasons.Captured;
            }

            switch (identifier.Parent)
            {
                case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax nameofCall
                                                  && nameofCall.Expression is IdentifierNameSyntax nameofName
                                                  && nameofName.Identifier.ValueText == "nameof":
                    continue;

                case MemberAccessExpressionSyntax memberAccess when memberAccess.Expression == identifier:
                    var member = model.GetSymbolInfo(memberAccess, ct).Symbol;
                    if (member is null)
                    {
                        return NoFixReasons.UnsupportedMember;
                    }

                    switch (member.Name)
                    {
                        case "Close":
                        case "CloseAsync":
                        case "Dispose":
                        case "CloseOutput":
                            return NoFixReasons.UnsupportedMember;
                    }

                    if (member is IMethodSymbol called && IsTaskLike(called.ReturnType)
                        && !(memberAccess.Parent is InvocationExpressionSyntax call && IsAwaited(call)))
                    {
                        return NoFixReasons.Escapes;
                    }

                    continue;

                case ArgumentSyntax argument when argument.Expression == identifier:
                    if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)
                        || !(argument.Parent?.Parent is InvocationExpressionSyntax invocation)
                        || !(model.GetOperation(invocation, ct) is IInvocationOperation operation))
                    {
                        return NoFixReasons.Escapes;
                    }

                    var parameter = operation.Arguments.FirstOrDefault(a => a.Syntax == argument)?.Parameter;
                    var type = parameter?.OriginalDefinition.Type.ToDisplayString();
                    if (parameter is null || parameter.RefKind != RefKind.None
                        || (type != "Newtonsoft.Json.JsonWriter" && type != "Newtonsoft.Json.JsonTextWriter")
                        || (IsTaskLike(operation.TargetMethod.ReturnType) && !IsAwaited(invocation))
                        || ReturnsDisposable(operation.TargetMethod))
                    {
                        return NoFixReasons.Escapes;
                    }

                    continue;

                default:
                    return NoFixReasons.Escapes;
            }
        }

        return null;
    }

    /// <summary>A method that takes a Stream (or a TextWriter, for writers) writes into it; one that takes object or T may keep it.</summary>
    private static bool IsConsumerParameterType(ITypeSymbol type, bool isWriter)
    {
        var name = type.ToDisplayString();
        return isWriter
            ? name == "System.IO.TextWriter" || name == "System.IO.StreamWriter"
            : name == "System.IO.Stream";
    }

    private static bool IsTaskLike(ITypeSymbol? type)
    {
        var name = type?.OriginalDefinition.ToDisplayString();
        return name == "System.Threading.Tasks.Task" || name == "System.Threading.Tasks.Task<TResult>"
               || name == "System.Threading.Tasks.ValueTask" || name == "System.Threading.Tasks.ValueTask<TResult>";
    }

    /// <summary>True for <c>await M(...)</c> and <c>await M(...).ConfigureAwait(...)</c>.</summary>
    private static bool IsAwaited(InvocationExpressionSyntax invocation)
    {
        SyntaxNode node = invocation;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name.Identifier.ValueText == "ConfigureAwait"
            && memberAccess.Parent is InvocationExpressionSyntax configured)
        {
            node = configured;
        }

        return node.Parent is AwaitExpressionSyntax;
    }

    private static bool ReturnsDisposable(IMethodSymbol method)
    {
        var type = method.ReturnType;
        if (type is null || type.SpecialType == SpecialType.System_Void)
        {
            return false;
        }

        // Task is IDisposable, but an awaited call does not keep the stream it wrote to.
        if (IsTaskLike(type))
        {
            return false;
        }

        bool IsDisposableInterface(INamedTypeSymbol i)
            => i.ToDisplayString() == "System.IDisposable" || i.ToDisplayString() == "System.IAsyncDisposable";

        return (type is INamedTypeSymbol named && IsDisposableInterface(named)) || type.AllInterfaces.Any(IsDisposableInterface);
    }

    private static bool IsInAsyncContext(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case LockStatementSyntax _:
                    return false;
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax _:
                case AccessorDeclarationSyntax _:
                    return false;
                case CompilationUnitSyntax _:
                    // Top-level statements may always await.
                    return true;
            }
        }

        return false;
    }

    // ------------------------------------------------------------------ XML save
}
