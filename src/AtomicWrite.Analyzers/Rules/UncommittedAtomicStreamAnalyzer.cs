using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// AW0004: a stream or writer from <c>AtomicFile.Create</c>/<c>AtomicFile.CreateText</c> that reaches its disposal on
/// some normal (non-exceptional) path without <c>Commit()</c>/<c>CommitAsync()</c>, so that path silently discards the
/// content.
/// </summary>
/// <remarks>
/// Tracks locals declared with <c>using</c> (statement or declaration) or disposed explicitly, over the control-flow
/// graph of the member (lambdas and local functions included). Exception paths are ignored on purpose: an exception
/// should discard. A local that escapes (returned, stored, captured) is not tracked.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UncommittedAtomicStreamAnalyzer() : RuleAnalyzer(GeneratedCodeAnalysisFlags.None, Descriptors.UncommittedAtomicStream)
{
    private static readonly HashSet<string> CommitNames = new HashSet<string> { "Commit", "CommitAsync" };
    private static readonly HashSet<string> DisposeNames = new HashSet<string> { "Dispose", "DisposeAsync", "Close" };

    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var wellKnown = WellKnownTypes.For(compilationContext.Compilation);
            if (wellKnown.AtomicFile is not { } atomicFile || (wellKnown.AtomicFileStream is null && wellKnown.AtomicStreamWriter is null))
            {
                return;
            }

            var types = new Types(atomicFile, wellKnown.AtomicFileStream, wellKnown.AtomicStreamWriter);
            compilationContext.RegisterOperationBlockAction(blockContext => AnalyzerGuard.Run(() => AnalyzeBlock(blockContext, types)));
        });
    }

    private sealed record Types(INamedTypeSymbol AtomicFile, INamedTypeSymbol? Stream, INamedTypeSymbol? Writer)
    {
        public bool IsCommittable(ITypeSymbol? type)
            => type is not null
               && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, Stream) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, Writer));

        public bool IsCreate(IOperation? operation, out IInvocationOperation? invocation)
        {
            invocation = operation is null ? null : OperationHelpers.Unwrap(operation) as IInvocationOperation;
            return invocation is not null
                   && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, AtomicFile)
                   && IsCommittable(invocation.TargetMethod.ReturnType);
        }
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, Types types)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (!(root is IMethodBodyOperation || root is IConstructorBodyOperation || root is IBlockOperation))
            {
                continue;
            }

            var candidates = CollectCandidates(context, root, types);
            if (candidates.Count == 0)
            {
                continue;
            }

            ControlFlowGraph graph;
            try
            {
                graph = context.GetControlFlowGraph(root);
            }
            catch (System.ArgumentException)
            {
                // Not a body a graph can be built for (for example erroneous code).
                continue;
            }

            var reported = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            AnalyzeGraph(context, graph, candidates, types, reported, 0);
        }
    }

    private sealed record Candidate(ILocalSymbol Local, bool DisposedByUsing, IInvocationOperation Creation);

    private static Dictionary<ILocalSymbol, Candidate> CollectCandidates(OperationBlockAnalysisContext context, IOperation root, Types types)
    {
        var candidates = new Dictionary<ILocalSymbol, Candidate>(SymbolEqualityComparer.Default);
        var explicitlyDisposed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var escaped = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var created = new Dictionary<ILocalSymbol, (IInvocationOperation Creation, bool Using)>(SymbolEqualityComparer.Default);

        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when types.IsCommittable(declarator.Symbol.Type):
                    var value = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    if (types.IsCreate(value, out var creation) && creation is not null)
                    {
                        created[declarator.Symbol] = (creation, IsUsingDeclared(declarator));
                    }

                    break;
                case IUsingOperation usingOperation when usingOperation.Resources is not IVariableDeclarationGroupOperation
                                                        && types.IsCreate(usingOperation.Resources, out var unnamed) && unnamed is not null:
                    // using (AtomicFile.Create(path)) { ... } can never be committed.
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UncommittedAtomicStream, unnamed.Syntax.GetLocation(), unnamed.Syntax.ToString(), unnamed.TargetMethod.Name));
                    break;
                case ILocalReferenceOperation reference when types.IsCommittable(reference.Local.Type):
                    ClassifyUse(reference, types, explicitlyDisposed, escaped);
                    break;
            }
        }

        foreach (var pair in created)
        {
            if (escaped.Contains(pair.Key))
            {
                continue;
            }

            if (pair.Value.Using || explicitlyDisposed.Contains(pair.Key))
            {
                candidates.Add(pair.Key, new Candidate(pair.Key, pair.Value.Using, pair.Value.Creation));
            }
        }

        return candidates;
    }

    private static bool IsUsingDeclared(IVariableDeclaratorOperation declarator)
    {
        // declarator -> declaration -> group -> using / using declaration
        var group = declarator.Parent?.Parent;
        if (group is IVariableDeclarationGroupOperation)
        {
            return group.Parent is IUsingDeclarationOperation
                   || (group.Parent is IUsingOperation usingOperation && usingOperation.Resources == group);
        }

        return false;
    }

    private static bool DeclaredInside(ILocalSymbol local, IOperation function)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == function.Syntax.SyntaxTree && function.Syntax.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    private static void ClassifyUse(ILocalReferenceOperation reference, Types types, HashSet<ILocalSymbol> explicitlyDisposed, HashSet<ILocalSymbol> escaped)
    {
        IOperation child = reference;
        var parent = reference.Parent;
        while (parent is IConversionOperation || parent is IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        for (var current = parent; current is not null; current = current.Parent)
        {
            if ((current is IAnonymousFunctionOperation || current is ILocalFunctionOperation) && !DeclaredInside(reference.Local, current))
            {
                // Captured by a lambda or local function: not tracked.
                escaped.Add(reference.Local);
                return;
            }
        }

        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == child:
                if (DisposeNames.Contains(invocation.TargetMethod.Name))
                {
                    explicitlyDisposed.Add(reference.Local);
                }

                break;
            case IReturnOperation:
            case IVariableInitializerOperation:
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                escaped.Add(reference.Local);
                break;
            case IArrayInitializerOperation:
            case ITupleOperation:
                escaped.Add(reference.Local);
                break;
            case IArgumentOperation argument when types.IsCommittable(argument.Parameter?.Type):
                // A method that takes the AtomicFile type itself (not Stream/TextWriter) may commit it.
                escaped.Add(reference.Local);
                break;
        }
    }

    private static void AnalyzeGraph(OperationBlockAnalysisContext context, ControlFlowGraph graph, Dictionary<ILocalSymbol, Candidate> candidates, Types types, HashSet<ILocalSymbol> reported, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        foreach (var block in graph.Blocks)
        {
            var count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
            for (var i = 0; i < count; i++)
            {
                var root = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        && candidates.TryGetValue(target.Local, out var candidate)
                        && types.IsCreate(assignment.Value, out _)
                        && !reported.Contains(target.Local)
                        && HasUncommittedPath(graph, block, i + 1, candidate))
                    {
                        reported.Add(target.Local);
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UncommittedAtomicStream, candidate.Creation.Syntax.GetLocation(), candidate.Local.Name, candidate.Creation.TargetMethod.Name));
                    }

                    if (operation is IFlowAnonymousFunctionOperation lambda)
                    {
                        AnalyzeGraph(context, graph.GetAnonymousFunctionControlFlowGraph(lambda), candidates, types, reported, depth + 1);
                    }
                }
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            AnalyzeGraph(context, graph.GetLocalFunctionControlFlowGraph(localFunction), candidates, types, reported, depth + 1);
        }
    }

    /// <summary>Depth-first search over normal control flow from just after the creation until a commit, a dispose or the end of the local's scope.</summary>
    private static bool HasUncommittedPath(ControlFlowGraph graph, BasicBlock start, int startIndex, Candidate candidate)
    {
        var local = candidate.Local;
        ControlFlowRegion? lifetime = start.EnclosingRegion;
        while (lifetime is not null && !ContainsLocal(lifetime.Locals, local))
        {
            lifetime = lifetime.EnclosingRegion;
        }

        var visited = new HashSet<int>();
        var stack = new Stack<(BasicBlock Block, int Index)>();
        stack.Push((start, startIndex));
        while (stack.Count > 0)
        {
            var (block, index) = stack.Pop();
            var outcome = Scan(block, index, local);
            if (outcome == ScanOutcome.Committed)
            {
                continue;
            }

            if (outcome == ScanOutcome.Disposed)
            {
                return true;
            }

            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null)
                {
                    continue;
                }

                switch (branch.Semantics)
                {
                    case ControlFlowBranchSemantics.Throw:
                    case ControlFlowBranchSemantics.Rethrow:
                    case ControlFlowBranchSemantics.Error:
                    case ControlFlowBranchSemantics.StructuredExceptionHandling:
                    case ControlFlowBranchSemantics.ProgramTermination:
                        continue;
                }

                if (FinallyCommits(graph, branch, local))
                {
                    continue;
                }

                if (lifetime is not null && branch.LeavingRegions.Contains(lifetime))
                {
                    if (candidate.DisposedByUsing)
                    {
                        return true;
                    }

                    continue;
                }

                if (branch.Destination is { } destination && visited.Add(destination.Ordinal))
                {
                    stack.Push((destination, 0));
                }
            }
        }

        return false;
    }

    private static bool ContainsLocal(ImmutableArray<ILocalSymbol> locals, ILocalSymbol local)
    {
        foreach (var candidate in locals)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, local))
            {
                return true;
            }
        }

        return false;
    }

    private enum ScanOutcome
    {
        Continue,
        Committed,
        Disposed,
    }

    private static ScanOutcome Scan(BasicBlock block, int startIndex, ILocalSymbol local)
    {
        for (var i = startIndex; i < block.Operations.Length; i++)
        {
            var outcome = ScanOperation(block.Operations[i], local);
            if (outcome != ScanOutcome.Continue)
            {
                return outcome;
            }
        }

        return block.BranchValue is null ? ScanOutcome.Continue : ScanOperation(block.BranchValue, local);
    }

    private static ScanOutcome ScanOperation(IOperation operation, ILocalSymbol local)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is not IInvocationOperation invocation)
            {
                continue;
            }

            var instance = invocation.Instance is null ? null : OperationHelpers.Unwrap(invocation.Instance);
            var name = invocation.TargetMethod.Name;
            if (CommitNames.Contains(name))
            {
                // A receiver we cannot name (a flow capture of s?.Commit(), say) counts as a commit: stay quiet.
                if (instance is not ILocalReferenceOperation localReference || SymbolEqualityComparer.Default.Equals(localReference.Local, local))
                {
                    return ScanOutcome.Committed;
                }
            }
            else if (DisposeNames.Contains(name) && instance is ILocalReferenceOperation disposed
                     && SymbolEqualityComparer.Default.Equals(disposed.Local, local) && !invocation.IsImplicit)
            {
                return ScanOutcome.Disposed;
            }
        }

        return ScanOutcome.Continue;
    }

    private static bool FinallyCommits(ControlFlowGraph graph, ControlFlowBranch branch, ILocalSymbol local)
    {
        foreach (var region in branch.FinallyRegions)
        {
            for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal && ordinal < graph.Blocks.Length; ordinal++)
            {
                foreach (var operation in graph.Blocks[ordinal].Operations)
                {
                    if (ScanOperation(operation, local) == ScanOutcome.Committed)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
