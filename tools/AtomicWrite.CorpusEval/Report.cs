using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.CorpusEval;

internal sealed record LabelCount(int Rows, int Hits);

internal sealed record RepoLine(
    string Repo,
    int Trees,
    int Files,
    int Rows,
    LabelCount Positive,
    LabelCount Negative,
    LabelCount AlreadyAtomic,
    LabelCount HandRolledFlawed,
    int HandRolledFlawedNamed,
    int HandRolledFlawedInMember,
    int Aw0001,
    int Aw0002,
    int Aw0003,
    int AnalyzerExceptions,
    double AnalysisSeconds);

internal sealed record Summary(
    string GeneratedUtc,
    string? Label,
    string AnalyzerAssembly,
    string AnalyzerAssemblyMvid,
    IReadOnlyList<string> Analyzers,
    IReadOnlyList<string> References,
    int Drift,
    IReadOnlyList<RepoLine> Repositories,
    RepoLine Total,
    int RowsNotEvaluated,
    double? PositiveRecall,
    double? PositiveRecallNonBorderline,
    double? FalsePositiveRate,
    int Crashes,
    IReadOnlyList<object> Trees,
    IReadOnlyList<object> Rows);

internal static class Report
{
    private static string Pct(double? v) => v is null ? "n/a" : (v.Value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Frac(LabelCount c) => c.Rows == 0 ? "–" : $"{c.Hits}/{c.Rows}";

    public static Summary Summarize(
        List<TreeResult> trees,
        Options options,
        Assembly analyzerAssembly,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        List<string> referenceNotes)
    {
        RepoLine Line(string name, IEnumerable<TreeResult> ts)
        {
            var list = ts.ToList();
            var rows = list.SelectMany(t => t.Rows).Where(r => r.Outcome != "not-evaluated").ToList();
            LabelCount Count(string label, params string[] hit)
            {
                var of = rows.Where(r => r.Row.Label == label).ToList();
                return new LabelCount(of.Count, of.Count(r => hit.Contains(r.Outcome)));
            }

            return new RepoLine(
                name,
                list.Count(t => t.Present),
                list.Sum(t => t.Files),
                rows.Count,
                Count(CorpusRow.Positive, "found"),
                Count(CorpusRow.Negative, "false-positive"),
                Count(CorpusRow.AlreadyAtomic, "false-positive"),
                Count(CorpusRow.HandRolledFlawed, "found"),
                rows.Count(r => r.Row.Label == CorpusRow.HandRolledFlawed && r.Aw0002NamingLines.Count > 0),
                rows.Count(r => r.Row.Label == CorpusRow.HandRolledFlawed && r.Aw0002InMemberLines.Count > 0),
                list.Sum(t => t.DiagnosticCounts.GetValueOrDefault("AW0001")),
                list.Sum(t => t.DiagnosticCounts.GetValueOrDefault("AW0002")),
                list.Sum(t => t.DiagnosticCounts.GetValueOrDefault("AW0003")),
                list.Sum(t => Math.Max(t.AnalyzerExceptions, t.Ad0001)),
                list.Sum(t => t.AnalysisSeconds));
        }

        var repos = trees.GroupBy(t => t.Repo).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => Line(g.Key, g)).ToList();
        var total = Line("total", trees);
        var evaluated = trees.SelectMany(t => t.Rows).Where(r => r.Outcome != "not-evaluated").ToList();
        var positives = evaluated.Where(r => r.Row.Label == CorpusRow.Positive).ToList();
        var firm = positives.Where(r => !r.Row.Borderline).ToList();
        var quietLabels = evaluated.Where(r => r.Row.Label is CorpusRow.Negative or CorpusRow.AlreadyAtomic).ToList();

        return new Summary(
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            options.Label,
            Path.GetFileName(analyzerAssembly.Location),
            analyzerAssembly.ManifestModule.ModuleVersionId.ToString(),
            analyzers.Select(a => a.GetType().FullName ?? a.GetType().Name).ToList(),
            referenceNotes,
            Evaluator.Drift,
            repos,
            total,
            trees.SelectMany(t => t.Rows).Count(r => r.Outcome == "not-evaluated"),
            positives.Count == 0 ? null : positives.Count(r => r.Outcome == "found") / (double)positives.Count,
            firm.Count == 0 ? null : firm.Count(r => r.Outcome == "found") / (double)firm.Count,
            quietLabels.Count == 0 ? null : quietLabels.Count(r => r.Outcome == "false-positive") / (double)quietLabels.Count,
            total.AnalyzerExceptions,
            trees.Select(t => (object)new
            {
                t.Repo,
                t.Commit,
                t.Tree,
                t.Present,
                t.Files,
                t.Symbols,
                t.ImplicitUsingsAdded,
                t.CompilerNote,
                t.GeneratedFiles,
                t.GeneratorErrors,
                ParseSeconds = Math.Round(t.ParseSeconds, 2),
                AnalysisSeconds = Math.Round(t.AnalysisSeconds, 2),
                AnalyzerSeconds = t.AnalyzerSeconds.ToDictionary(k => k.Key, k => Math.Round(k.Value, 3)),
                t.DiagnosticCounts,
                t.AnalyzerExceptions,
                t.Ad0001,
                t.ExceptionSummaries,
                t.CompileErrors,
            }).ToList(),
            trees.SelectMany(t => t.Rows).Select(r => (object)new
            {
                r.Row.Index,
                r.Row.Repo,
                r.Row.Commit,
                r.Row.Path,
                r.Row.Line,
                r.Row.Label,
                r.Row.Borderline,
                r.Outcome,
                r.Aw0001Lines,
                r.Aw0002Lines,
                r.Aw0003Lines,
                r.Aw0002InMemberLines,
                r.Aw0002NamingLines,
                r.Binding,
                r.NotEvaluatedReason,
            }).ToList());
    }

