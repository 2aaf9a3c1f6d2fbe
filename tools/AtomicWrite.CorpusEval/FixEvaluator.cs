using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.CodeFixes;
using AtomicWrite.CodeFixes.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.CorpusEval;

/// <summary>One AW0001/AW0002 report judged right (it hits a positive or hand-rolled-flawed row), and whether a fix is offered for it.</summary>
internal sealed record FixCase(string RowKey, string Id, string Path, int Line, string Api, string Outcome, string Reason);

/// <summary>A compile error that Fix All introduced (present after the fix, not before, in a changed document).</summary>
internal sealed record NewError(string Path, int Line, string Id, string Message);

/// <summary>What the code fixes did on one tree.</summary>
internal sealed class FixTreeResult
{
    public List<FixCase> Cases { get; } = new();

    public int Aw0001Diagnostics { get; set; }

    public int Aw0002Diagnostics { get; set; }

    public int Aw0001DocumentsChanged { get; set; }

    public int Aw0002DocumentsChanged { get; set; }

    /// <summary>AW0001 reports still present after Fix All (the ones it could not fix).</summary>
    public int Aw0001Left { get; set; } = -1;

    public int Aw0002Left { get; set; } = -1;

    public int ErrorsBeforeInChangedDocuments { get; set; }

    public int ErrorsAfterInChangedDocuments { get; set; }

    public List<NewError> NewErrors { get; } = new();

    public List<string> Failures { get; } = new();

    /// <summary>AW0001 reports (not calls to wrappers) whose stated no-fix reason was compared with the planner's.</summary>
    public int OutlookChecked { get; set; }

    /// <summary>Reports where the analyzer's stated reason and the planner's outcome disagree.</summary>
    public List<string> OutlookMismatches { get; } = new();

    public double Seconds { get; set; }
}

/// <summary>
/// Runs the AtomicWrite code fixes (InPlaceWriteFixer for AW0001, HandRolledReplaceFixer for AW0002) over a tree's
/// ad-hoc compilation, loaded into an <see cref="AdhocWorkspace"/> project built from the same trees, options and
/// references (plus the AtomicWrite runtime, so that AtomicFile resolves as it does once the package is installed).
/// </summary>
internal static class FixEvaluator
{
    public const string Aw0001 = "AW0001";
    public const string Aw0002 = "AW0002";

    /// <summary>The runtime assembly the fixed code compiles against.</summary>
    public static MetadataReference RuntimeReference { get; } = MetadataReference.CreateFromFile(typeof(AtomicWrite.AtomicFile).Assembly.Location);

