using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers.FixPlanning
{
    /// <summary>
    /// Decides whether a flagged write can be rewritten to <c>AtomicFile</c> without changing what the program does
    /// on its normal path, and how. Used by the code fix, and usable by the analyzer to explain (through the
    /// "NoFixReason" property) why no fix is offered. Never throws for well-formed or broken code.
    /// </summary>
    internal static class AtomicFixPlanner
    {
        public const string AtomicFileMetadataName = "AtomicWrite.AtomicFile";

        private static readonly ImmutableHashSet<string> WholeFileMethods = ImmutableHashSet.Create(
            "WriteAllText", "WriteAllBytes", "WriteAllLines",
            "WriteAllTextAsync", "WriteAllBytesAsync", "WriteAllLinesAsync");

        // FileOptions flags that keep their meaning (or are harmless) on an atomic stream.
        private const int FileOptionsKeepable = 0x40000000 /* Asynchronous */ | 0x08000000 /* SequentialScan */
            | unchecked((int)0x80000000) /* WriteThrough */ | 0x10000000 /* RandomAccess */;

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
            catch (Exception)
            {
                // Broken or unexpected code: offer nothing rather than a wrong rewrite.
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }
        }

        private static AtomicFixAnalysis AnalyzeCore(SemanticModel model, SyntaxNode flagged, CancellationToken ct)
        {
            var atomicFile = model.Compilation.GetTypeByMetadataName(AtomicFileMetadataName);
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
                case "System.IO.File" when WholeFileMethods.Contains(method.Name):
                    return PlanWholeFile(model, sink, method, atomicFile);

                case "System.IO.File":
                    return PlanFileStreamFactory(model, sink, invocation, method, atomicFile, ct);

                case "System.IO.FileInfo":
                    return PlanFileInfo(model, sink, invocation, method, atomicFile, ct);

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

        private static AtomicFixAnalysis PlanWholeFile(SemanticModel model, InvocationExpressionSyntax sink, IMethodSymbol method, INamedTypeSymbol atomicFile)
        {
            var plan = new AtomicFixPlan(AtomicFixKind.WholeFile, sink);
            switch (sink.Expression)
            {
                case MemberAccessExpressionSyntax memberAccess when memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    plan.Receiver = memberAccess.Expression;
                    break;
                case SimpleNameSyntax name:
                    plan.BareName = name;
                    break;
                default:
                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }

            // The same arguments must bind to the same-named method on AtomicFile.
            var candidate = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("global::AtomicWrite.AtomicFile." + method.Name),
                sink.ArgumentList);
            if (!BindsTo(model, sink.SpanStart, candidate, atomicFile, method.Name))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.NoMatchingOverload);
            }

            return AtomicFixAnalysis.Fix(plan);
        }

        private static bool BindsTo(SemanticModel model, int position, ExpressionSyntax candidate, INamedTypeSymbol atomicFile, string name)
        {
            var info = model.GetSpeculativeSymbolInfo(position, candidate, SpeculativeBindingOption.BindAsExpression);
            return info.Symbol is IMethodSymbol bound
                && SymbolEqualityComparer.Default.Equals(bound.ContainingType, atomicFile)
                && bound.Name == name;
        }

        private static AtomicFixAnalysis PlanFileStreamFactory(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, IMethodSymbol method, INamedTypeSymbol atomicFile, CancellationToken ct)
        {
            var args = invocation.Arguments;
            string factory;
            bool truncates = true;
            var kept = new List<IArgumentOperation>();
            var dropped = new List<IArgumentOperation>();

            switch (method.Name)
            {
                case "Create":
                    factory = "Create";
                    foreach (var arg in args)
                    {
                        switch (arg.Parameter?.Name)
                        {
                            case "path":
                                kept.Add(arg);
                                break;
                            case "bufferSize":
                                dropped.Add(arg);
                                break;
                            case "options":
                                if (!IsKeepableFileOptions(arg))
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                dropped.Add(arg);
                                break;
                            default:
                                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                        }
                    }

                    break;

                case "CreateText":
                    factory = "CreateText";
                    kept.AddRange(args.Where(a => a.Parameter?.Name == "path"));
                    break;

                case "OpenWrite":
                    factory = "Create";
                    truncates = false;
                    kept.AddRange(args.Where(a => a.Parameter?.Name == "path"));
                    break;

                case "Open":
                    factory = "Create";
                    foreach (var arg in args)
                    {
                        switch (arg.Parameter?.Name)
                        {
                            case "path":
                                kept.Add(arg);
                                break;
                            case "mode":
                                var mode = ModeOf(arg);
                                if (mode is null)
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                truncates = mode.Value;
                                dropped.Add(arg);
                                break;
                            case "access":
                                if (!IsWriteAccess(arg))
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                dropped.Add(arg);
                                break;
                            case "share":
                                dropped.Add(arg);
                                break;
                            default:
                                // File.Open(string, FileStreamOptions) and anything newer.
                                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                        }
                    }

                    break;

                default:
                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }

            if (kept.Count == 0)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
            }

            return PlanStream(model, sink, factory, truncates, kept, dropped, null, atomicFile, ct);
        }

        private static AtomicFixAnalysis PlanFileInfo(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, IMethodSymbol method, INamedTypeSymbol atomicFile, CancellationToken ct)
        {
            if (!(sink.Expression is MemberAccessExpressionSyntax memberAccess) || !memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }

            string factory;
            bool truncates = true;
            var dropped = new List<IArgumentOperation>();
            switch (method.Name)
            {
                case "Create":
                    factory = "Create";
                    break;
                case "CreateText":
                    factory = "CreateText";
                    break;
                case "OpenWrite":
                    factory = "Create";
                    truncates = false;
                    break;
                case "Open":
                    factory = "Create";
                    foreach (var arg in invocation.Arguments)
                    {
                        switch (arg.Parameter?.Name)
                        {
                            case "mode":
                                var mode = ModeOf(arg);
                                if (mode is null)
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                truncates = mode.Value;
                                break;
                            case "access":
                                if (!IsWriteAccess(arg))
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                break;
                            case "share":
                                break;
                            default:
                                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                        }

                        dropped.Add(arg);
                    }

                    break;
                default:
                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }

            return PlanStream(model, sink, factory, truncates, new List<IArgumentOperation>(), dropped, memberAccess.Expression, atomicFile, ct);
        }

        // ------------------------------------------------------------------ object creations

        private static AtomicFixAnalysis AnalyzeCreation(SemanticModel model, ExpressionSyntax sink, IObjectCreationOperation creation, INamedTypeSymbol atomicFile, CancellationToken ct)
        {
            var ctor = creation.Constructor;
            if (ctor is null || ctor.Parameters.Length == 0 || ctor.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }

            var kept = new List<IArgumentOperation>();
            var dropped = new List<IArgumentOperation>();
            switch (ctor.ContainingType.ToDisplayString())
            {
                case "System.IO.FileStream":
                {
                    bool truncates = true;
                    bool sawMode = false;
                    foreach (var arg in creation.Arguments)
                    {
                        switch (arg.Parameter?.Name)
                        {
                            case "path":
                                kept.Add(arg);
                                break;
                            case "mode":
                                var mode = ModeOf(arg);
                                if (mode is null)
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                sawMode = true;
                                truncates = mode.Value;
                                dropped.Add(arg);
                                break;
                            case "access":
                                if (!IsWriteAccess(arg))
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                dropped.Add(arg);
                                break;
                            case "share":
                            case "bufferSize":
                            case "useAsync":
                                dropped.Add(arg);
                                break;
                            case "options" when arg.Parameter!.Type.Name == "FileOptions":
                                if (!IsKeepableFileOptions(arg))
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                dropped.Add(arg);
                                break;
                            default:
                                // FileStreamOptions and anything unknown.
                                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                        }
                    }

                    if (!sawMode)
                    {
                        return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                    }

                    return PlanStream(model, sink, "Create", truncates, kept, dropped, null, atomicFile, ct);
                }

                case "System.IO.StreamWriter":
                {
                    foreach (var arg in creation.Arguments)
                    {
                        switch (arg.Parameter?.Name)
                        {
                            case "path":
                            case "encoding":
                                if (arg.ArgumentKind == ArgumentKind.Explicit)
                                {
                                    kept.Add(arg);
                                }

                                break;
                            case "append":
                                var value = arg.Value.ConstantValue;
                                if (!value.HasValue || !(value.Value is bool append) || append)
                                {
                                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                                }

                                dropped.Add(arg);
                                break;
                            case "bufferSize":
                                dropped.Add(arg);
                                break;
                            default:
                                // FileStreamOptions and anything unknown.
                                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                        }
                    }

                    return PlanStream(model, sink, "CreateText", true, kept, dropped, null, atomicFile, ct);
                }

                default:
                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedSink);
            }
        }

        // ------------------------------------------------------------------ argument checks

        /// <summary>True when the mode truncates, false when it keeps the old bytes (OpenOrCreate), null when it is not a rewrite.</summary>
        private static bool? ModeOf(IArgumentOperation arg)
        {
            var value = arg.Value.ConstantValue;
            if (!value.HasValue || value.Value is null)
            {
                return null;
            }

            switch (Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                case 2: // Create
                case 5: // Truncate
                    return true;
                case 4: // OpenOrCreate
                    return false;
                default: // CreateNew, Open, Append
                    return null;
            }
        }

        private static bool IsWriteAccess(IArgumentOperation arg)
        {
            var value = arg.Value.ConstantValue;
            if (!value.HasValue || value.Value is null)
            {
                return false;
            }

            // FileAccess.Write = 2. ReadWrite (3) is refused: the atomic stream is for writing.
            return Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture) == 2;
        }

        private static bool IsKeepableFileOptions(IArgumentOperation arg)
        {
            var value = arg.Value.ConstantValue;
            if (!value.HasValue || value.Value is null)
            {
                return false;
            }

            var flags = Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture);
            return (flags & ~FileOptionsKeepable) == 0;
        }

        /// <summary>A dropped argument may go only if evaluating it has no effect (constants, locals, parameters, fields).</summary>
        private static bool IsDroppable(IArgumentOperation arg)
        {
            if (arg.ArgumentKind != ArgumentKind.Explicit)
            {
                return true;
            }

            var value = arg.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value.ConstantValue.HasValue)
            {
                return true;
            }

            switch (value)
            {
                case ILocalReferenceOperation _:
                case IParameterReferenceOperation _:
                case IFieldReferenceOperation _:
                case IDefaultValueOperation _:
                    return true;
                case IBinaryOperation binary:
                    return binary.LeftOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.HasValue;
                default:
                    return false;
            }
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
            if (dropped.Any(a => !IsDroppable(a)))
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
            var plan = new AtomicFixPlan(AtomicFixKind.StreamInUsing, sink)
            {
                FactoryMethod = factory,
                KeptArguments = keptSyntax,
                FileInfoReceiver = fileInfoReceiver,
                AtomicTypeName = isWriter ? "AtomicStreamWriter" : "AtomicFileStream",
                DroppedComments = CollectDroppedComments(sink, keptSyntax.Cast<SyntaxNode>().Concat(fileInfoReceiver is null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { fileInfoReceiver })),
            };

            // The expression must be the whole initializer of the single variable of a using.
            ExpressionSyntax top = sink;
            while (top.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                top = parenthesized;
            }

            if (!(top.Parent is EqualsValueClauseSyntax equals)
                || !(equals.Parent is VariableDeclaratorSyntax declarator)
                || !(declarator.Parent is VariableDeclarationSyntax declaration)
                || declaration.Variables.Count != 1)
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

                        plan.InsertBefore = finalReturn;
                        statements.RemoveAt(statements.Count - 1);
                    }

                    break;

                default:
                    return AtomicFixAnalysis.NoFix(NoFixReasons.NotInUsing);
            }

            plan.ScopeOwner = owner;
            plan.VariableName = declarator.Identifier.ValueText;

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

                plan.ExplicitType = declaration.Type;
            }

            // Single normal exit.
            var exit = CheckSingleExit(model, statements, ct);
            if (exit != null)
            {
                return AtomicFixAnalysis.NoFix(exit);
            }

            // Every use of the variable stays inside the scope and within what the atomic type offers.
            var usage = CheckUsages(model, owner, localSymbol, isWriter, truncates, ct);
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
                    plan.UseCommitAsync = true;
                    plan.ConfigureAwaitFalse = awaits.Count > 0 && awaits.All(IsConfigureAwaitFalse);
                }
            }

            return AtomicFixAnalysis.Fix(plan);
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

        private static bool IsConfigureAwaitFalse(AwaitExpressionSyntax await)
            => await.Expression is InvocationExpressionSyntax invocation
               && invocation.Expression is MemberAccessExpressionSyntax memberAccess
               && memberAccess.Name.Identifier.ValueText == "ConfigureAwait"
               && invocation.ArgumentList.Arguments.Count == 1
               && invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression);

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

        private static string? CheckUsages(SemanticModel model, SyntaxNode owner, ILocalSymbol local, bool isWriter, bool truncates, CancellationToken ct)
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
            return IsConsumerParameterType(parameter.OriginalDefinition.Type, isWriter) && !ReturnsDisposable(method)
                ? null
                : NoFixReasons.Escapes;
        }

        /// <summary>A method that takes a Stream (or a TextWriter, for writers) writes into it; one that takes object or T may keep it.</summary>
        private static bool IsConsumerParameterType(ITypeSymbol type, bool isWriter)
        {
            var name = type.ToDisplayString();
            return isWriter
                ? name == "System.IO.TextWriter" || name == "System.IO.StreamWriter"
                : name == "System.IO.Stream";
        }

        private static bool ReturnsDisposable(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (type is null || type.SpecialType == SpecialType.System_Void)
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

        private static AtomicFixAnalysis PlanXmlSave(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, INamedTypeSymbol atomicFile, CancellationToken ct)
        {
            if (!(sink.Parent is ExpressionStatementSyntax statement))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.NotAStatement);
            }

            var pathOperation = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
            if (pathOperation is null || pathOperation.ArgumentKind != ArgumentKind.Explicit || !(pathOperation.Syntax is ArgumentSyntax pathArgument))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
            }

            // The path moves in front of the receiver and the other arguments: those must not have effects.
            var receiver = (sink.Expression as MemberAccessExpressionSyntax)?.Expression;
            if (receiver != null && !IsInert(receiver) && !(receiver is ThisExpressionSyntax))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
            }

            foreach (var other in sink.ArgumentList.Arguments)
            {
                if (other != pathArgument && other.SpanStart < pathArgument.SpanStart && !IsInert(other.Expression))
                {
                    return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
                }
            }

            var candidate = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("global::AtomicWrite.AtomicFile.Create"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(pathArgument.Expression))));
            if (!BindsTo(model, sink.SpanStart, candidate, atomicFile, "Create"))
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.NoMatchingOverload);
            }

            // Save(Stream ...) with the same remaining parameters; its first parameter's name is used if the path was named.
            var saveToStream = invocation.TargetMethod.ContainingType.GetMembers("Save").OfType<IMethodSymbol>().FirstOrDefault(m =>
                m.Parameters.Length == invocation.TargetMethod.Parameters.Length
                && m.Parameters[0].Type.ToDisplayString() == "System.IO.Stream"
                && m.Parameters.Skip(1).Select(p => p.Type.ToDisplayString()).SequenceEqual(invocation.TargetMethod.Parameters.Skip(1).Select(p => p.Type.ToDisplayString())));
            if (saveToStream is null)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.NoMatchingOverload);
            }

            var plan = new AtomicFixPlan(AtomicFixKind.XmlSave, sink)
            {
                StreamParameterName = saveToStream.Parameters[0].Name,
                Statement = statement,
                PathArgument = pathArgument,
                VariableName = FreshName(model, statement, "stream"),
                AtomicTypeName = "AtomicFileStream",
            };
            return AtomicFixAnalysis.Fix(plan);
        }

        /// <summary>A name that no local, parameter or member visible in the enclosing member uses.</summary>
        private static string FreshName(SemanticModel model, SyntaxNode at, string baseName)
        {
            SyntaxNode scope = at.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax && !(a is GlobalStatementSyntax)) ?? at.SyntaxTree.GetRoot();
            if (scope is BaseTypeDeclarationSyntax)
            {
                scope = at.SyntaxTree.GetRoot();
            }

            var taken = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            foreach (var symbol in model.LookupSymbols(at.SpanStart))
            {
                taken.Add(symbol.Name);
            }

            var name = baseName;
            for (var i = 1; taken.Contains(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static IReadOnlyList<SyntaxTrivia> CollectDroppedComments(SyntaxNode sink, IEnumerable<SyntaxNode> keptNodes)
        {
            var kept = keptNodes.Select(n => n.FullSpan).ToList();
            return sink.DescendantTrivia(descendIntoTrivia: false)
                .Where(t => (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                            && sink.Span.Contains(t.Span)
                            && !kept.Any(k => k.Contains(t.Span)))
                .ToList();
        }
    }
}
