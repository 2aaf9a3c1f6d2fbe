using System;
using AtomicWrite.Analyzers.InPlaceWrites;

namespace AtomicWrite.CodeFixes.Planning;

/// <summary>XDocument/XElement/XmlDocument.Save(path): saved into an atomic stream that is then committed.</summary>
internal static partial class AtomicFixPlanner
{
    private static AtomicFixAnalysis PlanXmlSave(SemanticModel model, InvocationExpressionSyntax sink, IInvocationOperation invocation, INamedTypeSymbol atomicFile, CancellationToken ct)
    {
        // A statement of its own, or the whole expression body of a member, local function, accessor or lambda
        // (Save returns void, so that body can become a block that does the same).
        var statement = sink.Parent as ExpressionStatementSyntax;
        SyntaxNode? expressionBody = null;
        if (statement is null)
        {
            expressionBody = FixOutlook.ExpressionBodyOwner(sink);
            if (expressionBody is null)
            {
                return AtomicFixAnalysis.NoFix(NoFixReasons.NotAStatement);
            }
        }

        var pathOperation = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (pathOperation is null || pathOperation.ArgumentKind != ArgumentKind.Explicit || !(pathOperation.Syntax is ArgumentSyntax pathArgument))
        {
            return AtomicFixAnalysis.NoFix(NoFixReasons.UnsupportedArguments);
        }

        // The path is now evaluated before the receiver: either may have effects, not both.
        var receiver = (sink.Expression as MemberAccessExpressionSyntax)?.Expression;
        if (receiver != null && !IsInert(receiver) && !(receiver is ThisExpressionSyntax) && !IsPure(model, pathArgument.Expression, ct))
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

        var plan = new XmlSavePlan(sink)
        {
            StreamParameterName = saveToStream.Parameters[0].Name,
            Statement = statement,
            ExpressionBody = expressionBody,
            PathArgument = pathArgument,
            VariableName = FreshName(model, sink, "stream"),
        };
        return AtomicFixAnalysis.Fix(plan);
    }
}
