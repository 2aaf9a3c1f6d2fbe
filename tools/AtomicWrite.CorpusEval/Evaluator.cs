using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.CorpusEval;

/// <summary>A diagnostic of the analyzers, located relative to the tree root.</summary>
/// <param name="AlsoAt">The lines of the diagnostic's additional locations in the same file (for AW0002: the move or replace that publishes the temp).</param>
internal sealed record FoundDiagnostic(string Id, string Path, int Line, string Message, IReadOnlyList<int> AlsoAt);

/// <summary>What happened at one labelled row.</summary>
internal sealed class RowResult
{
    public required CorpusRow Row { get; init; }

    /// <summary>found / missed (positive, hand-rolled-flawed), quiet / false-positive (negative, already-atomic), not-evaluated.</summary>
    public required string Outcome { get; init; }

    public IReadOnlyList<int> Aw0001Lines { get; init; } = Array.Empty<int>();

    public IReadOnlyList<int> Aw0002Lines { get; init; } = Array.Empty<int>();

    public IReadOnlyList<int> Aw0003Lines { get; init; } = Array.Empty<int>();

    /// <summary>
    /// AW0002 whose primary location or one of whose additional locations (the move or replace it names) is within the
    /// drift of the row's line: the labelling brief lets a flawed row sit on the temp write or on the rename.
    /// </summary>
    public IReadOnlyList<int> Aw0002NamingLines { get; init; } = Array.Empty<int>();

    /// <summary>AW0002 anywhere in the row's enclosing member (or enclosing stream type): context for AW0002 rows.</summary>
    public IReadOnlyList<int> Aw0002InMemberLines { get; init; } = Array.Empty<int>();

    /// <summary>The symbol the call on the row's line binds to, or why it does not.</summary>
    public string Binding { get; init; } = string.Empty;

    public string Messages { get; init; } = string.Empty;

    public string? NotEvaluatedReason { get; init; }
}

/// <summary>Everything measured on one extracted tree (one repository at one commit).</summary>
internal sealed class TreeResult
{
    public required string Repo { get; init; }

    public required string Commit { get; init; }

    public required string Tree { get; init; }

    public bool Present { get; init; }

    public int Files { get; init; }

    public IReadOnlyList<string> Symbols { get; init; } = Array.Empty<string>();

    public bool ImplicitUsingsAdded { get; init; }

    /// <summary>Set when the tree could be analysed only after a compiler crash (how, and what was changed).</summary>
    public string? CompilerNote { get; init; }

    public int GeneratedFiles { get; init; }

    public IReadOnlyList<string> GeneratorErrors { get; init; } = Array.Empty<string>();

    public double ParseSeconds { get; init; }

    public double AnalysisSeconds { get; init; }

    public Dictionary<string, double> AnalyzerSeconds { get; init; } = new();

    public Dictionary<string, int> DiagnosticCounts { get; init; } = new();

    public int AnalyzerExceptions { get; init; }

    public int Ad0001 { get; init; }

    public List<string> ExceptionSummaries { get; init; } = new();

    public int? CompileErrors { get; init; }

    public List<FoundDiagnostic> Diagnostics { get; init; } = new();

    public List<RowResult> Rows { get; init; } = new();

    /// <summary>With --fixes: what the code fixes did on this tree.</summary>
    public FixTreeResult? Fixes { get; init; }
}

internal sealed class Evaluator
{
    public const int Drift = 2;

    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly Options _options;
    private readonly ImmutableArray<ISourceGenerator> _generators;

    public Evaluator(ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyList<MetadataReference> references, ImmutableArray<ISourceGenerator> generators, Options options)
    {
        _analyzers = analyzers;
        _generators = generators;
        _references = references;
        _options = options;
    }

