using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// AW0002 where the temp is written through a stream or writer that a using statement holds
/// (<c>using (var w = new StreamWriter(temp, false, encoding)) { ... }</c>, <c>File.Create(temp)</c>,
/// <c>new FileStream(temp, FileMode.Create, ...)</c>), right before the deletes of the target and the move or
/// replace (<c>File.Move(temp, target[, true])</c>, <c>File.Replace(temp, target, null)</c>): the stream is opened on
/// the target instead and the AW0001 fix makes it an AtomicFile stream committed at the end of the using; the deletes,
/// the replace and a temp local used nowhere else go. Offered only when that AW0001 fix applies.
/// </summary>
public sealed partial class HandRolledReplaceFixer
{
    private static async Task<Document> FixStreamTempOrSameAsync(Document document, TextSpan writeSpan, TextSpan replaceSpan, CancellationToken ct)
        => await FixStreamTempAsync(document, writeSpan, replaceSpan, ct).ConfigureAwait(false) ?? document;

    private static async Task<Document?> FixStreamTempAsync(Document document, TextSpan writeSpan, TextSpan replaceSpan, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var replaceCall = root.FindNode(replaceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax
                          ?? root.FindNode(replaceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var fileType = WellKnownTypes.For(model.Compilation).File;
        if (replaceCall is null || replaceCall.Span != replaceSpan
            || replaceCall.Parent is not ExpressionStatementSyntax replaceStatement
            || replaceStatement.Parent is not BlockSyntax block
            || model.GetSymbolInfo(replaceCall, ct).Symbol is not IMethodSymbol replaceMethod
            || !SymbolEqualityComparer.Default.Equals(replaceMethod.ContainingType, fileType)
            || (replaceMethod.Name != "Move" && replaceMethod.Name != "Replace"))
        {
            return null;
        }

        var arguments = replaceCall.ArgumentList.Arguments;
        if (arguments.Count < 2 || arguments.Any(a => a.NameColon is not null)
            || (replaceMethod.Name == "Replace" && !arguments[2].Expression.IsKind(SyntaxKind.NullLiteralExpression)))
        {
            return null;
        }

        var source = arguments[0].Expression;
        var target = arguments[1].Expression;
        var sourceKey = Key(model, source, ct);
        var targetKey = Key(model, target, ct);
        if (sourceKey is null || targetKey is null || sourceKey == targetKey || !IsInert(target))
        {
            return null;
        }

        // Walk back over deletes of the target to the using that writes the temp.
        var statements = block.Statements;
        var removed = new List<StatementSyntax> { replaceStatement };
        var cursor = statements.IndexOf(replaceStatement) - 1;
        while (cursor >= 0 && IsDeleteOf(model, statements[cursor], targetKey, fileType, ct))
        {
            removed.Add(statements[cursor]);
            cursor--;
        }

        if (cursor < 0
            || statements[cursor] is not UsingStatementSyntax usingStatement
            || usingStatement.Declaration is not { Variables.Count: 1 } declaration
            || declaration.Variables[0].Initializer?.Value is not ExpressionSyntax sink
            || !sink.Span.Contains(writeSpan))
        {
            return null;
        }

        // The temp is the path of the stream or writer, and is used nowhere else in the using.
        var operation = model.GetOperation(sink, ct);
        var pathArgument = (operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => System.Collections.Immutable.ImmutableArray<IArgumentOperation>.Empty,
        }).FirstOrDefault(a => a.Parameter?.Name == "path")?.Syntax as ArgumentSyntax;
        if (pathArgument is null || Key(model, pathArgument.Expression, ct) != sourceKey
            || usingStatement.DescendantNodes().OfType<ExpressionSyntax>().Count(e => !pathArgument.Expression.Span.Contains(e.Span) && (e is IdentifierNameSyntax || e is MemberAccessExpressionSyntax) && Key(model, e, ct) == sourceKey) > 0)
        {
            return null;
        }

        // The target must already have its value where the using starts.
        if (model.GetSymbolInfo(target, ct).Symbol is ILocalSymbol targetLocal
            && targetLocal.DeclaringSyntaxReferences.Any(r => r.Span.Start > usingStatement.SpanStart))
        {
            return null;
        }

        var tempDeclaration = TempDeclaration(model, block, source, usingStatement, removed, ct);
        if (tempDeclaration is not null)
        {
            removed.Add(tempDeclaration);
        }

        var sinkMarker = new SyntaxAnnotation("AtomicWrite.AW0002.Sink");
        var newBlock = block.ReplaceNodes(
            new SyntaxNode[] { sink, pathArgument.Expression },
            (original, current) => original == sink
                ? current.WithAdditionalAnnotations(sinkMarker)
                : target.WithoutTrivia().WithTriviaFrom(current));
        var kept = new List<StatementSyntax>();
        for (int i = 0; i < block.Statements.Count; i++)
        {
            if (removed.Contains(block.Statements[i]))
            {
                continue;
            }

            var statement = newBlock.Statements[i];
            var removedBefore = removed.FirstOrDefault(r => IsDirectlyBefore(block, r, block.Statements[i]) && block.Statements[i] == usingStatement);
            kept.Add(removedBefore is null ? statement : statement.WithLeadingTrivia(removedBefore.GetLeadingTrivia()));
        }

        var rewritten = document.WithSyntaxRoot(root.ReplaceNode(block, newBlock.WithStatements(SyntaxFactory.List(kept))));
        var newRoot = await rewritten.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var newSink = newRoot?.GetAnnotatedNodes(sinkMarker).FirstOrDefault();
        if (newSink is null)
        {
            return null;
        }

        var fixedDocument = await AtomicFileRewriter.FixAsync(rewritten, new[] { newSink.Span }, ct).ConfigureAwait(false);

        // Offered only when the AW0001 fix rewrote the stream (otherwise the temp would just be dropped).
        return (await fixedDocument.GetTextAsync(ct).ConfigureAwait(false)).ContentEquals(await rewritten.GetTextAsync(ct).ConfigureAwait(false))
            ? null
            : fixedDocument;
    }

    private static bool IsInert(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        LiteralExpressionSyntax => true,
        MemberAccessExpressionSyntax member => IsInert(member.Expression) || member.Expression is ThisExpressionSyntax,
        _ => false,
    };
}
