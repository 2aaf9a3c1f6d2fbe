using System.Collections.Immutable;
using System.Composition;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// Fixes AW0002 where the hand-rolled sequence is simple: the temp is written by one whole-file call
/// (<c>File.WriteAllText</c>, <c>WriteAllBytes</c>, <c>WriteAllLines</c> or their async forms), optionally the target is
/// deleted, and the temp is moved or replaced over the target. The sequence becomes one <c>AtomicFile</c> call to the
/// real target with the same content and encoding arguments; a temp local used nowhere else is removed. Offered only
/// when <c>AtomicWrite.AtomicFile</c> resolves and the new call binds.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandRolledReplaceFixer))]
[Shared]
public sealed partial class HandRolledReplaceFixer : CodeFixProvider
{
    /// <summary>The equivalence key of the code action.</summary>
    public const string EquivalenceKey = "AtomicWrite.AW0002.UseAtomicFile";


    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HandRolledReplaceNotCrashSafe);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var atomicFile = WellKnownTypes.For(model.Compilation).AtomicFile;
        if (atomicFile is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // The diagnostic sits on the write of the temp; its additional location is the replace.
            if (diagnostic.AdditionalLocations.Count != 1 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                continue;
            }

            var replaceSpan = diagnostic.AdditionalLocations[0].SourceSpan;
            var plan = Plan(root, model, atomicFile, replaceSpan, context.CancellationToken);
            if (plan is null || !plan.WriteCall.Span.Contains(diagnostic.Location.SourceSpan))
            {
                // The temp written through a stream or writer that a using holds: the stream writes the target.
                var diagnosticSpan = diagnostic.Location.SourceSpan;
                if (await FixStreamTempAsync(document, diagnosticSpan, replaceSpan, context.CancellationToken).ConfigureAwait(false) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Write the target with an AtomicFile stream",
                            ct => FixStreamTempOrSameAsync(document, diagnosticSpan, replaceSpan, ct),
                            EquivalenceKey),
                        diagnostic);
                }

                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Replace with AtomicFile." + plan.MethodName,
                    ct => ApplyAsync(document, replaceSpan, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The rewrite of one hand-rolled replace: the temp write in <c>Block</c> becomes <c>NewCall</c> (an
    /// <c>AtomicFile.MethodName</c> call on <c>Target</c>), and <c>Removed</c> (the deletes, the replace, and a temp
    /// local used nowhere else) goes.
    /// </summary>
    private sealed record FixPlan(
        BlockSyntax Block,
        ExpressionStatementSyntax Write,
        InvocationExpressionSyntax WriteCall,
        ExpressionSyntax Target,
        List<StatementSyntax> Removed,
        ExpressionSyntax NewCall,
        string MethodName,
        bool AddUsing);

    private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        var atomicFile = (model is null ? null : WellKnownTypes.For(model.Compilation).AtomicFile);
        if (root is null || model is null || atomicFile is null)
        {
            return document;
        }

        var plan = Plan(root, model, atomicFile, span, ct);
        if (plan is null)
        {
            return document;
        }

        var marker = new SyntaxAnnotation("AtomicWrite.AW0002.Fixed");
        var newStatement = plan.Write.ReplaceNode(plan.WriteCall, plan.NewCall.WithTriviaFrom(plan.WriteCall)).WithAdditionalAnnotations(marker);
        var statements = new List<StatementSyntax>();
        foreach (var statement in plan.Block.Statements)
        {
            if (statement == plan.Write)
            {
                // Keep the comments and indentation of a removed temp declaration right above the write.
                var removedBefore = plan.Removed.FirstOrDefault(r => r.SpanStart < statement.SpanStart && IsDirectlyBefore(plan.Block, r, statement));
                statements.Add(removedBefore is null ? newStatement : newStatement.WithLeadingTrivia(removedBefore.GetLeadingTrivia()));
            }
            else if (!plan.Removed.Contains(statement))
            {
                statements.Add(statement);
            }
        }

        var newRoot = root.ReplaceNode(plan.Block, plan.Block.WithStatements(SyntaxFactory.List(statements)));
        if (plan.AddUsing && newRoot is CompilationUnitSyntax unit)
        {
            var fixedNode = unit.GetAnnotatedNodes(marker).FirstOrDefault();
            if (fixedNode is not null)
            {
                var endOfLine = DetectEndOfLine(unit);
                var containers = UsingDirectiveAdder.ChooseContainers(unit, new[] { fixedNode });
                if (containers.Count == 1 && containers[0] == unit)
                {
                    newRoot = UsingDirectiveAdder.AddTo(unit, endOfLine);
                }
                else
                {
                    newRoot = unit.ReplaceNodes(containers, (original, current) => UsingDirectiveAdder.AddTo(current, endOfLine));
                }
            }
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The call of a write statement: <c>File.X(...)</c>, <c>await File.X(...)</c> or <c>await File.X(...).ConfigureAwait(b)</c>.</summary>
    private static InvocationExpressionSyntax? WholeFileCallOf(ExpressionSyntax expression)
    {
        if (expression is AwaitExpressionSyntax awaited)
        {
            expression = awaited.Expression;
            if (expression is InvocationExpressionSyntax configure
                && configure.Expression is MemberAccessExpressionSyntax configureAccess
                && configureAccess.Name.Identifier.ValueText == "ConfigureAwait"
                && configure.ArgumentList.Arguments.Count == 1
                && configureAccess.Expression is InvocationExpressionSyntax inner)
            {
                expression = inner;
            }
        }

        return expression as InvocationExpressionSyntax;
    }

    private static bool IsDirectlyBefore(BlockSyntax block, StatementSyntax candidate, StatementSyntax statement)
    {
        var index = block.Statements.IndexOf(statement);
        return index > 0 && block.Statements[index - 1] == candidate;
    }

    private static string DetectEndOfLine(SyntaxNode root)
    {
        var eol = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return eol == default ? "\n" : eol.ToString();
    }

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, INamedTypeSymbol atomicFile, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken ct)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var replaceCall = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (replaceCall is null || replaceCall.Span != span
            || replaceCall.Parent is not ExpressionStatementSyntax replaceStatement
            || replaceStatement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var fileType = WellKnownTypes.For(model.Compilation).File;
        if (model.GetSymbolInfo(replaceCall, ct).Symbol is not IMethodSymbol replaceMethod
            || !SymbolEqualityComparer.Default.Equals(replaceMethod.ContainingType, fileType)
            || (replaceMethod.Name != "Move" && replaceMethod.Name != "Replace"))
        {
            return null;
        }

        var arguments = replaceCall.ArgumentList.Arguments;
        if (arguments.Count < 2 || arguments.Any(a => a.NameColon is not null))
        {
            return null;
        }

        // File.Replace with a backup keeps the old file; a single AtomicFile call would drop that: no fix.
        if (replaceMethod.Name == "Replace" && !arguments[2].Expression.IsKind(SyntaxKind.NullLiteralExpression))
        {
            return null;
        }

        var source = arguments[0].Expression;
        var target = arguments[1].Expression;
        var sourceKey = Key(model, source, ct);
        var targetKey = Key(model, target, ct);
        if (sourceKey is null || targetKey is null || sourceKey == targetKey)
        {
            return null;
        }

        // Walk back from the replace: deletes of the target may sit in between; the statement before them must
        // be the one whole-file write of the temp.
        var statements = block.Statements;
        var index = statements.IndexOf(replaceStatement);
        var removed = new List<StatementSyntax> { replaceStatement };
        var cursor = index - 1;
        while (cursor >= 0 && IsDeleteOf(model, statements[cursor], targetKey, fileType, ct))
        {
            removed.Add(statements[cursor]);
            cursor--;
        }

        if (cursor < 0 || statements[cursor] is not ExpressionStatementSyntax write)
        {
            return null;
        }

        var writeCall = WholeFileCallOf(write.Expression);
        if (writeCall is null
            || model.GetSymbolInfo(writeCall, ct).Symbol is not IMethodSymbol writeMethod
            || !SymbolEqualityComparer.Default.Equals(writeMethod.ContainingType, fileType)
            || !FileApiNames.WholeFileWrites.Contains(writeMethod.Name)
            || writeCall.Expression is not MemberAccessExpressionSyntax writeAccess
            || writeCall.ArgumentList.Arguments.Count < 2
            || writeCall.ArgumentList.Arguments[0].NameColon is not null
            || Key(model, writeCall.ArgumentList.Arguments[0].Expression, ct) != sourceKey)
        {
            return null;
        }

        // A temp local used only by the removed statements goes too.
        var tempDeclaration = TempDeclaration(model, block, source, write, removed, ct);
        if (tempDeclaration is not null)
        {
            removed.Add(tempDeclaration);
        }

        var (typeName, addUsing) = NameAtomicFile(model, root, atomicFile, write.SpanStart);
        var newArguments = writeCall.ArgumentList.Arguments.Replace(
            writeCall.ArgumentList.Arguments[0],
            writeCall.ArgumentList.Arguments[0].WithExpression(target.WithoutTrivia()));
        var newCall = writeCall
            .WithExpression(writeAccess.WithExpression(typeName.WithTriviaFrom(writeAccess.Expression)))
            .WithArgumentList(writeCall.ArgumentList.WithArguments(newArguments));

        // The new call must bind to an AtomicFile overload (same content/encoding arguments).
        var speculative = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseTypeName("global::AtomicWrite.AtomicFile"), writeAccess.Name),
            newCall.ArgumentList);
        var bound = model.GetSpeculativeSymbolInfo(writeCall.SpanStart, speculative, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        if (bound is null || !SymbolEqualityComparer.Default.Equals(bound.ContainingType, atomicFile))
        {
            return null;
        }

        return new FixPlan(block, write, writeCall, target, removed, newCall, writeMethod.Name, addUsing);
    }

    private static StatementSyntax? TempDeclaration(SemanticModel model, BlockSyntax block, ExpressionSyntax source, StatementSyntax write, List<StatementSyntax> removed, CancellationToken ct)
    {
        if (model.GetSymbolInfo(source, ct).Symbol is not ILocalSymbol local)
        {
            return null;
        }

        var declaration = block.Statements.OfType<LocalDeclarationStatementSyntax>()
            .FirstOrDefault(d => d.Declaration.Variables.Count == 1 && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(d.Declaration.Variables[0], ct), local));
        if (declaration is null || declaration.UsingKeyword != default || declaration.SpanStart > write.SpanStart)
        {
            return null;
        }

        var initializer = declaration.Declaration.Variables[0].Initializer?.Value;
        if (initializer is not null && initializer.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(i => !IsPure(model, i, ct)))
        {
            return null;
        }

        var scope = (SyntaxNode?)block.Parent ?? block;
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, ct).Symbol, local))
            {
                continue;
            }

            if (!write.Span.Contains(identifier.Span) && !removed.Any(r => r.Span.Contains(identifier.Span)))
            {
                return null;
            }
        }

        return declaration;
    }

    /// <summary>Calls that only compute a name (Path.*, string methods, Guid.NewGuid) can go with the temp local.</summary>
    private static bool IsPure(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken ct)
    {
        if (model.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var type = method.ContainingType?.ToDisplayString();
        return (type == "System.IO.Path" && method.Name != "GetTempFileName")
               || type == "string"
               || type == "System.Guid"
               || method.Name == "ToString";
    }

    private static bool IsDeleteOf(SemanticModel model, StatementSyntax statement, string targetKey, INamedTypeSymbol? fileType, CancellationToken ct)
    {
        switch (statement)
        {
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }:
                return model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol method
                       && method.Name == "Delete"
                       && SymbolEqualityComparer.Default.Equals(method.ContainingType, fileType)
                       && call.ArgumentList.Arguments.Count == 1
                       && Key(model, call.ArgumentList.Arguments[0].Expression, ct) == targetKey;
            case IfStatementSyntax { Else: null } ifStatement:
                // if (File.Exists(target)) File.Delete(target);
                if (ifStatement.Condition is not InvocationExpressionSyntax condition
                    || model.GetSymbolInfo(condition, ct).Symbol is not IMethodSymbol exists
                    || exists.Name != "Exists"
                    || !SymbolEqualityComparer.Default.Equals(exists.ContainingType, fileType)
                    || condition.ArgumentList.Arguments.Count != 1
                    || Key(model, condition.ArgumentList.Arguments[0].Expression, ct) != targetKey)
                {
                    return false;
                }

                var body = ifStatement.Statement is BlockSyntax { Statements.Count: 1 } single ? single.Statements[0] : ifStatement.Statement;
                return IsDeleteOf(model, body, targetKey, fileType, ct);
            default:
                return false;
        }
    }

    /// <summary>The symbol a path expression reads, or its text without whitespace.</summary>
    private static string? Key(SemanticModel model, ExpressionSyntax expression, CancellationToken ct)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        var symbol = model.GetSymbolInfo(expression, ct).Symbol;
        if (symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IFieldSymbol || symbol is IPropertySymbol)
        {
            if (expression is IdentifierNameSyntax || (expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
            {
                return "symbol:" + symbol.ToDisplayString();
            }
        }

        return "text:" + string.Concat(expression.ToString().Where(c => !char.IsWhiteSpace(c)));
    }

    private static (ExpressionSyntax Name, bool AddUsing) NameAtomicFile(SemanticModel model, SyntaxNode root, INamedTypeSymbol atomicFile, int position)
    {
        var found = model.LookupNamespacesAndTypes(position, name: "AtomicFile");
        if (found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], atomicFile))
        {
            return (SyntaxFactory.IdentifierName("AtomicFile"), false);
        }

        if (found.Length == 0)
        {
            // Importing the namespace must not make another name in the file ambiguous.
            var runtimeNames = new HashSet<string>(atomicFile.ContainingNamespace.GetTypeMembers().Select(t => t.Name));
            var clash = root.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => runtimeNames.Contains(i.Identifier.ValueText));
            if (!clash && root is CompilationUnitSyntax)
            {
                return (SyntaxFactory.IdentifierName("AtomicFile"), true);
            }
        }

        return (SyntaxFactory.ParseExpression("global::AtomicWrite.AtomicFile"), false);
    }
}