    public async Task<TreeResult> EvaluateAsync(string repo, string commit, string treeDir, IReadOnlyList<CorpusRow> rows)
    {
        try
        {
            return await EvaluateAsync(repo, commit, treeDir, rows, NullableContextOptions.Enable, compilerNote: null).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Analyzer exceptions never get here (the exception callback takes them): this is the compiler itself
            // failing while it binds the tree for the analyzer driver (a NullReferenceException in its nullability
            // rewriter was seen). The tree is analysed again with nullable analysis off, and the report says so.
            var note = $"the compiler crashed with nullable analysis on ({e.GetType().Name} {FirstFrame(e)}); analysed with nullable analysis off";
            return await EvaluateAsync(repo, commit, treeDir, rows, NullableContextOptions.Disable, note).ConfigureAwait(false);
        }
    }

    private async Task<TreeResult> EvaluateAsync(string repo, string commit, string treeDir, IReadOnlyList<CorpusRow> rows, NullableContextOptions nullable, string? compilerNote)
    {
        var treeName = Path.GetFileName(treeDir);
        if (!Directory.Exists(treeDir))
        {
            return new TreeResult
            {
                Repo = repo, Commit = commit, Tree = treeName, Present = false,
                Rows = rows.Select(r => new RowResult { Row = r, Outcome = "not-evaluated", NotEvaluatedReason = "tree not extracted" }).ToList(),
            };
        }

        var extraSymbols = _options.Defines.Where(d => treeName.StartsWith(d.Key, StringComparison.OrdinalIgnoreCase)).SelectMany(d => d.Value);
        var diagnosticOptions = new Dictionary<string, ReportDiagnostic>
        {
            // AW0003 is off by default; turned on here for context (every in-place overwrite).
            ["AW0003"] = ReportDiagnostic.Warn,
        };
        var compiled = TreeCompiler.Compile(treeDir, _references, extraSymbols, diagnosticOptions, _generators, _options.Threads, nullable);
        var compilation = compiled.Compilation;
        Microsoft.CodeAnalysis.Project? project = null;
        if (_options.Fixes)
        {
            // The same trees, options and references (plus the AtomicWrite runtime) as a workspace project, so that
            // the code fixes see the documents the diagnostics point into.
            project = FixEvaluator.CreateProject(compilation);
            compilation = (CSharpCompilation)(await project.GetCompilationAsync().ConfigureAwait(false))!;
        }

        var exceptions = new ConcurrentBag<string>();
        var diagnostics = new List<FoundDiagnostic>();
        var raw = new List<(FoundDiagnostic Found, Diagnostic Diagnostic)>();
        var analyzerSeconds = new Dictionary<string, double>();
        int ad0001 = 0;
        var sw = Stopwatch.StartNew();
        if (_analyzers.Length > 0)
        {
            var cwa = new CompilationWithAnalyzers(
                compilation,
                _analyzers,
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (ex, analyzer, diag) =>
                        exceptions.Add($"{analyzer.GetType().Name}: {ex.GetType().Name}: {ex.Message} @ {FirstFrame(ex)}"),
                    concurrentAnalysis: _options.Threads > 1,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));

            var found = await cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var d in found)
            {
                if (d.Id == "AD0001")
                {
                    ad0001++;
                    exceptions.Add("AD0001: " + d.GetMessage());
                    continue;
                }

                var span = d.Location.GetLineSpan();
                var rel = !Path.IsPathRooted(span.Path) ? span.Path : Path.GetRelativePath(treeDir, span.Path).Replace('\\', '/');
                var alsoAt = d.AdditionalLocations
                    .Where(l => l.IsInSource && l.SourceTree == d.Location.SourceTree)
                    .Select(l => l.GetLineSpan().StartLinePosition.Line + 1)
                    .ToList();
                var foundDiagnostic = new FoundDiagnostic(d.Id, rel, span.StartLinePosition.Line + 1, d.GetMessage(), alsoAt);
                diagnostics.Add(foundDiagnostic);
                raw.Add((foundDiagnostic, d));
            }