    /// <summary>A workspace project holding exactly the compilation's trees (generated ones included, as plain documents).</summary>
    public static Project CreateProject(Compilation compilation)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parseOptions = compilation.SyntaxTrees.First().Options;
        var documents = compilation.SyntaxTrees.Select(t => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId),
            string.IsNullOrEmpty(t.FilePath) ? "Generated.cs" : System.IO.Path.GetFileName(t.FilePath),
            loader: TextLoader.From(TextAndVersion.Create(t.GetText(), VersionStamp.Create(), t.FilePath)),
            filePath: t.FilePath)).ToList();
        var info = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            compilation.AssemblyName ?? "corpus",
            compilation.AssemblyName ?? "corpus",
            LanguageNames.CSharp,
            compilationOptions: compilation.Options,
            parseOptions: parseOptions,
            documents: documents,
            metadataReferences: compilation.References.Append(RuntimeReference));
        return workspace.AddProject(info);
    }

    public static async Task<FixTreeResult> EvaluateAsync(
        Project project,
        Compilation compilation,
        IReadOnlyList<Diagnostic> diagnostics,
        IReadOnlyList<(string RowKey, string Id, Diagnostic Diagnostic)> rightReports,
        string treeDir,
        DiagnosticAnalyzer? aw0002Analyzer,
        bool fixAll)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = new FixTreeResult();
        var ct = CancellationToken.None;
        var inPlace = new InPlaceWriteFixer();
        var handRolled = new HandRolledReplaceFixer();
        var aw1 = diagnostics.Where(d => d.Id == Aw0001 && d.Location.IsInSource).ToList();
        var aw2 = diagnostics.Where(d => d.Id == Aw0002 && d.Location.IsInSource).ToList();
        result.Aw0001Diagnostics = aw1.Count;
        result.Aw0002Diagnostics = aw2.Count;

        // 1. Coverage: for each report judged right, is a fix offered where it points (or, for a call to a
        //    wrapper, at the wrapper's own reported write)?
        var seen = new HashSet<(string, Location)>();
        foreach (var (rowKey, id, diagnostic) in rightReports)
        {
            if (!seen.Add((rowKey, diagnostic.Location)))
            {
                continue;
            }

            string outcome, reason;
            try
            {
                (outcome, reason) = id == Aw0001
                    ? await Aw0001OutcomeAsync(project, inPlace, diagnostic, aw1, 0, ct).ConfigureAwait(false)
                    : await Aw0002OutcomeAsync(project, handRolled, diagnostic, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = "error";
                reason = e.GetType().Name + ": " + e.Message;
                result.Failures.Add($"{rowKey}: {reason}");
            }

            var span = diagnostic.Location.GetLineSpan();
            result.Cases.Add(new FixCase(rowKey, id, Relative(treeDir, span.Path), span.StartLinePosition.Line + 1, ApiOf(diagnostic), outcome, reason));
        }

        // The reason the analyzer states (message suffix, NoFixReason) against the planner, on every AW0001 report.
        foreach (var d in aw1)
        {
            d.Properties.TryGetValue("NoFixReason", out var stated);
            var statedCode = string.IsNullOrEmpty(stated) ? null : stated!.Split(':')[0];
            if (statedCode is "WrapperCall" or "ModeForwarded" || project.GetDocument(d.Location.SourceTree) is not { } doc)
            {
                continue;
            }

            var root = (await doc.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            var model = (await doc.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            var planned = AtomicFixPlanner.GetNoFixReason(model, root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true), ct);
            result.OutlookChecked++;
            bool predictable = planned is "UnsupportedSink" or "NotInUsing" or "NotAStatement"
                               || (planned == "UnsupportedArguments" && d.Properties.TryGetValue("Sink", out var k) && k != "XmlSave");
            if ((statedCode != null && statedCode != planned) || (statedCode is null && predictable))
            {
                var span = d.Location.GetLineSpan();
                result.OutlookMismatches.Add($"{Relative(treeDir, span.Path)}:{span.StartLinePosition.Line + 1} stated {statedCode ?? "-"}, planner {planned ?? "fix"}");
            }
        }

        if (!fixAll)
        {
            result.Seconds = sw.Elapsed.TotalSeconds;
            return result;
        }

        // 2. Fix All, as `dotnet format analyzers --diagnostics AW0001` and then `--diagnostics AW0002` apply it:
        //    the project-wide Fix All action of each provider, the second on the result of the first.
        var original = project.Solution;
        var solution = original;
        try
        {
            solution = await ApplyFixAllAsync(project, inPlace, InPlaceWriteFixer.EquivalenceKey, aw1, ct).ConfigureAwait(false);
            result.Aw0001DocumentsChanged = ChangedDocuments(original, solution).Count;

            if (aw0002Analyzer is not null && aw2.Count > 0)
            {
                var afterFirst = solution.GetProject(project.Id)!;

                // The AW0002 reports stay valid when the first Fix All changed none of their documents (the unchanged
                // documents keep their syntax trees); otherwise the AW0002 analyzer runs again on the result.
                var touched = new HashSet<SyntaxTree>();
                foreach (var id in ChangedDocuments(original, solution))
                {
                    touched.Add((await original.GetDocument(id)!.GetSyntaxTreeAsync(ct).ConfigureAwait(false))!);
                }

                var aw2Now = aw2.Any(d => touched.Contains(d.Location.SourceTree!) || d.AdditionalLocations.Any(l => l.SourceTree is { } t && touched.Contains(t)))
                    ? await AnalyzeAsync((await afterFirst.GetCompilationAsync(ct).ConfigureAwait(false))!, aw0002Analyzer, Aw0002, ct).ConfigureAwait(false)
                    : aw2;
                var beforeSecond = solution;
                solution = await ApplyFixAllAsync(afterFirst, handRolled, HandRolledReplaceFixer.EquivalenceKey, aw2Now, ct).ConfigureAwait(false);
                result.Aw0002DocumentsChanged = ChangedDocuments(beforeSecond, solution).Count;
            }
            else
            {
                result.Aw0002DocumentsChanged = 0;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.Failures.Add("Fix All: " + e.GetType().Name + ": " + e.Message);
        }

        // 3. Compile errors of every changed document, before and after; an error counts as new when its
        //    (id, message) occurs more often after the fix than before in that document.
        var changed = ChangedDocuments(original, solution);
        var after = (await solution.GetProject(project.Id)!.GetCompilationAsync(ct).ConfigureAwait(false))!;
        foreach (var documentId in changed)
        {
            var oldTree = (await original.GetDocument(documentId)!.GetSyntaxTreeAsync(ct).ConfigureAwait(false))!;
            var newTree = (await solution.GetDocument(documentId)!.GetSyntaxTreeAsync(ct).ConfigureAwait(false))!;
            var oldErrors = compilation.GetSemanticModel(oldTree).GetDiagnostics(cancellationToken: ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var newErrors = after.GetSemanticModel(newTree).GetDiagnostics(cancellationToken: ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            result.ErrorsBeforeInChangedDocuments += oldErrors.Count;
            result.ErrorsAfterInChangedDocuments += newErrors.Count;
            var before = oldErrors.GroupBy(d => (d.Id, d.GetMessage())).ToDictionary(g => g.Key, g => g.Count());
            foreach (var group in newErrors.GroupBy(d => (d.Id, d.GetMessage())))
            {
                int extra = group.Count() - (before.TryGetValue(group.Key, out var n) ? n : 0);
                foreach (var d in group.Take(Math.Max(0, extra)))
                {
                    var span = d.Location.GetLineSpan();
                    result.NewErrors.Add(new NewError(Relative(treeDir, span.Path), span.StartLinePosition.Line + 1, d.Id, d.GetMessage()));
                }
            }
        }

        result.Seconds = sw.Elapsed.TotalSeconds;
        return result;
    }

    private static string Relative(string treeDir, string path) =>
        Path.IsPathRooted(path) ? Path.GetRelativePath(treeDir, path).Replace('\\', '/') : path;

    /// <summary>The API named at the start of the message ("File.WriteAllText overwrites ..."), or the call's text for AW0002.</summary>
    private static string ApiOf(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage();
        int at = message.IndexOf(" overwrites ", StringComparison.Ordinal);
        return at > 0 ? message.Substring(0, at) : message.Split(':')[0];
    }

    private static async Task<(string Outcome, string Reason)> Aw0001OutcomeAsync(
        Project project, CodeFixProvider fixer, Diagnostic diagnostic, List<Diagnostic> allAw0001, int depth, CancellationToken ct)
    {
        var document = project.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            return ("none", "NoDocument");
        }

        if (await OffersAsync(document, fixer, diagnostic, ct).ConfigureAwait(false))
        {
            return (depth == 0 ? "offered" : "offered at the wrapper", string.Empty);
        }

        diagnostic.Properties.TryGetValue("NoFixReason", out var given);
        diagnostic.Properties.TryGetValue("Sink", out var sinkKind);
        if (sinkKind == "Wrapper")
        {
            // A call to a wrapper: the fix belongs in the wrapper, whose own write is reported too
            // ("the file passed to 'Name'"). Counted as fixed when every such report of that wrapper gets a fix.
            if (given is not null && given.StartsWith("ModeForwarded", StringComparison.Ordinal))
            {
                return ("none", "ModeForwarded");
            }

            var inner = await WrapperInnerReportsAsync(project, document, diagnostic, allAw0001, ct).ConfigureAwait(false);
            if (inner.Count == 0 || depth >= 3)
            {
                return ("none", "Wrapper (inner write not reported)");
            }

            var reasons = new List<string>();
            bool all = true;
            foreach (var d in inner)
            {
                var (o, r) = await Aw0001OutcomeAsync(project, fixer, d, allAw0001, depth + 1, ct).ConfigureAwait(false);
                if (!o.StartsWith("offered", StringComparison.Ordinal))
                {
                    all = false;
                    reasons.Add(r);
                }
            }

            return all ? ("offered at the wrapper", string.Empty) : ("none", "Wrapper -> " + string.Join(", ", reasons.Distinct()));
        }

        if (!string.IsNullOrEmpty(given))
        {
            return ("none", given!.Split(':')[0]);
        }

        {
            var root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            var model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var reason = AtomicFixPlanner.GetNoFixReason(model, node, ct) ?? "planned but not registered";
            return ("none", reason + (sinkKind is null ? string.Empty : " (" + sinkKind + ")"));
        }
    }

    /// <summary>
    /// The AW0001 reports inside the wrapper a call goes to: inside the declarations of the called method (the
    /// candidate when the call does not bind) and of its implementations, else those that name it
    /// ("the file passed to 'Name'").
    /// </summary>
    private static async Task<List<Diagnostic>> WrapperInnerReportsAsync(Project project, Document document, Diagnostic call, List<Diagnostic> allAw0001, CancellationToken ct)
    {
        var root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
        var model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
        var node = root.FindNode(call.Location.SourceSpan, getInnermostNodeForTie: true);
        var info = model.GetSymbolInfo(node, ct);
        var method = (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) as IMethodSymbol;
        var methods = new List<IMethodSymbol>();
        if (method is not null)
        {
            methods.Add(method.OriginalDefinition);
            if (method.IsAbstract || method.IsVirtual || method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                foreach (var implementation in await Microsoft.CodeAnalysis.FindSymbols.SymbolFinder.FindImplementationsAsync(method.OriginalDefinition, project.Solution, cancellationToken: ct).ConfigureAwait(false))
                {
                    if (implementation is IMethodSymbol m)
                    {
                        methods.Add(m);
                    }
                }

                foreach (var @override in await Microsoft.CodeAnalysis.FindSymbols.SymbolFinder.FindOverridesAsync(method.OriginalDefinition, project.Solution, cancellationToken: ct).ConfigureAwait(false))
                {
                    if (@override is IMethodSymbol m)
                    {
                        methods.Add(m);
                    }
                }
            }
        }

        var inner = new List<Diagnostic>();
        foreach (var reference in methods.SelectMany(m => m.DeclaringSyntaxReferences))
        {
            inner.AddRange(allAw0001.Where(d => d.Location.SourceTree == reference.SyntaxTree
                                                && reference.Span.Contains(d.Location.SourceSpan)
                                                && !d.Location.Equals(call.Location)));
        }

        if (inner.Count == 0)
        {
            var api = ApiOf(call);
            var name = api.Substring(api.LastIndexOf('.') + 1);
            var marker = "the file passed to '" + name + "'";
            inner.AddRange(allAw0001.Where(d => d.GetMessage().Contains(marker, StringComparison.Ordinal) && !d.Location.Equals(call.Location)));
        }

        return inner.Distinct().ToList();
    }

    private static async Task<(string Outcome, string Reason)> Aw0002OutcomeAsync(Project project, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken ct)
    {
        var document = project.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            return ("none", "NoDocument");
        }

        if (await OffersAsync(document, fixer, diagnostic, ct).ConfigureAwait(false))
        {
            return ("offered", string.Empty);
        }

        // Describe the shape: what writes the temp, and what replaces the target.
        var model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
        string Describe(Location location)
        {
            if (!location.IsInSource || location.SourceTree is null)
            {
                return "?";
            }

            var m = location.SourceTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(location.SourceTree);
            var node = location.SourceTree.GetRoot(ct).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            for (var n = node; n is not null; n = n.Parent)
            {
                switch (m.GetOperation(n, ct))
                {
                    case IInvocationOperation i:
                        return i.TargetMethod.ContainingType.Name + "." + i.TargetMethod.Name;
                    case IObjectCreationOperation o when o.Type is not null:
                        return "new " + o.Type.Name;
                }
            }

            return "?";
        }

        var write = Describe(diagnostic.Location);
        var replace = diagnostic.AdditionalLocations.Count == 1 ? Describe(diagnostic.AdditionalLocations[0]) : "no replace location";
        return ("none", $"AW0002 shape: temp by {write}, replaced by {replace}");
    }

    private static async Task<bool> OffersAsync(Document document, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken ct)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), ct);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.Count > 0;
    }

    private static async Task<Solution> ApplyFixAllAsync(Project project, CodeFixProvider fixer, string equivalenceKey, IReadOnlyList<Diagnostic> diagnostics, CancellationToken ct)
    {
        if (diagnostics.Count == 0)
        {
            return project.Solution;
        }

        if (fixer.GetFixAllProvider() is not { } provider)
        {
            return project.Solution; // the fixer offers no Fix All: nothing changes
        }

        var context = new FixAllContext(
            project,
            fixer,
            FixAllScope.Project,
            equivalenceKey,
            diagnostics.Select(d => d.Id).Distinct(),
            new ListDiagnosticProvider(diagnostics),
            ct);
        var action = await provider.GetFixAsync(context).ConfigureAwait(false);
        if (action is null)
        {
            return project.Solution;
        }

        var operations = await action.GetOperationsAsync(ct).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
        return apply?.ChangedSolution ?? project.Solution;
    }

    private static List<DocumentId> ChangedDocuments(Solution before, Solution after) =>
        after.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true)).ToList();

    public static async Task<List<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer, string id, CancellationToken ct)
    {
        var cwa = new CompilationWithAnalyzers(
            compilation,
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var found = await cwa.GetAnalyzerDiagnosticsAsync(ct).ConfigureAwait(false);
        return found.Where(d => d.Id == id && d.Location.IsInSource).ToList();
    }

    private sealed class ListDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly IReadOnlyList<Diagnostic> _diagnostics;

        public ListDiagnosticProvider(IReadOnlyList<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree).ToList();
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => !d.Location.IsInSource).ToList());
    }
}
