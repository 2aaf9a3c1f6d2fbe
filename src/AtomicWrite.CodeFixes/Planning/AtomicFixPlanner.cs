using System;

namespace AtomicWrite.CodeFixes.Planning;

/// <summary>
/// Decides whether a flagged write can be rewritten to <c>AtomicFile</c> without changing what the program does
/// on its normal path, and how; otherwise why not (a <see cref="NoFixReasons"/> code). Used by the code fix only:
/// the analyzer hands it no more than the cheap facts in the diagnostic's properties. One file per kind of fix
/// (WholeFile, Stream, XmlSave) and one for the checks on the uses of a stream (StreamUsage). Never throws for
/// well-formed or broken code.
/// </summary>
internal static partial class AtomicFixPlanner
{
    /// <summary>Tests set this so that a bug in the planner fails the test instead of silently offering no fix.</summary>
    internal static bool RethrowUnexpectedExceptions { get; set; }

    /// <summary>Returns the reason no fix is offered for the flagged node, or null when a fix is offered.</summary>
    public static string? GetNoFixReason(SemanticModel model, SyntaxNode flagged, CancellationToken cancellationToken)
        => Analyze(model, flagged, cancellationToken).NoFixReason;

    /// <summary>Plans the rewrite of the flagged invocation or object creation.</summary>
    public static AtomicFixAnalysis Analyze(SemanticModel model, SyntaxNode flagged, CancellationToken cancellationToken)
    {
        try
        {
            return AnalyzeCore(model, flagged, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception) when (!RethrowUnexpectedExceptions)
        {
            // Broken or unexpected code: offer nothing rather than a wrong rewrite.
            return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
        }
    }

    private static AtomicFixAnalysis AnalyzeCore(SemanticModel model, SyntaxNode flagged, CancellationToken ct)
    {
        var atomicFile = WellKnownTypes.For(model.Compilation).AtomicFile;
        if (atomicFile is null)
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.RuntimeNotReferenced);
        }

