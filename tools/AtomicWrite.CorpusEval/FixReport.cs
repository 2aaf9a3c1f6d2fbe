using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace AtomicWrite.CorpusEval;

/// <summary>Writes fixes.md (coverage, reasons counted, Fix All and the errors it added) and fixes.tsv (every case).</summary>
internal static class FixReport
{
    public static void Write(string outDir, IReadOnlyList<TreeResult> trees, string? label)
    {
        var present = trees.Where(t => t.Fixes is not null).ToList();
        var cases = present.SelectMany(t => t.Fixes!.Cases.Select(c => (Tree: t.Tree, Case: c))).ToList();
        bool Offered(FixCase c) => c.Outcome.StartsWith("offered", StringComparison.Ordinal);

        var md = new StringBuilder();
        md.AppendLine("# Code fixes on the corpus");
        md.AppendLine();
        md.AppendLine($"Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; label: {label ?? "-"}.");
        md.AppendLine();
        md.AppendLine("## Coverage of the reports judged right");
        md.AppendLine();
        md.AppendLine("| tree | AW0001 right | fix offered (at the call / at the wrapper) | AW0002 right | fix offered |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var t in present)
        {
            var a1 = t.Fixes!.Cases.Where(c => c.Id == "AW0001").ToList();
            var a2 = t.Fixes.Cases.Where(c => c.Id == "AW0002").ToList();
            md.AppendLine($"| {t.Tree} | {a1.Count} | {a1.Count(Offered)} ({a1.Count(c => c.Outcome == "offered")} / {a1.Count(c => c.Outcome == "offered at the wrapper")}) | {a2.Count} | {a2.Count(Offered)} |");
        }

        var all1 = cases.Where(c => c.Case.Id == "AW0001").Select(c => c.Case).ToList();
        var all2 = cases.Where(c => c.Case.Id == "AW0002").Select(c => c.Case).ToList();
        md.AppendLine($"| **total** | {all1.Count} | {all1.Count(Offered)} ({all1.Count(c => c.Outcome == "offered")} / {all1.Count(c => c.Outcome == "offered at the wrapper")}) | {all2.Count} | {all2.Count(Offered)} |");
        md.AppendLine();
        int total = cases.Count, offered = cases.Count(c => Offered(c.Case));
        md.AppendLine($"All right reports: **{offered}/{total}{Pct(offered, total)}** with a fix offered.");
        md.AppendLine();
        md.AppendLine("### Why no fix is offered (counted)");
        md.AppendLine();
        md.AppendLine("| reason | reports |");
        md.AppendLine("|---|---:|");
        foreach (var g in cases.Where(c => !Offered(c.Case)).GroupBy(c => c.Case.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            md.AppendLine($"| {g.Key} | {g.Count()} |");
        }

        md.AppendLine();
        md.AppendLine("### Reports without a fix");
        md.AppendLine();
        md.AppendLine("| tree | row | report | API | reason |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var (tree, c) in cases.Where(c => !Offered(c.Case)))
        {
            md.AppendLine($"| {tree} | {c.RowKey} | {c.Id} {c.Path}:{c.Line} | {c.Api} | {c.Reason} |");
        }

        md.AppendLine();
        md.AppendLine("## Fix All (AW0001, then AW0002 on the result)");
        md.AppendLine();
        md.AppendLine("| tree | AW0001 reports | documents changed | AW0002 reports | documents changed | errors in changed documents before → after | new errors | seconds |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in present)
        {
            var f = t.Fixes!;
            md.AppendLine($"| {t.Tree} | {f.Aw0001Diagnostics} | {f.Aw0001DocumentsChanged} | {f.Aw0002Diagnostics} | {f.Aw0002DocumentsChanged} | {f.ErrorsBeforeInChangedDocuments} → {f.ErrorsAfterInChangedDocuments} | {f.NewErrors.Count} | {f.Seconds.ToString("F1", CultureInfo.InvariantCulture)} |");
        }

        md.AppendLine($"| **total** | {present.Sum(t => t.Fixes!.Aw0001Diagnostics)} | {present.Sum(t => t.Fixes!.Aw0001DocumentsChanged)} | {present.Sum(t => t.Fixes!.Aw0002Diagnostics)} | {present.Sum(t => t.Fixes!.Aw0002DocumentsChanged)} | {present.Sum(t => t.Fixes!.ErrorsBeforeInChangedDocuments)} → {present.Sum(t => t.Fixes!.ErrorsAfterInChangedDocuments)} | {present.Sum(t => t.Fixes!.NewErrors.Count)} | |");
        md.AppendLine();
        var newErrors = present.SelectMany(t => t.Fixes!.NewErrors.Select(e => (t.Tree, e))).ToList();
        if (newErrors.Count > 0)
        {
            md.AppendLine("New errors:");
            md.AppendLine();
            foreach (var (tree, e) in newErrors)
            {
                md.AppendLine($"- {tree} {e.Path}:{e.Line} {e.Id}: {e.Message}");
            }

            md.AppendLine();
        }

        md.AppendLine("## The reason in the message against the planner");
        md.AppendLine();
        var mismatches = present.SelectMany(t => t.Fixes!.OutlookMismatches.Select(m => t.Tree + " " + m)).ToList();
        md.AppendLine($"AW0001 reports compared (calls to wrappers left out): {present.Sum(t => t.Fixes!.OutlookChecked)}; disagreements: {mismatches.Count}.");
        md.AppendLine();
        foreach (var m in mismatches)
        {
            md.AppendLine("- " + m);
        }

        md.AppendLine();
        var failures = present.SelectMany(t => t.Fixes!.Failures.Select(f => t.Tree + ": " + f)).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine("Failures:");
            md.AppendLine();
            foreach (var f in failures)
            {
                md.AppendLine("- " + f);
            }
        }

        File.WriteAllText(Path.Combine(outDir, "fixes.md"), md.ToString());

        var tsv = new StringBuilder("tree\trow\tid\tpath\tline\tapi\toutcome\treason\n");
        foreach (var (tree, c) in cases)
        {
            tsv.Append(string.Join('\t', tree, c.RowKey, c.Id, c.Path, c.Line.ToString(CultureInfo.InvariantCulture), c.Api, c.Outcome, c.Reason)).Append('\n');
        }

        File.WriteAllText(Path.Combine(outDir, "fixes.tsv"), tsv.ToString());
    }

    private static string Pct(int n, int d) => d == 0 ? string.Empty : " = " + (100.0 * n / d).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
