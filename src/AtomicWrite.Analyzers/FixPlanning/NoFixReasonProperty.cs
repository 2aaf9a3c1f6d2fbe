using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AtomicWrite.Analyzers.FixPlanning
{
    /// <summary>Adds the "NoFixReason" property to a diagnostic's properties when the code fix will not be offered.</summary>
    internal static class NoFixReasonProperty
    {
        private static readonly Dictionary<string, string> Explanations = new Dictionary<string, string>
        {
            [NoFixReasons.RuntimeNotReferenced] = "AtomicWrite.AtomicFile is not referenced; add the AtomicWrite package",
            [NoFixReasons.UnsupportedSink] = "this kind of write has no automatic AtomicFile rewrite",
            [NoFixReasons.UnsupportedArguments] = "an argument has no AtomicFile equivalent",
            [NoFixReasons.NoMatchingOverload] = "AtomicFile has no overload for these arguments",
            [NoFixReasons.NotInUsing] = "the stream or writer is not the single variable of a using, so it is not clear where writing ends",
            [NoFixReasons.Escapes] = "the stream or writer escapes (returned, stored, wrapped or passed on), so it cannot be committed at the end of its scope",
            [NoFixReasons.Captured] = "the stream or writer is captured by a lambda or local function",
            [NoFixReasons.EarlyExit] = "control can leave the using scope early (return, break, continue, goto or yield)",
            [NoFixReasons.UnsupportedMember] = "the code uses a member the atomic stream or writer does not have, or closes it explicitly",
            [NoFixReasons.NotAStatement] = "the save is not a statement of its own",
        };

        /// <summary>
        /// Returns <paramref name="properties"/> with "NoFixReason" = "Code: explanation" when no AtomicFile fix is
        /// offered for <paramref name="operation"/>'s syntax; unchanged when a fix is offered or a reason is already set.
        /// </summary>
        public static ImmutableDictionary<string, string?> WithNoFixReason(this ImmutableDictionary<string, string?> properties, IOperation operation, CancellationToken cancellationToken)
        {
            if (properties.ContainsKey(NoFixReasons.PropertyName) || operation.SemanticModel is null)
            {
                return properties;
            }

            var reason = AtomicFixPlanner.GetNoFixReason(operation.SemanticModel, operation.Syntax, cancellationToken);
            if (reason is null)
            {
                return properties;
            }

            return properties.SetItem(NoFixReasons.PropertyName, reason + ": " + (Explanations.TryGetValue(reason, out var text) ? text : reason));
        }
    }
}
