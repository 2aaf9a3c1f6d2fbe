using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.Analyzers
{
    /// <summary>
    /// AW0002: a replace built by hand from a temp file and a move, replace, copy or rename that is not crash-safe.
    /// </summary>
    /// <remarks>
    /// Facts are gathered per member body (IOperation trees) and combined per type at the end of the type, so that a temp
    /// kept in a field or property, written in one method and moved in another (or in <c>Dispose</c>), is followed too.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AW0002HandRolledReplaceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The rule ID.</summary>
        public const string DiagnosticId = DiagnosticIds.HandRolledReplaceNotCrashSafe;

        /// <summary>Diagnostic property: the flaws found, as a comma-separated list of <see cref="AW0002Flaw"/> names.</summary>
        public const string FlawsProperty = "Flaws";

        internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
            DiagnosticId,
            title: "Hand-rolled atomic replace is not crash-safe",
            messageFormat: "Hand-rolled atomic replace of '{0}' is not crash-safe: {1}",
            category: RuleHelp.Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Writing a temp file and moving it over the target only protects the target if the temp is unique, in the same directory, created new, fully written and flushed to disk before the move, and moved only after a successful write, with no moment without a file. Use AtomicWrite.AtomicFile, which does all of this.",
            helpLinkUri: RuleHelp.HelpLink(DiagnosticId));

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilationContext =>
            {
                var symbols = AW0002Symbols.Create(compilationContext.Compilation);
                if (symbols is null)
                {
                    return;
                }

                compilationContext.RegisterSymbolStartAction(
                    symbolContext =>
                    {
                        var type = (INamedTypeSymbol)symbolContext.Symbol;
                        var collector = new TypeCollector(symbols, type);
                        symbolContext.RegisterOperationBlockAction(collector.AddBlock);
                        symbolContext.RegisterSymbolEndAction(collector.Report);
                    },
                    SymbolKind.NamedType);
            });
        }

        /// <summary>Whether a body's syntax names a move, replace, copy or rename at all (a cheap filter before any IOperation walk).</summary>
        internal static bool MentionsReplace(SyntaxNode node)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken))
                {
                    continue;
                }

                var name = token.ValueText;
                switch (name)
                {
                    case "Move":
                    case "MoveTo":
                    case "Replace":
                    case "Copy":
                    case "CopyTo":
                    case "rename":
                    case "_wrename":
                    case "MoveOrReplace":
                        return true;
                }

                if (name.StartsWith("MoveFile", System.StringComparison.Ordinal)
                    || name.StartsWith("ReplaceFile", System.StringComparison.Ordinal)
                    || name.StartsWith("Rename", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class TypeCollector
        {
            private readonly AW0002Symbols symbols;
            private readonly INamedTypeSymbol type;
            private readonly List<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> bodies = new List<(ISymbol, ImmutableArray<IOperation>)>();
            private bool anyReplace;

            public TypeCollector(AW0002Symbols symbols, INamedTypeSymbol type)
            {
                this.symbols = symbols;
                this.type = type;
            }

            public void AddBlock(OperationBlockAnalysisContext context)
            {
                var owner = context.OwningSymbol;
                if (!SymbolEqualityComparer.Default.Equals(owner.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    return;
                }

                var mentions = false;
                foreach (var block in context.OperationBlocks)
                {
                    if (MentionsReplace(block.Syntax))
                    {
                        mentions = true;
                        break;
                    }
                }

                lock (bodies)
                {
                    bodies.Add((owner, context.OperationBlocks));
                    anyReplace |= mentions;
                }
            }

            public void Report(SymbolAnalysisContext context)
            {
                List<(ISymbol Owner, ImmutableArray<IOperation> Blocks)> snapshot;
                lock (bodies)
                {
                    if (!anyReplace)
                    {
                        return;
                    }

                    snapshot = new List<(ISymbol, ImmutableArray<IOperation>)>(bodies);
                }

                // The IOperation walk happens only for types that name a move, replace, copy or rename somewhere.
                var methods = new List<AW0002MethodFacts>(snapshot.Count);
                foreach (var (owner, blocks) in snapshot)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    var facts = new AW0002MethodFacts(owner);
                    var builder = new AW0002FactBuilder(symbols, type, facts);
                    foreach (var block in blocks)
                    {
                        builder.Visit(block);
                    }

                    methods.Add(facts);
                }

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
}