            foreach (var a in _analyzers)
            {
                var info = await cwa.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).ConfigureAwait(false);
                analyzerSeconds[a.GetType().Name] = info.ExecutionTime.TotalSeconds;
            }
        }

        sw.Stop();

        int? compileErrors = null;
        if (_options.CompileErrors)
        {
            compileErrors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        }

        var byFile = diagnostics.GroupBy(d => d.Path).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var treesByPath = compilation.SyntaxTrees
            .Where(t => Path.IsPathRooted(t.FilePath))
            .GroupBy(t => Path.GetRelativePath(treeDir, t.FilePath).Replace('\\', '/'), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var rowResults = new List<RowResult>();
        foreach (var row in rows)
        {
            rowResults.Add(MatchRow(row, compilation, treesByPath, byFile));
        }

        FixTreeResult? fixes = null;
        if (project is not null)
        {
            // Reports judged right: an AW0001 within the drift of a found positive row, an AW0002 within the drift
            // of a found hand-rolled-flawed row.
            var right = new List<(string RowKey, string Id, Diagnostic Diagnostic)>();
            foreach (var r in rowResults.Where(r => r.Outcome == "found"))
            {
                var id = r.Row.Label == CorpusRow.Positive ? "AW0001" : "AW0002";
                foreach (var (f, d) in raw.Where(x => x.Found.Id == id && x.Found.Path == r.Row.Path && Math.Abs(x.Found.Line - r.Row.Line) <= Drift))
                {
                    right.Add(($"{r.Row.RepoName} {r.Row.Path}:{r.Row.Line}", id, d));
                }
            }

            var aw0002Analyzer = _analyzers.FirstOrDefault(a => a.SupportedDiagnostics.Any(s => s.Id == "AW0002"));
            fixes = await FixEvaluator.EvaluateAsync(project, compilation, raw.Select(x => x.Diagnostic).ToList(), right, treeDir, aw0002Analyzer, fixAll: !_options.NoFixAll).ConfigureAwait(false);
        }

        return new TreeResult
        {
            CompilerNote = compilerNote,
            Fixes = fixes,
            Repo = repo,
            Commit = commit,
            Tree = treeName,
            Present = true,
            Files = compiled.FileCount,
            Symbols = compiled.Symbols,
            ImplicitUsingsAdded = compiled.ImplicitUsingsAdded,
            GeneratedFiles = compiled.GeneratedFiles,
            GeneratorErrors = compiled.GeneratorErrors,
            ParseSeconds = compiled.ParseTime.TotalSeconds,
            AnalysisSeconds = sw.Elapsed.TotalSeconds,
            AnalyzerSeconds = analyzerSeconds,
            DiagnosticCounts = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count()),
            AnalyzerExceptions = exceptions.Count,
            Ad0001 = ad0001,
            ExceptionSummaries = exceptions.Distinct().OrderBy(s => s, StringComparer.Ordinal).Take(50).ToList(),
            CompileErrors = compileErrors,
            Diagnostics = diagnostics.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ToList(),
            Rows = rowResults,
        };
    }

    private static string FirstFrame(Exception ex)
    {
        var st = ex.StackTrace ?? string.Empty;
        var first = st.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return first;
    }

    private static RowResult MatchRow(
        CorpusRow row,
        CSharpCompilation compilation,
        Dictionary<string, SyntaxTree> treesByPath,
        Dictionary<string, List<FoundDiagnostic>> byFile)
    {
        if (!treesByPath.TryGetValue(row.Path, out var tree))
        {
            return new RowResult { Row = row, Outcome = "not-evaluated", NotEvaluatedReason = "file not in tree" };
        }

        var inFile = byFile.TryGetValue(row.Path, out var l) ? l : new List<FoundDiagnostic>();
        var near = inFile.Where(d => Math.Abs(d.Line - row.Line) <= Drift).ToList();
        List<int> Lines(IEnumerable<FoundDiagnostic> ds, string id) =>
            ds.Where(d => d.Id == id).Select(d => d.Line).Distinct().OrderBy(x => x).ToList();

        var aw1 = Lines(near, "AW0001");
        var aw2 = Lines(near, "AW0002");
        var aw3 = Lines(near, "AW0003");

        var (memberStart, memberEnd) = EnclosingLines(tree, row.Line);
        var aw2InMember = Lines(inFile.Where(d => d.Line >= memberStart && d.Line <= memberEnd), "AW0002");
        var aw2Naming = Lines(inFile.Where(d => Math.Abs(d.Line - row.Line) <= Drift || d.AlsoAt.Any(a => Math.Abs(a - row.Line) <= Drift)), "AW0002");

        string outcome = row.Label switch
        {
            CorpusRow.Positive => aw1.Count > 0 ? "found" : "missed",
            CorpusRow.HandRolledFlawed => aw2.Count > 0 ? "found" : "missed",
            _ => aw1.Count > 0 || aw2.Count > 0 ? "false-positive" : "quiet",
        };

        return new RowResult
        {
            Row = row,
            Outcome = outcome,
            Aw0001Lines = aw1,
            Aw0002Lines = aw2,
            Aw0003Lines = aw3,
            Aw0002InMemberLines = aw2InMember,
            Aw0002NamingLines = aw2Naming,
            Binding = Binding(compilation, tree, row.Line),
            Messages = string.Join(" | ", near.Where(d => d.Id != "AW0003").Select(d => $"{d.Id}@{d.Line}: {d.Message}")),
        };
    }

    /// <summary>
    /// The line range of the member around a line: a method, constructor, accessor or local function;
    /// for a member of a type that derives from a *Stream base, the whole type (a home-made atomic stream).
    /// </summary>
    private static (int Start, int End) EnclosingLines(SyntaxTree tree, int line)
    {
        var text = tree.GetText();
        if (line < 1 || line > text.Lines.Count)
        {
            return (line, line);
        }

        var textLine = text.Lines[line - 1];
        var root = tree.GetRoot();
        int pos = textLine.Start;
        while (pos < textLine.End && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        var node = root.FindToken(pos).Parent;
        if (node is null)
        {
            return (line, line);
        }

        var type = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        SyntaxNode? scope = null;
        if (type?.BaseList is { } bases && bases.Types.Any(b => b.Type.ToString().EndsWith("Stream", StringComparison.Ordinal)))
        {
            scope = type;
        }

        scope ??= node.AncestorsAndSelf().FirstOrDefault(n =>
            n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
                or PropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax);
        if (scope is null)
        {
            return (line, line);
        }

        var span = scope.GetLocation().GetLineSpan();
        return (span.StartLinePosition.Line + 1, span.EndLinePosition.Line + 1);
    }

    /// <summary>The symbol of the first call or object creation starting on the line: shows whether the ad-hoc compilation binds the sink.</summary>
    private static string Binding(CSharpCompilation compilation, SyntaxTree tree, int line)
    {
        var text = tree.GetText();
        if (line < 1 || line > text.Lines.Count)
        {
            return "line out of range";
        }

        var lineSpan = text.Lines[line - 1].Span;
        var root = tree.GetRoot();
        var calls = root.DescendantNodes(lineSpan)
            .Where(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax)
            .Where(n => lineSpan.Contains(n.SpanStart))
            .OrderBy(n => n.SpanStart)
            .ToList();
        if (calls.Count == 0)
        {
            return "no call on the line";
        }

        var model = compilation.GetSemanticModel(tree);
        var parts = new List<string>();
        foreach (var call in calls.Take(3))
        {
            var info = model.GetSymbolInfo(call);
            if (info.Symbol is { } s)
            {
                parts.Add(s.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
            }
            else
            {
                parts.Add($"UNBOUND({info.CandidateReason}, {info.CandidateSymbols.Length} candidates)");
            }
        }

        return string.Join("; ", parts);
    }
}
