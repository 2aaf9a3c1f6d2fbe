using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.CorpusEval;

internal sealed class Options
{
    public string Corpus { get; set; } = string.Empty;

    public string Root { get; set; } = string.Empty;

    public string Out { get; set; } = string.Empty;

    public string? AnalyzerPath { get; set; }

    public string? Label { get; set; }

    public int Threads { get; set; } = 1;

    public bool CompileErrors { get; set; }

    public bool NoGenerators { get; set; }

    public bool Fixes { get; set; }

    public bool NoFixAll { get; set; }

    public List<string> Only { get; } = new();

    public List<string> ExtraReferenceDirs { get; } = new();

    /// <summary>Tree-name prefix -> extra preprocessor symbols, e.g. NuGet.Client=IS_CORECLR;IS_SIGNING_SUPPORTED.</summary>
    public Dictionary<string, string[]> Defines { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal static class Program
{
    private const string Usage =
        "usage: AtomicWrite.CorpusEval --corpus dev.tsv --root DIR --out DIR [options]\n" +
        "  --corpus FILE        the labelled rows (repo, commit, path, line, api, label, ...)\n" +
        "  --root DIR           folder holding one extracted tree per row commit, named NAME-SHORTSHA (8 hex digits)\n" +
        "  --out DIR            where summary.json, report.md, rows.tsv and diagnostics.tsv are written\n" +
        "  --only NAME          evaluate only trees whose folder name starts with NAME (repeatable)\n" +
        "  --define NAME=A;B    extra preprocessor symbols for trees whose folder name starts with NAME (repeatable)\n" +
        "  --ref-dir DIR        add every .dll of DIR as a metadata reference (repeatable)\n" +
        "  --analyzer DLL       analyzers to load instead of the referenced AtomicWrite.Analyzers build\n" +
        "  --label TEXT         free text recorded in the outputs (e.g. the commits evaluated)\n" +
        "  --threads N          parse and analyze with N threads (default 1)\n" +
        "  --compile-errors     also count the compiler errors of each ad-hoc compilation (slower)\n" +
        "  --no-generators      do not run the .NET 8 SDK source generators (System.Text.Json, Regex, LibraryImport)\n" +
        "  --fixes              also run the code fixes: fix coverage of the reports judged right, and Fix All (AW0001, then\n" +
        "                       AW0002) with the compile errors it adds; writes fixes.md and fixes.tsv (the compilation then\n" +
        "                       references the AtomicWrite runtime)\n" +
        "  --no-fix-all         with --fixes: coverage only\n";

    public static async Task<int> Main(string[] args)
    {
        // Shipping builds drop a callback's reports on an unexpected exception; here every exception must surface
        // (as the analyzer-exception callback and AD0001), so that "0 analyzer exceptions" means none happened.
        AtomicWrite.Analyzers.Internals.AnalyzerGuard.RethrowUnexpectedExceptions = true;

        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.Write(Usage);
            return 2;
        }

        var rows = CorpusRow.Load(options.Corpus);
        var (analyzers, analyzerAssembly) = LoadAnalyzers(options.AnalyzerPath);
        Console.WriteLine($"analyzers: {analyzerAssembly.Location} ({string.Join(", ", analyzers.Select(a => a.GetType().Name))})");
        if (analyzers.Length == 0)
        {
            Console.WriteLine("warning: the analyzer assembly contains no C# analyzer; every row will count as not fired");
        }

        var references = References.Build(options.ExtraReferenceDirs, out var referenceNotes);
        foreach (var n in referenceNotes)
        {
            Console.WriteLine("references: " + n);
        }

        string generatorNote = "off (--no-generators)";
        var generators = options.NoGenerators ? ImmutableArray<ISourceGenerator>.Empty : Generators.Load(out generatorNote);
        Console.WriteLine("generators: " + generatorNote);
        referenceNotes.Add("generators: " + generatorNote);
        var evaluator = new Evaluator(analyzers, references, generators, options);
        var results = new List<TreeResult>();
        foreach (var group in rows.GroupBy(r => (r.Repo, r.Commit)).OrderBy(g => g.Key.Repo, StringComparer.Ordinal).ThenBy(g => g.Key.Commit, StringComparer.Ordinal))
        {
            var first = group.First();
            if (options.Only.Count > 0 && !options.Only.Any(o => first.TreeName.StartsWith(o, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var treeDir = Path.Combine(options.Root, first.TreeName);
            Console.Write($"{first.TreeName}: ");
            var result = await evaluator.EvaluateAsync(group.Key.Repo, group.Key.Commit, treeDir, group.ToList()).ConfigureAwait(false);
            results.Add(result);
            if (!result.Present)
            {
                Console.WriteLine("not extracted");
                continue;
            }

            Console.WriteLine(
                $"{result.Files} files, parse {result.ParseSeconds:F1}s, analysis {result.AnalysisSeconds:F1}s, " +
                string.Join(" ", result.DiagnosticCounts.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}")) +
                $", analyzer exceptions {result.AnalyzerExceptions}" +
                (result.CompilerNote is { } note ? $" ({note})" : string.Empty) +
                (result.Fixes is { } f
                    ? $"; fixes: {f.Cases.Count(c => c.Outcome.StartsWith("offered", StringComparison.Ordinal))}/{f.Cases.Count} right reports fixable, " +
                      $"Fix All changed {f.Aw0001DocumentsChanged}+{f.Aw0002DocumentsChanged} documents, {f.NewErrors.Count} new errors, {f.Seconds:F1}s"
                    : string.Empty));
            GC.Collect();
        }

        Directory.CreateDirectory(options.Out);
        var summary = Report.Summarize(results, options, analyzerAssembly, analyzers, referenceNotes);
        Report.WriteAll(options.Out, summary, results);
        if (options.Fixes)
        {
            FixReport.Write(options.Out, results, options.Label);
        }

        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(Path.Combine(options.Out, "report.md")));
        return 0;
    }

    private static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--corpus": o.Corpus = Next(); break;
                case "--root": o.Root = Next(); break;
                case "--out": o.Out = Next(); break;
                case "--only": o.Only.Add(Next()); break;
                case "--ref-dir": o.ExtraReferenceDirs.Add(Next()); break;
                case "--analyzer": o.AnalyzerPath = Next(); break;
                case "--label": o.Label = Next(); break;
                case "--threads": o.Threads = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--compile-errors": o.CompileErrors = true; break;
                case "--no-generators": o.NoGenerators = true; break;
                case "--fixes": o.Fixes = true; break;
                case "--no-fix-all": o.NoFixAll = true; break;
                case "--define":
                    var d = Next();
                    int eq = d.IndexOf('=');
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--define {d}: expected NAME=SYM;SYM");
                    }

                    o.Defines[d.Substring(0, eq)] = d.Substring(eq + 1).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "-h":
                case "--help":
                    throw new ArgumentException("help");
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (o.Corpus.Length == 0 || o.Root.Length == 0 || o.Out.Length == 0)
        {
            throw new ArgumentException("--corpus, --root and --out are required");
        }

        return o;
    }

    private static (ImmutableArray<DiagnosticAnalyzer> Analyzers, Assembly Assembly) LoadAnalyzers(string? path)
    {
        var assembly = path is null
            ? Assembly.Load(new AssemblyName("AtomicWrite.Analyzers"))
            : AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path));

        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        var analyzers = types
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return (analyzers, assembly);
    }
}
