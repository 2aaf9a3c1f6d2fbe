using System.Collections.Immutable;
using System.Composition;
using AtomicWrite.Analyzers.Rules;
using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// Rewrites an in-place write flagged by AW0001 or AW0003 to <c>AtomicWrite.AtomicFile</c>: whole-file writes
/// become the same call on <c>AtomicFile</c>; streams and writers held by a <c>using</c> become the streaming form
/// committed where the original finished writing; XML saves go through an atomic stream. The fix is offered only
/// when <c>AtomicWrite.AtomicFile</c> resolves and the rewrite is provably safe.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InPlaceWriteFixer))]
[Shared]
public sealed class InPlaceWriteFixer : CodeFixProvider
{
    /// <summary>The title of the code action.</summary>
    public const string Title = "Write atomically with AtomicFile";

    /// <summary>The equivalence key shared by every action of this provider, so that Fix All applies them together.</summary>
    public const string EquivalenceKey = "AtomicWrite.UseAtomicFile";

    private static readonly FixAllProvider FixAll = FixAllProvider.Create(
        async (context, document, diagnostics) => await AtomicFileRewriter.FixAsync(
            document, diagnostics.Select(d => d.Location.SourceSpan), context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.InPlaceWriteToSensitiveFile,
        DiagnosticIds.InPlaceOverwrite);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var ct = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null || WellKnownTypes.For(model.Compilation).AtomicFile is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(NoFixReasons.PropertyName, out var reason) && !string.IsNullOrEmpty(reason))
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var analysis = AtomicFixPlanner.Analyze(model, node, ct);
            if (analysis.Plan is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    c => AtomicFileRewriter.FixAsync(document, new[] { span }, c),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
