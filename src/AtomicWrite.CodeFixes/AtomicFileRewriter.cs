using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// Applies the fix to any number of flagged writes in one document in a single pass. Every plan is computed on the
/// original tree; the edits are expressed against the current version of each node, so that nested and adjacent
/// fixes (a write inside another fixed scope, several commits in one block) compose.
/// </summary>
internal static class AtomicFileRewriter
{
    public static async Task<Document> FixAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false) as CompilationUnitSyntax;
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var atomicFile = WellKnownTypes.For(model.Compilation).AtomicFile;
        if (atomicFile is null)
        {
            return document;
        }

        var plans = new List<AtomicFixPlan>();
        var seen = new HashSet<SyntaxNode>();
        foreach (var span in spans.Distinct().OrderBy(s => s.Start))
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var plan = AtomicFixPlanner.Analyze(model, node, ct).Plan;
            if (plan != null && seen.Add(plan.Sink))
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var namer = TypeNamer.Create(model, root, atomicFile, plans, ct);
        var endOfLine = DetectEndOfLine(root);
        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);

        // New variables (XML saves) get names that differ from each other within a member, as if the fixes had
        // been applied one after the other.
        var newNames = new Dictionary<SyntaxNode, HashSet<string>>();
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i] is not XmlSavePlan xml)
            {
                continue;
            }

            var member = AtomicFixPlanner.EnclosingMember(xml.Sink);
            if (!newNames.TryGetValue(member, out var names))
            {
                newNames[member] = names = new HashSet<string>();
            }

            if (names.Contains(xml.VariableName))
            {
                plans[i] = xml = xml with { VariableName = AtomicFixPlanner.FreshName(model, xml.Sink, "stream", names) };
            }

            names.Add(xml.VariableName);
        }

        var commitsByOwner = new Dictionary<SyntaxNode, List<(StreamPlan Plan, StatementSyntax Commit)>>();
        foreach (var plan in plans)
        {
            switch (plan)
            {
                case WholeFilePlan whole:
                    RewriteWholeFile(editor, whole, namer);
                    break;
                case StreamPlan stream:
                    RewriteStream(editor, stream, namer);
                    if (!commitsByOwner.TryGetValue(stream.ScopeOwner!, out var list))
                    {
                        commitsByOwner[stream.ScopeOwner!] = list = new List<(StreamPlan, StatementSyntax)>();
                    }

                    if (stream.CloseBeforeCommit != null)
                    {
                        list.Add((stream, SyntaxFactory.ParseStatement(stream.CloseBeforeCommit + ".Close();")));
                    }

                    list.Add((stream, CommitStatement(stream)));
                    break;
                case XmlSavePlan xml:
                    RewriteXmlSave(editor, xml, namer, endOfLine);
                    break;
            }
        }

        foreach (var pair in commitsByOwner)
        {
            InsertCommits(editor, pair.Key, pair.Value, endOfLine);
        }

        var containerAnnotation = new SyntaxAnnotation("AtomicWrite.UsingTarget");
        if (namer.AddUsing)
        {
            foreach (var container in UsingDirectiveAdder.ChooseContainers(root, plans.Select(p => p.Sink)))
            {
                if (container == root)
                {
                    continue;
                }

                editor.ReplaceNode(container, (current, _) => current.WithAdditionalAnnotations(containerAnnotation));
            }
        }

        var newRoot = (CompilationUnitSyntax)editor.GetChangedRoot();
        if (namer.AddUsing)
        {
            var targets = newRoot.GetAnnotatedNodes(containerAnnotation).ToList();
            if (targets.Count == 0)
            {
                newRoot = (CompilationUnitSyntax)UsingDirectiveAdder.AddTo(newRoot, endOfLine);
            }
            else
            {
                newRoot = newRoot.ReplaceNodes(targets, (original, current) => UsingDirectiveAdder.AddTo(current, endOfLine));
            }
        }

        var newDocument = document.WithSyntaxRoot(newRoot);
        return await Formatter.FormatAsync(newDocument, Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
    }

    private static string DetectEndOfLine(SyntaxNode root)
    {
        var eol = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return eol.IsKind(SyntaxKind.EndOfLineTrivia) ? eol.ToString() : "\n";
    }

    private static ExpressionSyntax TypeExpression(string text) => SyntaxFactory.ParseExpression(text);

    // ------------------------------------------------------------------ whole file

    private static void RewriteWholeFile(SyntaxEditor editor, WholeFilePlan plan, TypeNamer namer)
    {
        var typeName = namer.Name(plan.Sink.SpanStart, "AtomicFile");
        if (plan.Receiver != null)
        {
            editor.ReplaceNode(plan.Receiver, (current, _) => TypeExpression(typeName).WithTriviaFrom(current));
        }
        else if (plan.BareName != null)
        {
            editor.ReplaceNode(plan.BareName, (current, _) => SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    TypeExpression(typeName),
                    ((SimpleNameSyntax)current).WithoutTrivia())
                .WithTriviaFrom(current));
        }
    }

    // ------------------------------------------------------------------ streams

    private static void RewriteWrappedWriter(SyntaxEditor editor, StreamPlan plan, TypeNamer namer)
    {
        var position = plan.WrapperCreation!.SpanStart;
        var typeName = namer.Name(position, "AtomicFile");
        var arguments = new List<ArgumentSyntax> { plan.KeptArguments[0].WithoutTrivia() };
        if (plan.WrapperEncoding != null)
        {
            arguments.Add(plan.WrapperEncoding.WithoutTrivia());
        }

        editor.ReplaceNode(plan.WrapperCreation, (current, _) =>
        {
            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1);
            var invocation = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(typeName), SyntaxFactory.IdentifierName("CreateText")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments, separators)));
            return invocation.WithLeadingTrivia(current.GetLeadingTrivia()).WithTrailingTrivia(DroppedCommentTrivia(plan).Concat(current.GetTrailingTrivia()));
        });

        switch (plan.RemovedOuterStatement)
        {
            case UsingStatementSyntax outer:
                // Stacked usings: the writer's using takes the stream's place.
                editor.ReplaceNode(outer, (current, _) =>
                {
                    var node = (UsingStatementSyntax)current;
                    return node.Statement.WithLeadingTrivia(node.GetLeadingTrivia());
                });
                break;
            case LocalDeclarationStatementSyntax outer:
                var inner = plan.WrapperCreation.Ancestors().OfType<LocalDeclarationStatementSyntax>().First();
                var leading = outer.GetLeadingTrivia();
                editor.ReplaceNode(inner, (current, _) => current.WithLeadingTrivia(leading));
                editor.RemoveNode(outer, SyntaxRemoveOptions.KeepNoTrivia);
                break;
        }

        if (plan.ExplicitType != null)
        {
            var atomicType = namer.Name(position, plan.AtomicTypeName);
            editor.ReplaceNode(plan.ExplicitType, (current, _) => SyntaxFactory.ParseTypeName(atomicType).WithTriviaFrom(current));
        }
    }

    private static IEnumerable<SyntaxTrivia> DroppedCommentTrivia(StreamPlan plan)
    {
        foreach (var comment in plan.DroppedComments)
        {
            var text = comment.ToString();
            if (comment.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                if (text.Contains("*/"))
                {
                    continue;
                }

                text = "/* " + text.Substring(2).Trim() + " */";
            }

            yield return SyntaxFactory.Space;
            yield return SyntaxFactory.Comment(text);
        }
    }

    /// <summary><c>new JsonTextWriter(writer)</c> becomes <c>new JsonTextWriter(writer) { CloseOutput = false }</c> (first in an existing initializer).</summary>
    private static void LeaveOutputOpen(SyntaxEditor editor, BaseObjectCreationExpressionSyntax creation)
    {
        editor.ReplaceNode(creation, (current, _) =>
        {
            var node = (BaseObjectCreationExpressionSyntax)current;
            var setting = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName("CloseOutput").WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
            if (node.Initializer is InitializerExpressionSyntax existing && existing.Expressions.Count > 0)
            {
                var first = existing.Expressions[0];
                var multiLine = existing.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                                || first.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(
                    multiLine ? SyntaxFactory.TriviaList(existing.OpenBraceToken.TrailingTrivia.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).Take(1)) : SyntaxFactory.TriviaList(SyntaxFactory.Space));
                var items = new List<SyntaxNodeOrToken> { setting.WithLeadingTrivia(first.GetLeadingTrivia()), comma };
                items.AddRange(existing.Expressions.GetWithSeparators());
                return node.WithInitializer(existing.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items)));
            }

            var trailing = node.GetTrailingTrivia();
            var initializer = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(setting),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(trailing);
            return node.WithoutTrailingTrivia().WithInitializer(initializer);
        });
    }

    private static void RewriteStream(SyntaxEditor editor, StreamPlan plan, TypeNamer namer)
    {
        if (plan.JsonWrapperCreation != null)
        {
            LeaveOutputOpen(editor, plan.JsonWrapperCreation);
        }

        if (plan.WrapperCreation != null)
        {
            RewriteWrappedWriter(editor, plan, namer);
            return;
        }

        var position = plan.Sink.SpanStart;
        var typeName = namer.Name(position, "AtomicFile");
        var originalArguments = ArgumentsOf(plan.Sink);
        var keptIndexes = plan.KeptArguments.Select(a => originalArguments.IndexOf(a)).ToList();

        editor.ReplaceNode(plan.Sink, (current, _) =>
        {
            var currentArguments = ArgumentsOf(current);
            var arguments = new List<ArgumentSyntax>();
            if (plan.FileInfoReceiver != null)
            {
                var receiver = ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)current).Expression).Expression;
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    receiver.WithoutTrivia(),
                    SyntaxFactory.IdentifierName("FullName"))));
            }
            else
            {
                arguments.AddRange(keptIndexes.Select(i => currentArguments[i]));
            }

            // Keep the first argument's own leading comments, but not a line break that belonged to the old layout.
            if (arguments.Count > 0 && !arguments[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
            {
                arguments[0] = arguments[0].WithLeadingTrivia();
            }

            var last = arguments.Count - 1;
            if (last >= 0)
            {
                arguments[last] = arguments[last].WithTrailingTrivia(arguments[last].GetTrailingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia) && !t.IsKind(SyntaxKind.WhitespaceTrivia)));
            }

            var openParen = keptIndexes.Count > 0 && keptIndexes[0] == 0 && plan.FileInfoReceiver is null
                ? ArgumentListOf(current)?.OpenParenToken ?? SyntaxFactory.Token(SyntaxKind.OpenParenToken)
                : SyntaxFactory.Token(SyntaxKind.OpenParenToken);
            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, arguments.Count - 1));
            var invocation = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(typeName), SyntaxFactory.IdentifierName(plan.FactoryMethod)),
                SyntaxFactory.ArgumentList(openParen, SyntaxFactory.SeparatedList(arguments, separators), SyntaxFactory.Token(SyntaxKind.CloseParenToken)));

            var trailing = DroppedCommentTrivia(plan).ToList();
            trailing.AddRange(current.GetTrailingTrivia());
            return invocation.WithLeadingTrivia(current.GetLeadingTrivia()).WithTrailingTrivia(trailing);
        });

        if (plan.ExplicitType != null)
        {
            var atomicType = namer.Name(position, plan.AtomicTypeName);
            editor.ReplaceNode(plan.ExplicitType, (current, _) => SyntaxFactory.ParseTypeName(atomicType).WithTriviaFrom(current));
        }
    }

    private static ArgumentListSyntax? ArgumentListOf(SyntaxNode node)
        => node is InvocationExpressionSyntax invocation ? invocation.ArgumentList : (node as BaseObjectCreationExpressionSyntax)?.ArgumentList;

    private static SeparatedSyntaxList<ArgumentSyntax> ArgumentsOf(SyntaxNode node)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                return invocation.ArgumentList.Arguments;
            case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList != null:
                return creation.ArgumentList.Arguments;
            default:
                return default;
        }
    }

    private static StatementSyntax CommitStatement(StreamPlan plan)
    {
        var text = plan.UseCommitAsync
            ? "await " + plan.VariableName + ".CommitAsync()" + (plan.ConfigureAwaitFalse ? ".ConfigureAwait(false)" : string.Empty) + ";"
            : plan.VariableName + ".Commit();";
        return SyntaxFactory.ParseStatement(text);
    }

    private static void InsertCommits(SyntaxEditor editor, SyntaxNode owner, List<(StreamPlan Plan, StatementSyntax Commit)> commits, string endOfLine)
    {
        // Commit in declaration order, as applying the fixes one at a time would.
        commits = commits.OrderBy(c => c.Plan.Sink.SpanStart).ToList();
        var insertBefore = commits.Select(c => c.Plan.InsertBefore).FirstOrDefault(s => s != null);
        var statements = commits.Select(c => c.Commit).ToList();

        switch (owner)
        {
            case UsingStatementSyntax usingStatement:
                editor.ReplaceNode(usingStatement, (current, _) =>
                {
                    var node = (UsingStatementSyntax)current;
                    if (node.Statement is BlockSyntax block)
                    {
                        return node.WithStatement(AddToBlock(block, null, statements, endOfLine));
                    }

                    var body = SyntaxFactory.Block(new[] { node.Statement.WithoutLeadingTrivia() }.Concat(statements))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return node.WithStatement(body);
                });
                break;

            case BlockSyntax originalBlock:
                var index = insertBefore is null ? (int?)null : originalBlock.Statements.IndexOf(insertBefore);
                editor.ReplaceNode(originalBlock, (current, _) => AddToBlock((BlockSyntax)current, index, statements, endOfLine));
                break;

            case CompilationUnitSyntax unit:
                var globals = statements.Select(s => (SyntaxNode)SyntaxFactory.GlobalStatement(s).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
                if (insertBefore?.Parent is GlobalStatementSyntax returnGlobal)
                {
                    editor.InsertBefore(returnGlobal, WithLineLayout(globals, returnGlobal, endOfLine));
                }
                else
                {
                    var anchor = unit.Members.OfType<GlobalStatementSyntax>().Last();
                    editor.InsertAfter(anchor, WithLineLayout(globals, anchor, endOfLine));
                }

                break;
        }
    }

    private static IEnumerable<SyntaxNode> WithLineLayout(List<SyntaxNode> nodes, SyntaxNode reference, string endOfLine)
    {
        var indentation = IndentationOf(reference);
        return nodes.Select(n => n.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine)));
    }

    private static SyntaxTriviaList IndentationOf(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        var result = new List<SyntaxTrivia>();
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            result.Insert(0, leading[i]);
        }

        return SyntaxFactory.TriviaList(result);
    }

    private static BlockSyntax AddToBlock(BlockSyntax block, int? index, List<StatementSyntax> statements, string endOfLine)
    {
        var existing = block.Statements;
        var at = index is int i && i >= 0 && i < existing.Count ? i : existing.Count;
        var reference = at < existing.Count ? existing[at] : existing.LastOrDefault();
        var onItsOwnLine = reference != null
            && reference.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
            && (at < existing.Count || block.CloseBraceToken.LeadingTrivia.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        if (reference is null || !onItsOwnLine)
        {
            return block.WithStatements(existing.InsertRange(at, statements)).WithAdditionalAnnotations(Formatter.Annotation);
        }

        var indentation = IndentationOf(reference);
        var laidOut = statements.Select(s => s.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine)));
        return block.WithStatements(existing.InsertRange(at, laidOut));
    }

    // ------------------------------------------------------------------ XML save

    private static void RewriteXmlSave(SyntaxEditor editor, XmlSavePlan plan, TypeNamer namer, string endOfLine)
    {
        var typeName = namer.Name(plan.Sink.SpanStart, "AtomicFile");
        var pathIndex = ArgumentsOf(plan.Sink).IndexOf(plan.PathArgument!);

        if (plan.Statement != null)
        {
            editor.ReplaceNode(plan.Statement, (current, _) =>
            {
                var statement = (ExpressionStatementSyntax)current;
                return SaveIntoAtomicStream(plan, typeName, pathIndex, statement, endOfLine).WithLeadingTrivia(statement.GetLeadingTrivia());
            });
            return;
        }

        // An expression body becomes a block body that holds the using statement.
        editor.ReplaceNode(plan.ExpressionBody!, (current, _) =>
        {
            BlockSyntax BodyFor(ExpressionSyntax expression)
            {
                var statement = SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
                var usingStatement = SaveIntoAtomicStream(plan, typeName, pathIndex, statement, endOfLine);
                return SyntaxFactory.Block(usingStatement).WithAdditionalAnnotations(Formatter.Annotation);
            }

            switch (current)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.WithExpressionBody(null).WithBlock(BodyFor(lambda.ExpressionBody!).WithTrailingTrivia(lambda.ExpressionBody!.GetTrailingTrivia()));
                case BaseMethodDeclarationSyntax method:
                    return method.WithExpressionBody(null).WithBody(BodyFor(method.ExpressionBody!.Expression))
                        .WithSemicolonToken(default).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                case LocalFunctionStatementSyntax local:
                    return local.WithExpressionBody(null).WithBody(BodyFor(local.ExpressionBody!.Expression))
                        .WithSemicolonToken(default).WithTrailingTrivia(local.SemicolonToken.TrailingTrivia)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                case AccessorDeclarationSyntax accessor:
                    return accessor.WithExpressionBody(null).WithBody(BodyFor(accessor.ExpressionBody!.Expression))
                        .WithSemicolonToken(default).WithTrailingTrivia(accessor.SemicolonToken.TrailingTrivia)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                default:
                    return current;
            }
        });
    }

    private static StatementSyntax SaveIntoAtomicStream(XmlSavePlan plan, string typeName, int pathIndex, ExpressionStatementSyntax statement, string endOfLine)
    {
        var variable = plan.VariableName;
        var invocation = (InvocationExpressionSyntax)statement.Expression;
        var pathArgument = invocation.ArgumentList.Arguments[pathIndex];

        var streamArgument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(variable)).WithTriviaFrom(pathArgument);
        if (pathArgument.NameColon != null)
        {
            streamArgument = streamArgument.WithNameColon(SyntaxFactory.NameColon(plan.StreamParameterName).WithTriviaFrom(pathArgument.NameColon));
        }

        var save = statement
            .WithExpression(invocation.WithArgumentList(invocation.ArgumentList.WithArguments(invocation.ArgumentList.Arguments.Replace(pathArgument, streamArgument))))
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(statement.GetTrailingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia)).Concat(new[] { SyntaxFactory.EndOfLine(endOfLine) }));

        var create = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(typeName), SyntaxFactory.IdentifierName("Create")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(pathArgument.Expression.WithoutTrivia()))));

        var declaration = SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(variable).WithInitializer(SyntaxFactory.EqualsValueClause(create))));

        var commit = SyntaxFactory.ParseStatement(variable + ".Commit();")
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(SyntaxFactory.ElasticEndOfLine(endOfLine));
        return SyntaxFactory.UsingStatement(declaration, null, SyntaxFactory.Block(save, commit))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
