using AtomicWrite.Analyzers.InPlaceWrites;

namespace AtomicWrite.CodeFixes.Planning;

/// <summary>Streams and writers held by a using (FileStream, File.Create/Open/OpenWrite/CreateText, FileInfo, StreamWriter, a stream wrapped by the next using's writer): created by AtomicFile.Create/CreateText and committed at the end of the scope.</summary>
internal static partial class AtomicFixPlanner
{
    // The arguments are judged by FixOutlook, which the analyzer also uses to state a no-fix reason in the message.

    private static AtomicFixAnalysis PlanFileStreamFactory(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        var arguments = FixOutlook.FileArguments(invocation);
        return arguments.Reason != null
            ? AtomicFixAnalysis.NoFix(arguments.Reason)
            : PlanStream(model, sink, arguments.Factory, arguments.Truncates, arguments.Kept, arguments.Dropped, null, atomicFile, ct);
    }

    private static AtomicFixAnalysis PlanFileInfo(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        if (!(sink.Expression is MemberAccessExpressionSyntax memberAccess) || !memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression))
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
        }

        var arguments = FixOutlook.FileInfoArguments(invocation);
        return arguments.Reason != null
            ? AtomicFixAnalysis.NoFix(arguments.Reason)
            : PlanStream(model, sink, arguments.Factory, arguments.Truncates, arguments.Kept, arguments.Dropped, memberAccess.Expression, atomicFile, ct);
    }

    // ------------------------------------------------------------------ object creations

    private static AtomicFixAnalysis AnalyzeCreation(SemanticModel model, ExpressionSyntax sink, IObjectCreationOperation creation, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        var arguments = FixOutlook.CreationArguments(creation);
        return arguments.Reason != null
            ? AtomicFixAnalysis.NoFix(arguments.Reason)
            : PlanStream(model, sink, arguments.Factory, arguments.Truncates, arguments.Kept, arguments.Dropped, null, atomicFile, ct);
    }

    // ------------------------------------------------------------------ stream in a using

    private static AtomicFixAnalysis PlanStream(
        SemanticModel model,
        ExpressionSyntax sink,
        string factory,
        bool truncates,
        List<IArgumentOperation> kept,
        List<IArgumentOperation> dropped,
        ExpressionSyntax? fileInfoReceiver,
        INamedTypeSymbol atomicFile,
        CancellationToken ct)
    {
        if (dropped.Any(a => !FixOutlook.IsDroppable(a)))
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
        }

        var keptSyntax = new List<ArgumentSyntax>();
        foreach (var arg in kept)
        {
            if (!(arg.Syntax is ArgumentSyntax syntax) || arg.ArgumentKind != ArgumentKind.Explicit)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
            }

            keptSyntax.Add(syntax);
        }

        keptSyntax.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));

        // The factory must accept the kept arguments.
        ArgumentListSyntax candidateArgs = fileInfoReceiver is null
            ? SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(keptSyntax))
            : SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParenthesizedExpression(fileInfoReceiver), SyntaxFactory.IdentifierName("FullName")))));
        var candidate = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression("global::AtomicWrite.AtomicFile." + factory), candidateArgs);
        if (!BindsTo(model, sink.SpanStart, candidate, atomicFile, factory))
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.NoMatchingOverload);
        }

        var isWriter = factory == "CreateText";
        var plan = new StreamPlan(sink)
        {
            FactoryMethod = factory,
            KeptArguments = keptSyntax,
            FileInfoReceiver = fileInfoReceiver,
            AtomicTypeName = isWriter ? "AtomicStreamWriter" : "AtomicFileStream",
            DroppedComments = CollectDroppedComments(sink, keptSyntax, fileInfoReceiver),
        };

        var scoped = PlanUsingScope(model, plan, sink, isWriter, truncates, ct);
        if (scoped.NoFixReason == NoFixReasons.NotInUsing && !isWriter)
        {
            // using (var writer = new StreamWriter(new FileStream(path, FileMode.Create, ...)[, encoding])) ...
            var inline = TryPlanInlineWrappedWriter(model, plan, sink, atomicFile, ct);
            if (inline.HasValue)
            {
                return inline.Value;
            }
        }

        if (scoped.NoFixReason == NoFixReasons.Escapes && !isWriter)
        {
            // using (var stream = File.Create(path)) using (var writer = new StreamWriter(stream)) ...
            var wrapped = TryPlanWrappedWriter(model, plan, sink, atomicFile, ct);
            if (wrapped.HasValue)
            {
                return wrapped.Value;
            }
        }

        if (scoped.NoFixReason == NoFixReasons.Escapes && isWriter)
        {
            // using (var writer = File.CreateText(path)) using (var json = new JsonTextWriter(writer)) ...
            var json = TryPlanJsonTextWriterOver(model, plan, sink, ct);
            if (json.HasValue)
            {
                return json.Value;
            }
        }

        return scoped;
    }

    /// <summary>
    /// A writer whose only use is to be wrapped by a Newtonsoft <c>JsonTextWriter</c> held by a using in the
    /// writer's scope. The JsonTextWriter closes its writer when it is closed (<c>CloseOutput</c> is true by
    /// default), which would dispose the atomic writer before its commit. The fix sets <c>CloseOutput = false</c>,
    /// so that closing the JsonTextWriter (which completes open JSON tokens, as before) leaves the writer open,
    /// and commits the writer after that: at the end of the writer's scope, after the JsonTextWriter's using
    /// statement, or right after an explicit <c>Close()</c> of a JsonTextWriter held by a using declaration that
    /// ends with the writer's scope. The commit flushes the writer, so the bytes are the ones the original close
    /// wrote.
    /// </summary>
    private static AtomicFixAnalysis? TryPlanJsonTextWriterOver(SemanticModel model, StreamPlan plan, ExpressionSyntax writerCreation, CancellationToken ct)
    {
        if (!(OnlyArgumentUse(model, writerCreation, out _, ct) is ArgumentSyntax writerArgument)
            || !writerArgument.RefKindKeyword.IsKind(SyntaxKind.None)
            || writerArgument.NameColon != null
            || !(writerArgument.Parent?.Parent is BaseObjectCreationExpressionSyntax creation)
            || !(model.GetOperation(creation, ct) is IObjectCreationOperation operation)
            || operation.Constructor is null
            || operation.Constructor.ContainingType.ToDisplayString() != "Newtonsoft.Json.JsonTextWriter"
            || operation.Constructor.Parameters.Length != 1
            || operation.Constructor.Parameters[0].Type.ToDisplayString() != "System.IO.TextWriter")
        {
            return null;
        }

        // An initializer that already sets CloseOutput decides on its own; only object initializers get the setting.
        if (creation.Initializer != null
            && (!creation.Initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
                || creation.Initializer.Expressions.Any(e => e is AssignmentExpressionSyntax a && a.Left is IdentifierNameSyntax n && n.Identifier.ValueText == "CloseOutput")))
        {
            return null;
        }

        if (!(SingleUsingDeclarator(creation) is VariableDeclaratorSyntax jsonDeclarator)
            || !(model.GetDeclaredSymbol(jsonDeclarator, ct) is ILocalSymbol json)
            || !(jsonDeclarator.Parent?.Parent is StatementSyntax jsonStatement)
            || !(ScopeOf(jsonStatement) is SyntaxNode jsonScope))
        {
            return null;
        }

        var awaitUsing = jsonStatement is UsingStatementSyntax u ? u.AwaitKeyword : ((LocalDeclarationStatementSyntax)jsonStatement).AwaitKeyword;
        if (awaitUsing.IsKind(SyntaxKind.AwaitKeyword))
        {
            return null;
        }

        var jsonUse = CheckJsonWriterUsages(model, jsonScope, json, ct);
        if (jsonUse != null)
        {
            return AtomicFixAnalysis.NoFix(jsonUse);
        }

        var scoped = PlanUsingScope(model, plan, writerCreation, isWriter: true, truncates: true, ct, writerArgument);
        if (!(scoped.Plan is StreamPlan planned))
        {
            return scoped;
        }

        // A using declaration in the block that ends with the commit is disposed after it: it is closed first.
        // (A using statement, or a declaration in a nested block, is disposed before the end of the writer's scope.)
        string? closeFirst = null;
        var commitBlock = planned.ScopeOwner is UsingStatementSyntax owningUsing ? owningUsing.Statement : planned.ScopeOwner;
        if (jsonStatement is LocalDeclarationStatementSyntax && jsonScope == commitBlock)
        {
            closeFirst = jsonDeclarator.Identifier.ValueText;
        }

        return AtomicFixAnalysis.Fix(planned with { JsonWrapperCreation = creation, CloseBeforeCommit = closeFirst });
    }

    /// <summary>
    /// For the single variable of a using whose initializer is <paramref name="creation"/>: the using statement or
    /// declaration, and the argument that is the variable's only reference (null when it has none or others).
    /// </summary>
    private static ArgumentSyntax? OnlyArgumentUse(SemanticModel model, ExpressionSyntax creation, out StatementSyntax? usingStatement, CancellationToken ct)
    {
        usingStatement = null;
        if (!(SingleUsingDeclarator(creation) is VariableDeclaratorSyntax declarator)
            || !(model.GetDeclaredSymbol(declarator, ct) is ILocalSymbol local)
            || !(declarator.Parent?.Parent is StatementSyntax statement)
            || !(ScopeOf(statement) is SyntaxNode scope))
        {
            return null;
        }

        usingStatement = statement;
        var references = scope.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, local))
            .Take(2)
            .ToList();
        return references.Count == 1 ? references[0].Parent as ArgumentSyntax : null;
    }

    /// <summary>The node in which the variable of a using statement or using declaration can be referenced.</summary>
    private static SyntaxNode? ScopeOf(StatementSyntax usingStatement)
        => usingStatement is UsingStatementSyntax ? usingStatement : usingStatement.Parent is GlobalStatementSyntax g ? g.Parent : usingStatement.Parent;

    /// <summary>
    /// Completes a plan for a stream or writer created by <paramref name="creation"/>: the using that holds it,
    /// the scope, its exits, the uses of the variable and how to commit.
    /// </summary>
    private static AtomicFixAnalysis PlanUsingScope(SemanticModel model, StreamPlan plan, ExpressionSyntax creation, bool isWriter, bool truncates, CancellationToken ct, ArgumentSyntax? wrappedBy = null)
    {
        // The expression must be the whole initializer of the single variable of a using.
        if (!(SingleUsingDeclarator(creation) is VariableDeclaratorSyntax declarator)
            || !(declarator.Parent is VariableDeclarationSyntax declaration))
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.NotInUsing);
        }

        var statements = new List<StatementSyntax>();
        bool awaitUsing;
        SyntaxNode owner;
        switch (declaration.Parent)
        {
            case UsingStatementSyntax usingStatement:
                owner = usingStatement;
                awaitUsing = usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                if (usingStatement.Statement is BlockSyntax body)
                {
                    statements.AddRange(body.Statements);
                }
                else
                {
                    statements.Add(usingStatement.Statement);
                }

                break;

            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                awaitUsing = local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                if (local.Parent is BlockSyntax block)
                {
                    owner = block;
                    statements.AddRange(block.Statements.SkipWhile(s => s != local).Skip(1));
                }
                else if (local.Parent is GlobalStatementSyntax global && global.Parent is CompilationUnitSyntax unit)
                {
                    owner = unit;
                    statements.AddRange(unit.Members.SkipWhile(m => m != global).Skip(1).OfType<GlobalStatementSyntax>().Select(g => g.Statement));
                }
                else
                {
                    return AtomicFixAnalysis.NoFix(NoFixReasons.NotInUsing);
                }

                // A final return ends the scope normally; the commit goes before it.
                if (statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax finalReturn)
                {
                    if (finalReturn.Expression != null && !IsInert(finalReturn.Expression))
                    {
                        return AtomicFixAnalysis.NoFix(NoFixReasons.EarlyExit);
                    }

                    plan = plan with { InsertBefore = finalReturn };
                    statements.RemoveAt(statements.Count - 1);
                }

                break;

            default:
                return AtomicFixAnalysis.NoFix(NoFixReasons.NotInUsing);
        }

        plan = plan with { ScopeOwner = owner };
        plan = plan with { VariableName = declarator.Identifier.ValueText };

        var localSymbol = model.GetDeclaredSymbol(declarator, ct) as ILocalSymbol;
        if (localSymbol is null)
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.NotInUsing);
        }

        // The declared type must become the atomic type.
        if (!declaration.Type.IsVar)
        {
            var declared = model.GetTypeInfo(declaration.Type, ct).Type?.ToDisplayString();
            var allowed = isWriter
                ? declared == "System.IO.StreamWriter" || declared == "System.IO.TextWriter"
                : declared == "System.IO.FileStream" || declared == "System.IO.Stream";
            if (!allowed)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedMember);
            }

            plan = plan with { ExplicitType = declaration.Type };
        }

        // Single normal exit.
        var exit = CheckSingleExit(model, statements, ct);
        if (exit != null)
        {
            return AtomicFixAnalysis.NoFix(exit);
        }

        // Every use of the variable stays inside the scope and within what the atomic type offers.
        var usage = CheckUsages(model, owner, localSymbol, isWriter, truncates, ct, wrappedBy);
        if (usage != null)
        {
            return AtomicFixAnalysis.NoFix(usage);
        }

        // Async commit where the scope is asynchronous.
        if (IsInAsyncContext(owner))
        {
            var awaits = statements.SelectMany(s => DescendantsOutsideFunctions(s)).OfType<AwaitExpressionSyntax>().ToList();
            if (awaitUsing || awaits.Count > 0)
            {
                plan = plan with { UseCommitAsync = true };
                plan = plan with { ConfigureAwaitFalse = awaits.Count > 0 && awaits.All(IsConfigureAwaitFalse) };
            }
        }

        return AtomicFixAnalysis.Fix(plan);
    }

    /// <summary>
    /// A stream whose only use is to be wrapped by the <c>StreamWriter</c> of the using right after it (stacked
    /// usings, adjacent using declarations, or the first statement of the stream's using block): the pair becomes
    /// one <c>AtomicFile.CreateText</c> writer. The writer (which closes the stream) is disposed first in every
    /// form, so the commit at the end of the writer's scope sees every byte the original wrote.
    /// </summary>
    private static AtomicFixAnalysis? TryPlanWrappedWriter(SemanticModel model, StreamPlan outer, ExpressionSyntax sink, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        if (outer.FileInfoReceiver != null || outer.KeptArguments.Count != 1)
        {
            return null;
        }

        if (!(OnlyArgumentUse(model, sink, out var outerStatement, ct) is ArgumentSyntax streamArgument)
            || outerStatement is null
            || !(streamArgument.Parent?.Parent is BaseObjectCreationExpressionSyntax creation)
            || !(model.GetOperation(creation, ct) is IObjectCreationOperation operation)
            || !FixOutlook.WritesOverStream(operation, streamArgument, out var encoding))
        {
            return null;
        }

        // The writer's using is the outer using's body (stacked), or the declaration right after the stream's.
        if (!(SingleUsingDeclarator(creation)?.Parent?.Parent is StatementSyntax innerStatement))
        {
            return null;
        }

        bool adjacent;
        switch (outerStatement)
        {
            case UsingStatementSyntax outerUsing:
                // using (stream) using (writer) ..., or using (stream) { using writer ...; } with the writer first.
                adjacent = outerUsing.Statement == innerStatement
                           || (outerUsing.Statement is BlockSyntax body && body.Statements.Count > 0 && body.Statements[0] == innerStatement);
                break;
            case LocalDeclarationStatementSyntax outerLocal when outerLocal.Parent is BlockSyntax block:
                adjacent = innerStatement.Parent == block && block.Statements.IndexOf(innerStatement) == block.Statements.IndexOf(outerLocal) + 1;
                break;
            case LocalDeclarationStatementSyntax outerLocal when outerLocal.Parent is GlobalStatementSyntax outerGlobal && outerGlobal.Parent is CompilationUnitSyntax unit:
                adjacent = innerStatement.Parent is GlobalStatementSyntax innerGlobal && unit.Members.IndexOf(innerGlobal) == unit.Members.IndexOf(outerGlobal) + 1;
                break;
            default:
                adjacent = false;
                break;
        }

        if (!adjacent)
        {
            return null;
        }

        return PlanWriterInPlaceOf(model, outer, sink, creation, encoding, outerStatement, atomicFile, ct);
    }

    /// <summary>
    /// A stream created as the stream argument of the <c>StreamWriter</c> that a using holds
    /// (<c>using (var writer = new StreamWriter(File.Open(path, FileMode.Create)))</c>): the writer becomes
    /// <c>AtomicFile.CreateText(path[, encoding])</c>, which writes the same bytes (preamble included) and closes as
    /// the writer closed the stream.
    /// </summary>
    private static AtomicFixAnalysis? TryPlanInlineWrappedWriter(SemanticModel model, StreamPlan outer, ExpressionSyntax sink, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        if (outer.FileInfoReceiver != null || outer.KeptArguments.Count != 1)
        {
            return null;
        }

        ExpressionSyntax top = sink;
        while (top.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            top = parenthesized;
        }

        if (!(top.Parent is ArgumentSyntax streamArgument)
            || !(streamArgument.Parent?.Parent is BaseObjectCreationExpressionSyntax creation)
            || SingleUsingDeclarator(creation) is null
            || !(model.GetOperation(creation, ct) is IObjectCreationOperation operation)
            || !FixOutlook.WritesOverStream(operation, streamArgument, out var encoding))
        {
            return null;
        }

        return PlanWriterInPlaceOf(model, outer, sink, creation, encoding, null, atomicFile, ct);
    }

    /// <summary>The writer <paramref name="creation"/> becomes <c>AtomicFile.CreateText(path[, encoding])</c> with the stream's path, committed at the end of its using.</summary>
    private static AtomicFixAnalysis? PlanWriterInPlaceOf(SemanticModel model, StreamPlan outer, ExpressionSyntax sink, BaseObjectCreationExpressionSyntax creation, ArgumentSyntax? encoding, StatementSyntax? outerStatement, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(outer.KeptArguments[0].Expression) };
        if (encoding != null)
        {
            arguments.Add(SyntaxFactory.Argument(encoding.Expression));
        }

        var candidate = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::AtomicWrite.AtomicFile.CreateText"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        if (!BindsTo(model, creation.SpanStart, candidate, atomicFile, "CreateText"))
        {
            return null;
        }

        var plan = new StreamPlan(sink)
        {
            FactoryMethod = "CreateText",
            AtomicTypeName = "AtomicStreamWriter",
            KeptArguments = outer.KeptArguments,
            DroppedComments = outer.DroppedComments,
            WrapperCreation = creation,
            WrapperEncoding = encoding,
            RemovedOuterStatement = outerStatement,
        };
        var scoped = PlanUsingScope(model, plan, creation, isWriter: true, truncates: true, ct);
        if (scoped.NoFixReason == NoFixReasons.Escapes)
        {
            // The writer itself wrapped by a JsonTextWriter: stream, StreamWriter and JsonTextWriter in three usings.
            var json = TryPlanJsonTextWriterOver(model, plan, creation, ct);
            if (json.HasValue)
            {
                return json.Value;
            }
        }

        return scoped;
    }

    /// <summary>The declarator whose whole initializer is <paramref name="expression"/>, when it is the single variable of a using (the analyzer's own test of that).</summary>
    private static VariableDeclaratorSyntax? SingleUsingDeclarator(ExpressionSyntax expression)
    {
        if (!FixOutlook.IsSingleUsingVariable(expression))
        {
            return null;
        }

        var top = expression;
        while (top.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            top = parenthesized;
        }

        return top.Parent?.Parent as VariableDeclaratorSyntax;
    }

    private static bool IsConfigureAwaitFalse(AwaitExpressionSyntax await)
        => await.Expression is InvocationExpressionSyntax invocation
           && invocation.Expression is MemberAccessExpressionSyntax memberAccess
           && memberAccess.Name.Identifier.ValueText == "ConfigureAwait"
           && invocation.ArgumentList.Arguments.Count == 1
           && invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression);
}
