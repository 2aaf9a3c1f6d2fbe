namespace AtomicWrite.CodeFixes.Planning;

/// <summary>File.WriteAll* and their async forms: the same call on AtomicFile.</summary>
internal static partial class AtomicFixPlanner
{
    private static AtomicFixAnalysis PlanWholeFile(SemanticModel model, InvocationExpressionSyntax sink, IMethodSymbol method, INamedTypeSymbol atomicFile)
    {
        var plan = new WholeFilePlan(sink);
        switch (sink.Expression)
        {
            case MemberAccessExpressionSyntax memberAccess when memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                plan = plan with { Receiver = memberAccess.Expression };
                break;
            case SimpleNameSyntax name:
                plan = plan with { BareName = name };
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
}
