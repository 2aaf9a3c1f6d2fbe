using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// Analyzer cost on a large real code base compiled ad hoc: our analyzers' execution time (Roslyn's own
/// per-analyzer telemetry) against BannedApiAnalyzers banning the same write APIs, measured in the same analysis
/// pass, and against the compiler's own diagnostics pass on a fresh compilation of the same trees. Everything runs
/// single-threaded (concurrentBuild/concurrentAnalysis off), so the figures are CPU work, not a race for 2 shared cores.
/// </summary>
internal static class AnalyzerCost
{
    public sealed record AnalyzerTime(string Analyzer, double Milliseconds, int Diagnostics);

    public sealed record PassResult(int Run, double CompilerDiagnosticsMs, int CompilerErrors, double AnalysisPassWallMs,
        double OursMs, double PeerMs, int OursDiagnostics, int PeerDiagnostics, int AnalyzerExceptions, List<AnalyzerTime> PerAnalyzer,
        Dictionary<string, int> DiagnosticsById);

    public sealed record CorpusResult(string Name, string Commit, int Files, long Lines, string References, int Runs,
        List<PassResult> Passes, double MedianCompilerMs, double MedianOursMs, double MedianPeerMs,
        Dictionary<string, int> DiagnosticsById, List<string> OurAnalyzers, string PeerAnalyzer);

    public sealed record ScalePoint(int Files, long Lines, int Run, double OursMs, double PeerMs, double CompilerMs, int OursDiagnostics);