        var sink = FindSink(flagged);
        if (sink is null)
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
        }

        var operation = model.GetOperation(sink, ct);
        switch (operation)
        {
            case IInvocationOperation invocation:
                return AnalyzeInvocation(model, (InvocationExpressionSyntax)sink, invocation, atomicFile, ct);
            case IObjectCreationOperation creation:
                return AnalyzeCreation(model, sink, creation, atomicFile, ct);
            default:
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
        }
    }

    private static ExpressionSyntax? FindSink(SyntaxNode flagged)
    {
        foreach (var node in flagged.DescendantNodesAndSelf())
        {
            if (node.Span != flagged.Span)
            {
                break;
            }

            if (node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax)
            {
                return (ExpressionSyntax)node;
            }
        }

        // The location may be a part of the expression (for example the method name).
        return flagged.AncestorsAndSelf().FirstOrDefault(n => n is InvocationExpressionSyntax || n is BaseObjectCreationExpressionSyntax) as ExpressionSyntax;
    }

    // ------------------------------------------------------------------ invocations

    private static AtomicFixAnalysis AnalyzeInvocation(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.ToDisplayString();
        switch (type)
        {
            case "System.IO.File" when FileApiNames.WholeFileWrites.Contains(method.Name):
                return PlanWholeFile(model, sink, method, atomicFile);

            case "System.IO.File":
                return PlanFileStreamFactory(model, sink, invocation, atomicFile, ct);

            case "System.IO.FileInfo":
                return PlanFileInfo(model, sink, invocation, atomicFile, ct);

            case "System.Xml.Linq.XDocument":
            case "System.Xml.Linq.XElement":
            case "System.Xml.XmlDocument":
                if (method.Name == "Save" && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
                {
                    return PlanXmlSave(model, sink, invocation, atomicFile, ct);
                }

                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);

            default:
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
        }
    }

    private static bool IsInert(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax _:
            case IdentifierNameSyntax _:
            case DefaultExpressionSyntax _:
                return true;
            case MemberAccessExpressionSyntax memberAccess:
                return IsInert(memberAccess.Expression);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression) || unary.IsKind(SyntaxKind.UnaryMinusExpression):
                return IsInert(unary.Operand);
            default:
                return false;
        }
    }

    /// <summary>
    /// True for expressions that compute a path without observable effects: literals, locals, fields, string
    /// concatenation and interpolation, and System.IO.Path / Environment.GetFolderPath calls on such values.
    /// </summary>
    private static bool IsPure(SemanticModel model, ExpressionSyntax expression, CancellationToken ct)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax _:
            case IdentifierNameSyntax _:
            case ThisExpressionSyntax _:
                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return IsPure(model, parenthesized.Expression, ct);
            case MemberAccessExpressionSyntax memberAccess:
                return IsPure(model, memberAccess.Expression, ct) && !(model.GetSymbolInfo(memberAccess, ct).Symbol is IPropertySymbol property && !IsFrameworkProperty(property));
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.CoalesceExpression):
                return IsPure(model, binary.Left, ct) && IsPure(model, binary.Right, ct);
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.OfType<InterpolationSyntax>().All(i => IsPure(model, i.Expression, ct));
            case InvocationExpressionSyntax invocation:
                var method = model.GetSymbolInfo(invocation, ct).Symbol as IMethodSymbol;
                var type = method?.ContainingType?.ToDisplayString();
                return (type == "System.IO.Path" || (type == "System.Environment" && method!.Name == "GetFolderPath"))
                       && invocation.ArgumentList.Arguments.All(a => IsPure(model, a.Expression, ct));
            default:
                return false;
        }
    }

    private static bool IsFrameworkProperty(IPropertySymbol property)
    {
        var ns = property.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);
    }

    private static IReadOnlyList<SyntaxTrivia> CollectDroppedComments(SyntaxNode sink, List<ArgumentSyntax> keptArguments, ExpressionSyntax? fileInfoReceiver)
    {
        var kept = keptArguments.Select(n => n.FullSpan).ToList();
        if (fileInfoReceiver != null)
        {
            kept.Add(fileInfoReceiver.FullSpan);
        }

        // Comments right after "(" belong to the first argument when it is kept (the fix keeps that parenthesis).
        if (keptArguments.Count > 0 && keptArguments[0].Parent is ArgumentListSyntax list && list.Arguments[0] == keptArguments[0])
        {
            kept.Add(list.OpenParenToken.TrailingTrivia.FullSpan);
        }

        return sink.DescendantTrivia(descendIntoTrivia: false)
            .Where(t => (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                        && sink.Span.Contains(t.Span)
                        && !kept.Any(k => k.Contains(t.Span)))
            .ToList();
    }

    /// <summary>
    /// A name that no identifier of the enclosing member (or file, for top-level code), no symbol in scope and
    /// nothing in <paramref name="alsoTaken"/> uses.
    /// </summary>
    public static string FreshName(SemanticModel model, SyntaxNode at, string baseName, ICollection<string>? alsoTaken = null)
    {
        SyntaxNode scope = EnclosingMember(at);
        var taken = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        foreach (var symbol in model.LookupSymbols(at.SpanStart))
        {
            taken.Add(symbol.Name);
        }

        var name = baseName;
        for (var i = 1; taken.Contains(name) || (alsoTaken != null && alsoTaken.Contains(name)); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The member declaration around a node, or the compilation unit for top-level code.</summary>
    public static SyntaxNode EnclosingMember(SyntaxNode at)
    {
        SyntaxNode scope = at.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax && !(a is GlobalStatementSyntax)) ?? at.SyntaxTree.GetRoot();
        return scope is BaseTypeDeclarationSyntax || scope is BaseNamespaceDeclarationSyntax ? at.SyntaxTree.GetRoot() : scope;
    }
}
