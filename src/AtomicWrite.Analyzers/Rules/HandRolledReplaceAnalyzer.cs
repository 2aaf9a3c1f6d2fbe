using AtomicWrite.Analyzers.HandRolledReplace;

namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// AW0002: a replace built by hand from a temp file and a move, replace, copy or rename that is not crash-safe.
/// </summary>
/// <remarks>
/// Facts are gathered per member body (IOperation trees) and combined per type at the end of the type, so that a temp
/// kept in a field or property, written in one method and moved in another (or in <c>Dispose</c>), is followed too.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandRolledReplaceAnalyzer() : RuleAnalyzer(GeneratedCodeAnalysisFlags.None, Descriptors.HandRolledReplaceNotCrashSafe)
{
    /// <summary>Diagnostic property: the flaws found, as a comma-separated list of <see cref="AW0002Flaw"/> names.</summary>
    public const string FlawsProperty = "Flaws";

    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var symbols = WellKnownTypes.For(compilationContext.Compilation);
            if (symbols.File is null)
            {
                return;
            }

            compilationContext.RegisterSymbolStartAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    var collector = new TypeCollector(symbols, type);
                    symbolContext.RegisterOperationBlockAction(AnalyzerGuard.Wrap<OperationBlockAnalysisContext>(collector.AddOperationBlock));
                    symbolContext.RegisterOperationAction(AnalyzerGuard.Wrap<OperationAnalysisContext>(collector.NoteInvocation), OperationKind.Invocation, OperationKind.Invalid);
                    symbolContext.RegisterSymbolEndAction(AnalyzerGuard.Wrap<SymbolAnalysisContext>(collector.Report));
                },
                SymbolKind.NamedType);
        });
    }

    private sealed class TypeCollector
    {
        private readonly WellKnownTypes symbols;
        private readonly INamedTypeSymbol type;
        private readonly List<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> bodies = new List<(ISymbol, ImmutableArray<IOperation>)>();
        private volatile bool anyReplace;

        public TypeCollector(WellKnownTypes symbols, INamedTypeSymbol type)
        {
            this.symbols = symbols;
            this.type = type;
        }

        /// <summary>
        /// Notes that a member of the type calls a move, replace, copy or rename (by the same symbol rules the fact
        /// builder records replaces with), so that the type's bodies are walked at the end of the type.
        /// </summary>
        public void NoteInvocation(OperationAnalysisContext context)
        {
            if (anyReplace)
            {
                return;
            }

            if ((context.Operation is IInvocationOperation invocation && AW0002FactBuilder.MayReplace(invocation.TargetMethod, symbols))
                || (context.Operation is IInvalidOperation invalid && AW0002FactBuilder.MayReplaceUnbound(invalid)))
            {
                anyReplace = true;
            }
        }

        /// <summary>
        /// Keeps a member's operation blocks (already bound by the driver, so nothing is bound again) for the end of the
        /// type; field and property initializers arrive as their own IFieldInitializerOperation or
        /// IPropertyInitializerOperation blocks, a constructor initializer as its own invocation block.
        /// </summary>
        public void AddOperationBlock(OperationBlockAnalysisContext context)
        {
            var owner = context.OwningSymbol;
            if (!SymbolEqualityComparer.Default.Equals(owner.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return;
            }

            lock (bodies)
            {
                bodies.Add((owner, context.OperationBlocks));
            }
        }

        /// <summary>
        /// The blocks the fact builder walks, in source order (a constructor initializer before the body). Attributes and
        /// parameter default values hold only constants and are left out, so a member with nothing else (an abstract,
        /// partial or extern method) has no facts at all.
        /// </summary>
        private static ImmutableArray<IOperation> WalkedBlocks(ImmutableArray<IOperation> blocks)
        {
            var walked = true;
            foreach (var block in blocks)
            {
                walked &= IsWalked(block);
            }

            if (walked && blocks.Length <= 1)
            {
                return blocks;
            }

            var builder = ImmutableArray.CreateBuilder<IOperation>(blocks.Length);
            foreach (var block in blocks)
            {
                if (IsWalked(block))
                {
                    builder.Add(block);
                }
            }

            builder.Sort((x, y) => x.Syntax.SpanStart.CompareTo(y.Syntax.SpanStart));
            return builder.ToImmutable();
        }

        private static bool IsWalked(IOperation block)
            => block.Kind != OperationKind.Attribute && block.Kind != OperationKind.ParameterInitializer;

        public void Report(SymbolAnalysisContext context)
        {
            // Test code (as for AW0001): tests write, move and corrupt fixture files on purpose.
            if (!anyReplace || TestCode.Contains(type))
            {
                return;
            }

            List<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> snapshot;
            lock (bodies)
            {
                snapshot = new List<(ISymbol, ImmutableArray<IOperation>)>(bodies);
            }

            // The IOperation walk happens only for types that call a move, replace, copy or rename somewhere.
            var byOwner = new Dictionary<ISymbol, AW0002MethodFacts>(SymbolEqualityComparer.Default);
            foreach (var (owner, allBlocks) in snapshot)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var blocks = WalkedBlocks(allBlocks);
                if (blocks.IsEmpty)
                {
                    continue;
                }

                if (!byOwner.TryGetValue(owner, out var facts))
                {
                    facts = new AW0002MethodFacts(owner);
                    byOwner.Add(owner, facts);
                }

                var builder = new AW0002FactBuilder(symbols, type, facts);
                foreach (var block in blocks)
                {
                    builder.Visit(block);
                }
            }

            var methods = new List<AW0002MethodFacts>(byOwner.Values);

            if (!methods.Exists(m => m.Replaces.Count > 0))
            {
                return;
            }

            foreach (var diagnostic in new AW0002TypeEvaluator(symbols, methods).Evaluate(context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