    public sealed record ScaleResult(List<ScalePoint> Points, double SlopeMsPerThousandFiles, double InterceptMs, double R2,
        Dictionary<int, double> MedianOursMsBySize, double PeerSlopeMsPerThousandFiles, double PeerR2);

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class TextFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    public static ImmutableArray<DiagnosticAnalyzer> OurAnalyzers()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "AtomicWrite.Analyzers.dll");
        return new AnalyzerFileReference(path, new Loader()).GetAnalyzers(LanguageNames.CSharp);
    }

    public static ImmutableArray<DiagnosticAnalyzer> PeerAnalyzers()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "peer-analyzers");
        var loader = new Loader();
        loader.LoadFromPath(Path.Combine(dir, "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll"));
        return new AnalyzerFileReference(Path.Combine(dir, "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll"), loader)
            .GetAnalyzers(LanguageNames.CSharp)
            .Where(a => a.GetType().Name.Contains("SymbolIsBanned", StringComparison.Ordinal))
            .ToImmutableArray();
    }

    public static string PeerVersion() =>
        PeerAnalyzers().Select(a => a.GetType().Assembly.GetName()).Select(n => $"{n.Name} {n.Version}").FirstOrDefault() ?? "none";

    public static AnalyzerOptions Options() =>
        new(ImmutableArray.Create<AdditionalText>(new TextFile("/banned/BannedSymbols.txt",
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BannedSymbols.txt")))));

    /// <summary>Reference assemblies: the SDK's net10.0 + ASP.NET Core packs ("sdk") or Basic.Reference.Assemblies.Net80.</summary>
    public static (IReadOnlyList<MetadataReference> Refs, string Description) References(string kind)
    {
        if (kind == "sdk")
        {
            string dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!;
            dotnetRoot = Path.GetFullPath(Path.Combine(dotnetRoot, "..", ".."));
            var refs = new List<MetadataReference>();
            var described = new List<string>();
            foreach (string pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
            {
                string? versionDir = Directory.Exists(Path.Combine(dotnetRoot, "packs", pack))
                    ? Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", pack)).OrderBy(d => d).LastOrDefault()
                    : null;
                string? tfmDir = versionDir is null ? null : Directory.GetDirectories(Path.Combine(versionDir, "ref")).OrderBy(d => d).LastOrDefault();
                if (tfmDir is null)
                {
                    return References("net80");
                }

                refs.AddRange(Directory.GetFiles(tfmDir, "*.dll").Select(f => MetadataReference.CreateFromFile(f)));
                described.Add($"{pack} {Path.GetFileName(versionDir)} ({Path.GetFileName(tfmDir)})");
            }

            return (refs, string.Join(" + ", described));
        }

        return (Basic.Reference.Assemblies.Net80.References.All.ToList(), "Basic.Reference.Assemblies.Net80 (all)");
    }

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    public static List<SyntaxTree> ParseDirectory(string root, out long lines)
    {
        string[] files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var trees = new SyntaxTree[files.Length];
        long total = 0;
        Parallel.For(0, files.Length, i =>
        {
            SourceText text = SourceText.From(File.ReadAllText(files[i]), Encoding.UTF8);
            Interlocked.Add(ref total, text.Lines.Count);
            trees[i] = CSharpSyntaxTree.ParseText(text, ParseOptions, files[i]);
        });
        lines = total;
        return trees.ToList();
    }

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> refs) =>
        CSharpCompilation.Create("corpus", trees, refs, new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true,
            concurrentBuild: false));

    /// <summary>One measurement: a fresh compilation's GetDiagnostics, then a fresh compilation analysed by ours + the peer.</summary>
    public static PassResult Measure(int run, IReadOnlyList<SyntaxTree> trees, IReadOnlyList<MetadataReference> refs,
        ImmutableArray<DiagnosticAnalyzer> ours, ImmutableArray<DiagnosticAnalyzer> peer, bool withCompilerPass)
    {
        double compilerMs = double.NaN;
        int errors = 0;
        if (withCompilerPass)
        {
            CSharpCompilation c1 = Compile(trees, refs);
            long t0 = Stopwatch.GetTimestamp();
            ImmutableArray<Diagnostic> diags = c1.GetDiagnostics();
            compilerMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            errors = diags.Count(d => d.Severity == DiagnosticSeverity.Error);
        }

        int exceptions = 0;
        var all = ours.AddRange(peer);
        CSharpCompilation c2 = Compile(trees, refs);
        CompilationWithAnalyzers cwa = c2.WithAnalyzers(all, new CompilationWithAnalyzersOptions(
            Options(),
            onAnalyzerException: (e, a, d) =>
            {
                Interlocked.Increment(ref exceptions);
                Console.Error.WriteLine($"analyzer exception in {a.GetType().Name}: {e.GetType().Name}: {e.Message}");
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));
        long t1 = Stopwatch.GetTimestamp();
        ImmutableArray<Diagnostic> analyzerDiags = cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        double passMs = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;

        var ourIds = ours.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var peerIds = peer.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var per = new List<AnalyzerTime>();
        foreach (DiagnosticAnalyzer a in all)
        {
            AnalyzerTelemetryInfo info = cwa.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult();
            var ids = a.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
            per.Add(new AnalyzerTime(a.GetType().FullName ?? a.ToString(), info.ExecutionTime.TotalMilliseconds,
                analyzerDiags.Count(d => ids.Contains(d.Id))));
        }

        double oursMs = per.Where(p => ours.Any(o => (o.GetType().FullName ?? "") == p.Analyzer)).Sum(p => p.Milliseconds);
        double peerMs = per.Where(p => peer.Any(o => (o.GetType().FullName ?? "") == p.Analyzer)).Sum(p => p.Milliseconds);
        return new PassResult(run, compilerMs, errors, passMs, oursMs, peerMs,
            analyzerDiags.Count(d => ourIds.Contains(d.Id)), analyzerDiags.Count(d => peerIds.Contains(d.Id)), exceptions, per,
            analyzerDiags.GroupBy(d => d.Id).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }

    public static int RunCorpus(string root, string name, string commit, string refsKind, int runs, string resultsDir)
    {
        var ours = OurAnalyzers();
        var peer = PeerAnalyzers();
        Console.WriteLine($"our analyzers: {string.Join(", ", ours.Select(a => a.GetType().Name))}");
        Console.WriteLine($"peer: {string.Join(", ", peer.Select(a => a.GetType().FullName))}");
        var (refs, refsDescription) = References(refsKind);
        var trees = ParseDirectory(root, out long lines);
        Console.WriteLine($"{name}: {trees.Count} files, {lines} lines; references: {refsDescription}");

        // Warm-up on a slice: JIT of the compiler and of all analyzers stays out of the measured runs.
        Measure(0, trees.Take(Math.Min(200, trees.Count)).ToList(), refs, ours, peer, withCompilerPass: true);

        var passes = new List<PassResult>();
        for (int run = 1; run <= runs; run++)
        {
            PassResult p = Measure(run, trees, refs, ours, peer, withCompilerPass: true);
            Console.WriteLine($"run {run}/{runs}: compiler diagnostics {p.CompilerDiagnosticsMs:F0} ms ({p.CompilerErrors} errors); " +
                $"ours {p.OursMs:F1} ms ({p.OursDiagnostics} diagnostics); BannedApiAnalyzers {p.PeerMs:F1} ms ({p.PeerDiagnostics} diagnostics); exceptions {p.AnalyzerExceptions}");
            passes.Add(p);
        }

        var result = new CorpusResult(name, commit, trees.Count, lines, refsDescription, runs, passes,
            Stats.Median(passes.Select(p => p.CompilerDiagnosticsMs)), Stats.Median(passes.Select(p => p.OursMs)),
            Stats.Median(passes.Select(p => p.PeerMs)), passes[^1].DiagnosticsById,
            ours.Select(a => a.GetType().FullName ?? "").ToList(), PeerVersion());
        Json.Write(Path.Combine(resultsDir, "analyzers-corpus.json"), result);
        return 0;
    }

    public static int RunScaling(int[] sizes, int runs, string resultsDir)
    {
        var ours = OurAnalyzers();
        var peer = PeerAnalyzers();
        var (refs, _) = References("net80");
        int max = sizes.Max();
        List<SyntaxTree> all = Enumerable.Range(0, max)
            .Select(i => CSharpSyntaxTree.ParseText(SourceText.From(Generated.File(i), Encoding.UTF8), ParseOptions, $"/gen/Store{i}.cs"))
            .ToList();
        Measure(0, all.Take(200).ToList(), refs, ours, peer, withCompilerPass: false);

        var points = new List<ScalePoint>();
        for (int run = 1; run <= runs; run++)
        {
            foreach (int n in run % 2 == 1 ? sizes : sizes.Reverse())
            {
                var trees = all.Take(n).ToList();
                PassResult p = Measure(run, trees, refs, ours, peer, withCompilerPass: false);
                long lines = trees.Sum(t => (long)t.GetText().Lines.Count);
                points.Add(new ScalePoint(n, lines, run, p.OursMs, p.PeerMs, p.AnalysisPassWallMs, p.OursDiagnostics));
                Console.WriteLine($"scaling run {run}/{runs}: {n} files: ours {p.OursMs:F1} ms ({p.OursDiagnostics} diagnostics), BannedApiAnalyzers {p.PeerMs:F1} ms, pass {p.AnalysisPassWallMs:F0} ms");
            }
        }

        var x = points.Select(p => (double)p.Files).ToList();
        var (slope, intercept, r2) = Stats.Fit(x, points.Select(p => p.OursMs).ToList());
        var (peerSlope, _, peerR2) = Stats.Fit(x, points.Select(p => p.PeerMs).ToList());
        var medians = sizes.ToDictionary(s => s, s => Stats.Median(points.Where(p => p.Files == s).Select(p => p.OursMs)));
        Json.Write(Path.Combine(resultsDir, "analyzers-scaling.json"),
            new ScaleResult(points, slope * 1000, intercept, r2, medians, peerSlope * 1000, peerR2));
        return 0;
    }
}

/// <summary>
/// Generated code for the scaling measurement: every file holds a store class with direct in-place writes to a
/// sensitive file, a one-hop wrapper, a call through that wrapper and one through the previous file's wrapper (so wrapper
/// summaries chain across all files), a streaming export and an append that no rule should flag.
/// </summary>
internal static class Generated
{
    public static string File(int i)
    {
        int prev = Math.Max(0, i - 1);
        return $$"""
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            namespace Generated.Module{{i / 50}}
            {
                public sealed class Store{{i}}
                {
                    private readonly string _root;

                    public Store{{i}}(string root) { _root = root; }

                    public void SaveText(string path, string content) => File.WriteAllText(path, content);

                    public void SaveToken(string token) => SaveText(Path.Combine(_root, "token-{{i}}.json"), token);

                    public void SaveSettings(IEnumerable<string> lines) =>
                        File.WriteAllText(Path.Combine(_root, "settings.json"), string.Join("\n", lines.OrderBy(l => l)));

                    public void Export(IEnumerable<int> values)
                    {
                        using var stream = new FileStream(Path.Combine(_root, "export-{{i}}.csv"), FileMode.Create, FileAccess.Write);
                        using var writer = new StreamWriter(stream);
                        foreach (int v in values.Where(v => v % {{i % 7 + 2}} == 0))
                        {
                            writer.WriteLine(v);
                        }
                    }

                    public void Log(string message) => File.AppendAllText(Path.Combine(_root, "log.txt"), message);

                    public void Forward(Generated.Module{{prev / 50}}.Store{{prev}} other) =>
                        other.SaveText(Path.Combine(_root, "credentials.json"), "secret-{{i}}");
                }
            }
            """;
    }
}

/// <summary>Analyzer cost as issue 14 defines it (see <see cref="RunInterleaved"/>).</summary>
internal static class AnalyzerCostInterleaved
{
    /// <summary>
    /// The cost definition of issue 14: one process, the compilation already bound (its GetDiagnostics has run), then
    /// CompilationWithAnalyzers with logAnalyzerExecutionTime over that same compilation; per round, in turn, the
    /// compiler pass, all AW rules at default settings with BannedApiAnalyzers beside them, and all AW rules with AW0003
    /// on. <paramref name="percent"/> takes that share of the files (sorted by path), for the scaling figure. Writes one
    /// line per round and the medians.
    /// </summary>
    public static int RunInterleaved(string root, string name, int percent, int runs)
    {
        var ours = AnalyzerCost.OurAnalyzers();
        var peer = AnalyzerCost.PeerAnalyzers();
        var (refs, _) = AnalyzerCost.References("net80");
        var all = AnalyzerCost.ParseDirectory(root, out _);
        var trees = all.Take(Math.Max(1, all.Count * percent / 100)).ToList();
        Console.WriteLine($"{name} {percent}%: {trees.Count} files");
        var aw0003On = ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("AW0003", ReportDiagnostic.Warn);
        // AW_COST_PER_ANALYZER=1 also prints each analyzer's time in every analysis.
        bool perAnalyzer = Environment.GetEnvironmentVariable("AW_COST_PER_ANALYZER") == "1";
        // AW_COST_PEER_FIRST=1 hands BannedApiAnalyzers to the driver before our analyzers, to see whether the order
        // moves cost between them (the first analyzer to walk a block in a fresh analysis may be charged for building
        // its operation tree; docs/performance.md found the one comparison inconclusive).
        bool peerFirst = Environment.GetEnvironmentVariable("AW_COST_PEER_FIRST") == "1";

        // Warm-up: JIT of the compiler and the analyzers stays out of the measured rounds.
        Round(trees.Take(Math.Min(200, trees.Count)).ToList());
        var rows = new List<(double Compiler, double Ours, double Peer, double OursWithAW0003)>();
        for (int run = 1; run <= runs; run++)
        {
            var row = Round(trees);
            rows.Add(row);
            Console.WriteLine($"round {run}: compiler {row.Compiler:F0} ms, AW {row.Ours:F1} ms, peer {row.Peer:F1} ms, AW with AW0003 {row.OursWithAW0003:F1} ms");
        }

        double Median(Func<(double Compiler, double Ours, double Peer, double OursWithAW0003), double> f)
        {
            var v = rows.Select(f).OrderBy(x => x).ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }

        double c = Median(r => r.Compiler), o = Median(r => r.Ours), pe = Median(r => r.Peer), o3 = Median(r => r.OursWithAW0003);
        Console.WriteLine($"median {name} {percent}% ({trees.Count} files, {runs} rounds): compiler {c:F0} ms; AW {o:F1} ms = {100 * o / c:F2}% of the compiler pass, {o / pe:F2}x BannedApiAnalyzers ({pe:F1} ms); with AW0003 on {o3:F1} ms = {100 * o3 / c:F2}%");
        return 0;

        (double Compiler, double Ours, double Peer, double OursWithAW0003) Round(List<SyntaxTree> subset)
        {
            CSharpCompilation compilation = AnalyzerCost.Compile(subset, refs);
            long t0 = Stopwatch.GetTimestamp();
            compilation.GetDiagnostics();
            double compilerMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var (oursMs, peerMs) = Analyze(compilation, peerFirst ? peer.AddRange(ours) : ours.AddRange(peer));
            var (ours3Ms, _) = Analyze(compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(aw0003On)), ours);
            return (compilerMs, oursMs, peerMs, ours3Ms);
        }

        (double Ours, double Peer) Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var cwa = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                AnalyzerCost.Options(), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
            cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            double o = 0, p = 0;
            foreach (var a in analyzers)
            {
                double ms = cwa.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
                if (perAnalyzer)
                {
                    Console.WriteLine($"  {a.GetType().Name}: {ms:F1} ms");
                }

                if (ours.Contains(a))
                {
                    o += ms;
                }
                else
                {
                    p += ms;
                }
            }

            return (o, p);
        }
    }
}