    public static void WriteAll(string outDir, Summary summary, List<TreeResult> trees)
    {
        var json = JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(outDir, "summary.json"), json + "\n");
        File.WriteAllText(Path.Combine(outDir, "report.md"), Markdown(summary, trees));

        var rows = new StringBuilder("index\trepo\tcommit\tpath\tline\tlabel\tborderline\toutcome\tAW0001\tAW0002\tAW0003\tAW0002_in_member\tbinding\tmessages\tAW0002_naming\n");
        foreach (var r in trees.SelectMany(t => t.Rows))
        {
            rows.Append(CultureInfo.InvariantCulture,
                $"{r.Row.Index}\t{r.Row.Repo}\t{r.Row.Commit}\t{r.Row.Path}\t{r.Row.Line}\t{r.Row.Label}\t{r.Row.Borderline}\t{r.Outcome}\t" +
                $"{string.Join(",", r.Aw0001Lines)}\t{string.Join(",", r.Aw0002Lines)}\t{string.Join(",", r.Aw0003Lines)}\t" +
                $"{string.Join(",", r.Aw0002InMemberLines)}\t{Clean(r.Binding)}\t{Clean(r.Messages)}\t{string.Join(",", r.Aw0002NamingLines)}\n");
        }

        File.WriteAllText(Path.Combine(outDir, "rows.tsv"), rows.ToString());

        var diags = new StringBuilder("tree\tid\tpath\tline\tmessage\n");
        foreach (var t in trees)
        {
            foreach (var d in t.Diagnostics)
            {
                diags.Append(CultureInfo.InvariantCulture, $"{t.Tree}\t{d.Id}\t{d.Path}\t{d.Line}\t{Clean(d.Message)}\n");
            }
        }

        File.WriteAllText(Path.Combine(outDir, "diagnostics.tsv"), diags.ToString());
    }

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string Markdown(Summary s, List<TreeResult> trees)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Generated {s.GeneratedUtc}; analyzers: {string.Join(", ", s.Analyzers.Select(a => a.Split('.').Last()))}; {s.Label}");
        sb.AppendLine();
        sb.AppendLine("| repository | trees | .cs files | rows | positive: AW0001 found | negative: fired on | already-atomic: fired on | hand-rolled-flawed: AW0002 found (±2 lines) | AW0002 at or naming the line (±2) | AW0002 in the same member | AW0001 total | AW0002 total | AW0003 total | analyzer exceptions | analysis s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in s.Repositories.Append(s.Total))
        {
            var name = r.Repo == "total" ? "**total**" : r.Repo;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {r.Trees} | {r.Files} | {r.Rows} | {Frac(r.Positive)} | {Frac(r.Negative)} | {Frac(r.AlreadyAtomic)} | {Frac(r.HandRolledFlawed)} | " +
                $"{(r.HandRolledFlawed.Rows == 0 ? "–" : $"{r.HandRolledFlawedNamed}/{r.HandRolledFlawed.Rows}")} | " +
                $"{(r.HandRolledFlawed.Rows == 0 ? "–" : $"{r.HandRolledFlawedInMember}/{r.HandRolledFlawed.Rows}")} | {r.Aw0001} | {r.Aw0002} | {r.Aw0003} | {r.AnalyzerExceptions} | {r.AnalysisSeconds:F1} |");
        }

        sb.AppendLine();
        var t = s.Total;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Recall on positive rows: {t.Positive.Hits}/{t.Positive.Rows} = {Pct(s.PositiveRecall)} (target ≥ 90%); without [borderline] rows: {Pct(s.PositiveRecallNonBorderline)}.");
        int quiet = t.Negative.Rows + t.AlreadyAtomic.Rows;
        int fired = t.Negative.Hits + t.AlreadyAtomic.Hits;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- False positives on negative + already-atomic rows: {fired}/{quiet} = {Pct(s.FalsePositiveRate)} (target ≤ 10%).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- AW0002 on hand-rolled-flawed rows: {t.HandRolledFlawed.Hits}/{t.HandRolledFlawed.Rows} within ±{s.Drift} lines, {t.HandRolledFlawedNamed}/{t.HandRolledFlawed.Rows} at the line or naming it as the move it reports (±{s.Drift}), {t.HandRolledFlawedInMember}/{t.HandRolledFlawed.Rows} in the same member; already-atomic rows fired on: {t.AlreadyAtomic.Hits}/{t.AlreadyAtomic.Rows}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Analyzer exceptions (AD0001 or exception callback): {s.Crashes}. Rows not evaluated: {s.RowsNotEvaluated}.");
        foreach (var crashed in trees.Where(x => x.CompilerNote is not null))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {crashed.Tree}: {crashed.CompilerNote}.");
        }

        sb.AppendLine();

        var problems = trees.SelectMany(x => x.Rows).Where(r => r.Outcome is "missed" or "false-positive" or "not-evaluated").ToList();
        if (problems.Count > 0)
        {
            sb.AppendLine("| row | repository | path:line | label | outcome | AW0001 / AW0002 / AW0003 lines near | call on the line binds to |");
            sb.AppendLine("|---:|---|---|---|---|---|---|");
            foreach (var r in problems)
            {
                var outcome = r.Outcome + (r.NotEvaluatedReason is null ? string.Empty : $" ({r.NotEvaluatedReason})");
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Row.Index} | {r.Row.Repo} | {r.Row.Path}:{r.Row.Line} | {r.Row.Label}{(r.Row.Borderline ? " [borderline]" : string.Empty)} | {outcome} | " +
                    $"{L(r.Aw0001Lines)} / {L(r.Aw0002Lines)} / {L(r.Aw0003Lines)} | {r.Binding.Replace("|", "\\|", StringComparison.Ordinal)} |");
            }

            sb.AppendLine();
        }

        foreach (var tr in trees.Where(x => x.ExceptionSummaries.Count > 0))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Analyzer exceptions in {tr.Tree}:");
            foreach (var e in tr.ExceptionSummaries)
            {
                sb.AppendLine("- " + e);
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string L(IReadOnlyList<int> lines) => lines.Count == 0 ? "-" : string.Join(",", lines);
}
