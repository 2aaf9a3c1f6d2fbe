using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AtomicWrite.Benchmarks;

/// <summary>Writes docs/performance.md from the JSON figures of one run of run.sh. Nothing in it is typed by hand.</summary>
internal static class Report
{
    public sealed record Context(string StartedUtc, string Mode, string GitCommit, string GitBranch, string SdkVersion,
        string BenchDir, string FileSystem, string LoadAtStart, List<string> Commands, List<string> Notes);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Write(string resultsDir, string contextPath, string outPath, string? analysisPath)
    {
        var ctx = Json.Read<Context>(contextPath) ?? throw new InvalidOperationException("no context");
        var replace = Json.Read<List<BenchRow>>(Path.Combine(resultsDir, "replace.json"));
        var alloc = Json.Read<List<BenchRow>>(Path.Combine(resultsDir, "alloc.json"));
        var peer = Json.Read<PeerComparison.Result>(Path.Combine(resultsDir, "peer.json"));
        var stream = Json.Read<Streaming.Result>(Path.Combine(resultsDir, "stream.json"));
        var corpus = Json.Read<AnalyzerCost.CorpusResult>(Path.Combine(resultsDir, "analyzers-corpus.json"));
        var scaling = Json.Read<AnalyzerCost.ScaleResult>(Path.Combine(resultsDir, "analyzers-scaling.json"));
        var build = Json.Read<BuildLog.Result>(Path.Combine(resultsDir, "build.json"));

        var md = new StringBuilder();
        var verdicts = new List<(string Target, string Measured, string Verdict)>();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine($"Written by `tools/AtomicWrite.Benchmarks/run.sh` ({ctx.Mode} mode) on {ctx.StartedUtc} (UTC start), report written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. " +
            "Every figure below comes from that one run; none is typed by hand. Rerun the script to refresh them.");
        md.AppendLine();
        md.AppendLine("> **Noise.** The machine has 2 cores and a shared virtual disk, and other jobs may run on it (the load average at the " +
            "start of this run is under \"Machine and commands\"), so absolute times wander between runs. The targets are therefore ratios of things measured side by side in the same run " +
            "(same process where possible, same directory, same sizes, alternating rounds), which drift much less than the absolute figures.");
        md.AppendLine();
        md.AppendLine("SUMMARY_PLACEHOLDER");

        // ---------------- runtime: replace ----------------
        md.AppendLine("## Runtime: replacing a 4 KiB file");
        md.AppendLine();
        md.AppendLine("Every side replaces an existing 4 KiB, mode 0600 file in one directory on the disk under test. The *floor* is the bare system-call " +
            "sequence a durable replace needs, called through P/Invoke with the temp name and the bytes prepared in advance: " +
            "`open(temp, O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600)` in the same directory, `write`, `fsync`, `close`, `rename`, " +
            "`open(dir, O_DIRECTORY)`, `fsync`, `close` (the AtomicOnly floor stops before the directory, the None floor also skips the first `fsync`).");
        md.AppendLine();
        double bdnRatio = double.NaN;
        if (replace is not null)
        {
            bdnRatio = Mean(replace, "AtomicFileDurable") / Mean(replace, "Floor");
        }

        if (peer is null)
        {
            md.AppendLine("The interleaved comparison was not run.");
            verdicts.Add(("`AtomicFile.WriteAllText` (Durable) ≤ 1.10× the floor", replace is null ? "not measured" : $"BenchmarkDotNet only: {F2(bdnRatio)}×",
                replace is null ? "**not measured**" : Verdict(bdnRatio <= 1.10, bdnRatio, 1.10) + " (BenchmarkDotNet only)"));
            verdicts.Add(("`AtomicFile.WriteAllText` (Durable) ≤ 1.0× write-file-atomic", "not measured", "**not measured**"));
        }
        else
        {
            md.AppendLine("### Interleaved, operation by operation (the figures the targets use)");
            md.AppendLine();
            md.AppendLine($"Method: every side does one replace per cycle, and the sides take turns in a fresh random order each cycle " +
                $"({peer.Cycles} measured cycles after {peer.WarmupCycles} warm-up cycles, seed {peer.Seed}), so a slow moment of the shared disk, " +
                "or journal work one side leaves to the next, falls on all sides alike. Each operation is timed by the process that does it. " +
                $"The peer is npm write-file-atomic {peer.WfaVersion} on node {peer.NodeVersion}, `writeFileAtomic.sync(file, text, {{ mode: 0o600, fsync: true }})`, " +
                "installed by `npm ci` from `tools/AtomicWrite.Benchmarks/node/package-lock.json` (the package declares node ≥ 22 as its engine; it runs unchanged on this node). " +
                "It runs in one long-running node process (`node/wfa-loop.js serve`) that times each call with `process.hrtime` and is driven one operation at a time over a pipe; " +
                "node's start-up, module loading and the pipe are outside the timing, just as the .NET sides are timed around the call alone. " +
                "write-file-atomic does not fsync the directory, so AtomicOnly is our like-for-like level; the target compares our default, Durable, which does one fsync more. " +
                "On this shared disk the time of one operation is spread over an order of magnitude and is often bimodal (a quiet and a busy mode), " +
                "so the median can land in the gap and jump between modes. The verdicts therefore use the ratio of the 10% trimmed means " +
                "(the fastest and the slowest 10% of each side dropped); the median and mean ratios and the trimmed-mean ratio within each half of the run are shown for comparison.");
            md.AppendLine();
            md.AppendLine("| side | trimmed mean | median | mean | p10 | p90 | to durable floor: trimmed / median / mean | to write-file-atomic: trimmed / median / mean |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var side in peer.Sides)
            {
                md.AppendLine($"| {side.Name} | {Us(side.TrimmedMeanNs)} | {Us(side.MedianNs)} | {Us(side.MeanNs)} | {Us(side.P10Ns)} | {Us(side.P90Ns)} | {RatioCell(peer, side.Name, PeerComparison.Floor)} | {RatioCell(peer, side.Name, PeerComparison.Wfa)} |");
            }

            md.AppendLine();
            double rFloor = peer.TrimmedRatio(PeerComparison.AtomicDurable, PeerComparison.Floor);
            double rWfa = peer.TrimmedRatio(PeerComparison.AtomicDurable, PeerComparison.Wfa);
            var hf = peer.HalfRatios(PeerComparison.AtomicDurable, PeerComparison.Floor);
            var hw = peer.HalfRatios(PeerComparison.AtomicDurable, PeerComparison.Wfa);
            verdicts.Add(("`AtomicFile.WriteAllText` (Durable) ≤ 1.10× the floor",
                $"{F2(rFloor)}× (trimmed means; halves {F2(hf.First)}/{F2(hf.Second)}; medians {F2(peer.MedianRatio(PeerComparison.AtomicDurable, PeerComparison.Floor))}×; BenchmarkDotNet {F2(bdnRatio)}×)",
                Verdict(rFloor <= 1.10, rFloor, 1.10)));
            verdicts.Add(("`AtomicFile.WriteAllText` (Durable) ≤ 1.0× write-file-atomic (sync, 0600)",
                $"{F2(rWfa)}× (trimmed means; halves {F2(hw.First)}/{F2(hw.Second)}; AtomicOnly, like for like: {F2(peer.TrimmedRatio(PeerComparison.AtomicOnly, PeerComparison.Wfa))}×)",
                Verdict(rWfa <= 1.0, rWfa, 1.0)));

            md.AppendLine("### Durability levels side by side");
            md.AppendLine();
            md.AppendLine("Trimmed means of the interleaved run above.");
            md.AppendLine();
            md.AppendLine("| level | AtomicFile | its floor | AtomicFile / its floor | AtomicFile / `File.WriteAllText` in place |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var (level, ours, fl) in new[] { ("None (temp + rename, no fsync)", PeerComparison.AtomicNone, PeerComparison.FloorNone),
                         ("AtomicOnly (fsync the temp, no directory fsync)", PeerComparison.AtomicOnly, PeerComparison.FloorAtomicOnly),
                         ("Durable (default: fsync the temp and the directory)", PeerComparison.AtomicDurable, PeerComparison.Floor) })
            {
                md.AppendLine($"| {level} | {Us(peer.Get(ours).TrimmedMeanNs)} | {Us(peer.Get(fl).TrimmedMeanNs)} | {F2(peer.TrimmedRatio(ours, fl))}× | {F1(peer.TrimmedRatio(ours, PeerComparison.InPlace))}× |");
            }

            md.AppendLine();
            md.AppendLine($"What safety costs: the unsafe in-place `File.WriteAllText` never waits for the disk; the durable default takes " +
                $"{F1(peer.TrimmedRatio(PeerComparison.AtomicDurable, PeerComparison.InPlace))}× its time, the bare durable floor " +
                $"{F1(peer.TrimmedRatio(PeerComparison.Floor, PeerComparison.InPlace))}×, so nearly all of it is the wait for the `fsync` calls.");
            md.AppendLine();
        }

        var floorCalls = File.Exists(Path.Combine(resultsDir, "strace-floor.log")) ? SyscallTrace.Extract(Path.Combine(resultsDir, "strace-floor.log")) : [];
        var atomicCalls = File.Exists(Path.Combine(resultsDir, "strace-atomic.log")) ? SyscallTrace.Extract(Path.Combine(resultsDir, "strace-atomic.log")) : [];
        if (floorCalls.Count > 0 && atomicCalls.Count > 0)
        {
            md.AppendLine("### What one replace asks of the kernel");
            md.AppendLine();
            md.AppendLine($"`strace -f` of one replace of an existing 0600 file (after two untraced warm-up replaces), every system call of the calling thread " +
                $"between two marker look-ups: the floor makes {floorCalls.Count} calls, `AtomicFile.WriteAllText` (Durable) makes {atomicCalls.Count}.");
            md.AppendLine();
            md.AppendLine("<details><summary>The floor</summary>");
            md.AppendLine();
            md.AppendLine("```");
            floorCalls.ForEach(c => md.AppendLine(c));
            md.AppendLine("```");
            md.AppendLine("</details>");
            md.AppendLine();
            md.AppendLine("<details><summary>AtomicFile.WriteAllText</summary>");
            md.AppendLine();
            md.AppendLine("```");
            atomicCalls.ForEach(c => md.AppendLine(c));
            md.AppendLine("```");
            md.AppendLine("</details>");
            md.AppendLine();
        }

        if (replace is not null)
        {
            md.AppendLine("### BenchmarkDotNet (MemoryDiagnoser)");
            md.AppendLine();
            md.AppendLine("The same sides except the node peer, run one after the other by BenchmarkDotNet in one process. " +
                "On a quiet machine this is the more precise measurement; on a shared one, each benchmark sees a different moment of the neighbours' disk " +
                "and CPU load, so its ratios can swing far more than the interleaved ones above (compare the standard errors).");
            md.AppendLine();
            md.AppendLine("| method | mean | standard error | ratio to durable floor | allocated/op |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            double floor = Mean(replace, "Floor");
            foreach (BenchRow r in replace)
            {
                md.AppendLine($"| {r.Description} | {Us(r.MeanNs)} | {Us(r.StdErrNs)} | {F2(r.MeanNs / floor)}× | {Bytes(r.AllocatedBytes)} |");
            }

            md.AppendLine();
            md.AppendLine("<details><summary>BenchmarkDotNet's own table</summary>");
            md.AppendLine();
            md.AppendLine(ReadOrEmpty(Path.Combine(resultsDir, "replace.md")));
            md.AppendLine("</details>");
            md.AppendLine();
        }

        // ---------------- allocation ----------------
        md.AppendLine("## Runtime: allocation of a whole-file write");
        md.AppendLine();
        if (alloc is null)
        {
            md.AppendLine("Not measured in this run.");
            md.AppendLine();
            verdicts.Add(("AtomicFile.WriteAllBytes allocates ≤ File.WriteAllBytes + 1 KiB", "not measured", "**not measured**"));
        }
        else
        {
            md.AppendLine("BenchmarkDotNet's MemoryDiagnoser, 4 KiB `byte[]`, an existing file replaced (AtomicFile) or overwritten (File).");
            md.AppendLine();
            md.AppendLine("| method | mean | allocated/op |");
            md.AppendLine("|---|---:|---:|");
            foreach (BenchRow r in alloc)
            {
                md.AppendLine($"| {r.Description} | {Us(r.MeanNs)} | {Bytes(r.AllocatedBytes)} |");
            }

            md.AppendLine();
            long ours = alloc.First(r => r.Method == "AtomicFileWriteAllBytes").AllocatedBytes ?? -1;
            long theirs = alloc.First(r => r.Method == "FileWriteAllBytes").AllocatedBytes ?? -1;
            long extra = ours - theirs;
            verdicts.Add(("`AtomicFile.WriteAllBytes` allocates ≤ `File.WriteAllBytes` + 1 KiB", $"{ours} B vs {theirs} B (+{extra} B)",
                extra <= 1024 ? $"met ({1024 - extra} B to spare)" : $"**missed** by {extra - 1024} B"));
            md.AppendLine("<details><summary>BenchmarkDotNet's own table</summary>");
            md.AppendLine();
            md.AppendLine(ReadOrEmpty(Path.Combine(resultsDir, "alloc.md")));
            md.AppendLine("</details>");
            md.AppendLine();
        }

        // ---------------- streaming ----------------
        md.AppendLine("## Runtime: streaming a large file");
        md.AppendLine();
        if (stream is null)
        {
            md.AppendLine("Not measured in this run.");
            md.AppendLine();
            verdicts.Add(("streaming throughput ≥ 90% of FileStream + Flush(true)", "not measured", "**not measured**"));
            verdicts.Add(("streaming peak memory bounded by the buffer", "not measured", "**not measured**"));
        }
        else
        {
            md.AppendLine($"{stream.SizeMiB} MiB written in {stream.ChunkBytes / 1024} KiB `Write` calls from one reused buffer, either through " +
                "`AtomicFile.Create(path)` … `Commit()` (Durable) or through `new FileStream(path, FileMode.Create)` … `Flush(true)`, into a fresh file in the same directory. " +
                $"Each write runs in its own child process ({stream.Rounds} rounds, the order of the kinds alternating), which first calls `syncfs` on the directory, untimed, " +
                "so that no write inherits the journal commit and block discards of the previous one's deleted file (the disk is mounted with online discard); " +
                "the time runs from opening to the return of Commit / Flush(true) + Dispose. " +
                "In the child, the peak resident set (VmHWM) is reset through `/proc/self/clear_refs` right before the write, after a one-chunk warm-up, and read after it; " +
                "*peak RSS growth* is VmHWM after minus VmRSS before. *GC allocated* is `GC.GetTotalAllocatedBytes(precise: true)` across the write. " +
                "The page cache is not part of a process's RSS.");
            md.AppendLine();
            md.AppendLine("| kind | run | MiB/s | seconds | peak RSS growth | GC allocated during the write |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            int i = 0;
            foreach (var r in stream.Runs)
            {
                md.AppendLine($"| {r.Kind} | {++i} | {F1(r.MiBPerSecond)} | {F2(r.Seconds)} | {r.PeakGrowthKiB} KiB | {r.GcAllocatedBytes} B |");
            }

            md.AppendLine();
            md.AppendLine("The disk of this machine answers in two modes, a fast one and a slow one (presumably the virtual disk's cache on the host), and a run falls in either, " +
                "whatever its kind. The verdict therefore uses each kind's overall throughput, all its bytes over all its seconds (one slow run weighs as much as the time it took), " +
                $"rather than the median of so few runs, which would follow the modes: overall {F1(stream.OverallMiBPerSecond["atomic"])} MiB/s for AtomicFile against " +
                $"{F1(stream.OverallMiBPerSecond["filestream"])} MiB/s for FileStream; medians {F1(stream.MedianMiBPerSecond["atomic"])} against {F1(stream.MedianMiBPerSecond["filestream"])} MiB/s.");
            md.AppendLine();
            double tp = stream.OverallMiBPerSecond["atomic"] / stream.OverallMiBPerSecond["filestream"];
            verdicts.Add(("streaming throughput ≥ 90% of `FileStream` + `Flush(true)` (all bytes / all seconds per kind)",
                $"{F1(stream.OverallMiBPerSecond["atomic"])} vs {F1(stream.OverallMiBPerSecond["filestream"])} MiB/s = {tp * 100:F0}%",
                tp >= 0.9 ? $"met ({(tp - 0.9) * 100:F0} points above)" : $"**missed** by {(0.9 - tp) * 100:F0} points"));
            long growth = stream.MaxPeakGrowthKiB["atomic"];
            long fsGrowth = stream.MaxPeakGrowthKiB["filestream"];
            long gc = stream.MaxGcAllocatedBytes["atomic"];
            long sizeKiB = stream.SizeMiB * 1024L;
            bool memOk = gc <= stream.ChunkBytes && growth <= fsGrowth + stream.ChunkBytes / 1024 && growth < sizeKiB / 16;
            md.AppendLine($"Memory criterion (\"bounded by the buffer, not the file size\"): over all rounds, the atomic write's GC allocation stays within one " +
                $"{stream.ChunkBytes / 1024} KiB buffer, and its peak RSS growth stays within FileStream's plus one buffer and below 1/16 of the file size ({sizeKiB / 16} KiB).");
            md.AppendLine();
            verdicts.Add(("streaming peak memory bounded by the buffer, not the file size",
                $"peak RSS growth {growth} KiB (FileStream {fsGrowth} KiB), GC allocated {gc} B, file {sizeKiB} KiB",
                memOk ? "met" : "**missed**"));
        }

        // ---------------- analyzers ----------------
        md.AppendLine("## Analyzers: a large real code base");
        md.AppendLine();
        if (corpus is null)
        {
            md.AppendLine("Not measured in this run.");
            md.AppendLine();
            verdicts.Add(("analyzer time ≤ 0.5× BannedApiAnalyzers", "not measured", "**not measured**"));
            verdicts.Add(("analyzer time ≤ 2% of the compiler's diagnostics pass", "not measured", "**not measured**"));
        }
        else
        {
            md.AppendLine($"{corpus.Name} at `{corpus.Commit}`: {corpus.Files} `.cs` files, {corpus.Lines:N0} lines, compiled ad hoc as one `CSharpCompilation` " +
                $"(Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}) against {corpus.References}; the code is fetched at run time and never stored here. " +
                "Its NuGet dependencies are not referenced, so part of it binds to error types (the error count is shown); this lowers both the compiler's and the analyzers' work.");
            md.AppendLine();
            md.AppendLine($"Each run: (1) a fresh compilation's `GetDiagnostics()` timed as the compiler's own diagnostics pass; (2) a fresh compilation " +
                $"analysed by `CompilationWithAnalyzers` with `logAnalyzerExecutionTime: true` and our analyzers plus {corpus.PeerAnalyzer} " +
                "(its C# `SymbolIsBannedAnalyzer`, loaded from the NuGet package's analyzer DLLs, with `BannedSymbols.txt` as an AdditionalText banning the same write APIs " +
                "our rules look at: `File.WriteAll*`, `File.Create/Open/OpenWrite/CreateText`, `FileStream` and `StreamWriter` path constructors, `FileInfo` openers, " +
                "`XDocument/XElement/XmlDocument.Save(string)`), both in the same pass; the analyzer times are Roslyn's per-analyzer `ExecutionTime` from " +
                "`GetAnalyzerTelemetryInfoAsync`. Compilation and analysis are single-threaded (`concurrentBuild: false`, `concurrentAnalysis: false`). " +
                $"A warm-up pass on 200 files runs first. Our analyzers: {string.Join(", ", corpus.OurAnalyzers.Select(a => "`" + a + "`"))}.");
            md.AppendLine();
            md.AppendLine("| run | compiler diagnostics pass | compiler errors | analysis pass (wall) | ours | BannedApiAnalyzers | our diagnostics | peer diagnostics (RS0030) | analyzer exceptions |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in corpus.Passes)
            {
                md.AppendLine($"| {p.Run} | {Ms(p.CompilerDiagnosticsMs)} | {p.CompilerErrors} | {Ms(p.AnalysisPassWallMs)} | {Ms(p.OursMs)} | {Ms(p.PeerMs)} | {p.OursDiagnostics} | {p.PeerDiagnostics} | {p.AnalyzerExceptions} |");
            }

            md.AppendLine($"| **median** | **{Ms(corpus.MedianCompilerMs)}** | | | **{Ms(corpus.MedianOursMs)}** | **{Ms(corpus.MedianPeerMs)}** | | | |");
            md.AppendLine();
            md.AppendLine($"Diagnostics by rule on this code (last run; RS0030 is the peer's): {(corpus.DiagnosticsById.Count == 0 ? "none" : string.Join(", ", corpus.DiagnosticsById.Select(kv => $"{kv.Key}: {kv.Value}")))}.");
            md.AppendLine();
            md.AppendLine("Per analyzer (median over the runs):");
            md.AppendLine();
            md.AppendLine("| analyzer | execution time |");
            md.AppendLine("|---|---:|");
            foreach (string name in corpus.Passes[0].PerAnalyzer.Select(a => a.Analyzer))
            {
                md.AppendLine($"| `{name}` | {Ms(Stats.Median(corpus.Passes.Select(p => p.PerAnalyzer.First(a => a.Analyzer == name).Milliseconds)))} |");
            }
            md.AppendLine();
            if (corpus.OurAnalyzers.Count == 0)
            {
                verdicts.Add(("analyzer time ≤ 0.5× BannedApiAnalyzers", "no analyzer found in AtomicWrite.Analyzers.dll", "**not measured**"));
                verdicts.Add(("analyzer time ≤ 2% of the compiler's diagnostics pass", "no analyzer found", "**not measured**"));
            }
            else
            {
                double vsPeer = corpus.MedianOursMs / corpus.MedianPeerMs;
                double vsCompiler = corpus.MedianOursMs / corpus.MedianCompilerMs;
                verdicts.Add(("analyzer time ≤ 0.5× BannedApiAnalyzers (median)", $"{Ms(corpus.MedianOursMs)} vs {Ms(corpus.MedianPeerMs)} = {F2(vsPeer)}×",
                    Verdict(vsPeer <= 0.5, vsPeer, 0.5)));
                verdicts.Add(("analyzer time ≤ 2% of the compiler's diagnostics pass (median)", $"{Ms(corpus.MedianOursMs)} vs {Ms(corpus.MedianCompilerMs)} = {vsCompiler * 100:F2}%",
                    vsCompiler <= 0.02 ? $"met ({(0.02 - vsCompiler) * 100:F2} points to spare)" : $"**missed** by {(vsCompiler - 0.02) * 100:F2} points"));
            }
        }

        md.AppendLine("## Analyzers: scaling with generated code");
        md.AppendLine();
        if (scaling is null)
        {
            md.AppendLine("Not measured in this run.");
            md.AppendLine();
            verdicts.Add(("analyzer time grows linearly with the code size", "not measured", "**not measured**"));
        }
        else
        {
            md.AppendLine("Generated files, each a small store class with direct in-place writes to sensitive and ordinary files, a one-hop wrapper, a call through " +
                "the previous file's wrapper (so wrapper summaries chain across all files), a streaming export and plain computation; compiled against " +
                "Basic.Reference.Assemblies.Net80, analysed as above. Sizes alternate their order between runs.");
            md.AppendLine();
            md.AppendLine("| files | lines | run | ours | BannedApiAnalyzers | analysis pass (wall) | our diagnostics |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in scaling.Points.OrderBy(p => p.Files).ThenBy(p => p.Run))
            {
                md.AppendLine($"| {p.Files} | {p.Lines} | {p.Run} | {Ms(p.OursMs)} | {Ms(p.PeerMs)} | {Ms(p.CompilerMs)} | {p.OursDiagnostics} |");
            }

            md.AppendLine();
            int small = scaling.MedianOursMsBySize.Keys.Min(), large = scaling.MedianOursMsBySize.Keys.Max();
            double perSmall = scaling.MedianOursMsBySize[small] / small, perLarge = scaling.MedianOursMsBySize[large] / large;
            double growth = perLarge / perSmall;
            md.AppendLine($"Least-squares fit over all points, our time = a + b·files: slope b = {F2(scaling.SlopeMsPerThousandFiles)} ms per 1,000 files, " +
                $"a = {F1(scaling.InterceptMs)} ms, R² = {scaling.R2:F3}. BannedApiAnalyzers: {F2(scaling.PeerSlopeMsPerThousandFiles)} ms per 1,000 files, R² = {scaling.PeerR2:F3}. " +
                $"Time per file at {large} files / time per file at {small} files (medians) = {F2(growth)} (superlinear growth would push this above 1).");
            md.AppendLine();
            bool linear = growth <= 1.25;
            verdicts.Add(("analyzer time linear in code size, not superlinear (per-file time at the largest size ≤ 1.25× that at the smallest; slope and R² reported)",
                $"slope {F2(scaling.SlopeMsPerThousandFiles)} ms/1,000 files, R² {scaling.R2:F3}, per-file growth {F2(growth)}×", linear ? "met" : "**missed**"));
        }

        md.AppendLine("## Analyzers: a real build with `-p:ReportAnalyzer=true`");
        md.AppendLine();
        if (build is null || !build.Found)
        {
            md.AppendLine("Not measured in this run (no analyzer report found in the build output).");
            md.AppendLine();
        }
        else
        {
            md.AppendLine($"`{build.Command}` ({build.Project}); the analyzer report of the detailed build output. Total analyzer time of the build: " +
                $"{build.TotalAnalyzerSeconds:F3} s, of which AtomicWrite.Analyzers {build.OursSeconds:F3} s.");
            md.AppendLine();
            md.AppendLine("| analyzer | seconds | % |");
            md.AppendLine("|---|---:|---:|");
            foreach (var r in build.Rows.Where(r => r.Name.StartsWith("AtomicWrite.", StringComparison.Ordinal) || r.Name.Contains(", Version=", StringComparison.Ordinal)))
            {
                md.AppendLine(r.Name.Contains(", Version=", StringComparison.Ordinal)
                    ? $"| **{r.Name.Split(',')[0]}** (assembly) | {r.Seconds:F3} | {r.Percent} |"
                    : $"| &nbsp;&nbsp;{r.Name} | {r.Seconds:F3} | {r.Percent} |");
            }

            md.AppendLine();
        }

        // ---------------- machine, commands ----------------
        md.AppendLine("## Machine and commands");
        md.AppendLine();
        md.AppendLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; memory {MemTotal()}");
        md.AppendLine($"- OS: {OsName()}, kernel {Kernel()}; {RuntimeInformation.FrameworkDescription}, SDK {ctx.SdkVersion}");
        md.AppendLine($"- Disk under test: {ctx.FileSystem} (scratch directory under `{ctx.BenchDir}`)");
        md.AppendLine($"- Load average at start: {ctx.LoadAtStart}; at the report: {ReadOrEmpty("/proc/loadavg").Trim()}");
        md.AppendLine($"- Source: branch `{ctx.GitBranch}`, commit `{ctx.GitCommit}`");
        md.AppendLine();
        md.AppendLine("Reproduce everything with:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("tools/AtomicWrite.Benchmarks/run.sh            # quick mode, ~10-15 minutes on 2 cores; rewrites docs/performance.md");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("which ran these commands:");
        md.AppendLine();
        md.AppendLine("```sh");
        foreach (string c in ctx.Commands)
        {
            md.AppendLine(c);
        }

        md.AppendLine("```");
        md.AppendLine();
        if (ctx.Notes.Count > 0)
        {
            md.AppendLine("Notes from this run:");
            md.AppendLine();
            foreach (string n in ctx.Notes)
            {
                md.AppendLine($"- {n}");
            }

            md.AppendLine();
        }

        var summary = new StringBuilder();
        summary.AppendLine("## Targets");
        summary.AppendLine();
        summary.AppendLine("| target | measured | verdict |");
        summary.AppendLine("|---|---|---|");
        foreach (var v in verdicts)
        {
            summary.AppendLine($"| {v.Target} | {v.Measured} | {v.Verdict} |");
        }

        summary.AppendLine();
        summary.AppendLine("ANALYSIS_PLACEHOLDER");
        string text = md.ToString().Replace("SUMMARY_PLACEHOLDER", summary.ToString());
        // Why a target is met or missed and the plan: prose kept in analysis.md, without figures (the figures are above).
        string analysis = analysisPath is not null && File.Exists(analysisPath) ? File.ReadAllText(analysisPath).TrimEnd() + Environment.NewLine + Environment.NewLine : "";
        text = text.Replace("ANALYSIS_PLACEHOLDER" + Environment.NewLine, analysis);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        File.WriteAllText(outPath, text);
        File.WriteAllText(Path.Combine(resultsDir, "verdicts.json"), JsonSerializer.Serialize(verdicts.Select(v => new { v.Target, v.Measured, v.Verdict })));
        Console.WriteLine(summary.ToString());
        return 0;
    }

    private static string RatioCell(PeerComparison.Result peer, string a, string b) =>
        a == b ? "1.00" : $"{F2(peer.TrimmedRatio(a, b))} / {F2(peer.MedianRatio(a, b))} / {F2(peer.MeanRatio(a, b))}";

    private static double Mean(List<BenchRow> rows, string method) => rows.First(r => r.Method == method).MeanNs ?? double.NaN;

    private static string Verdict(bool met, double ratio, double target) =>
        met ? $"met ({(target - ratio) / target * 100:F1}% under)" : $"**missed** by {(ratio - target) / target * 100:F1}%";

    private static string Us(double? ns) => ns is null ? "n/a" : (ns.Value / 1000).ToString("N1", Inv) + " µs";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("N1", Inv) + " ms";

    private static string F1(double v) => v.ToString("F1", Inv);

    private static string F2(double? v) => v is null ? "n/a" : v.Value.ToString("F2", Inv);

    private static string Bytes(long? b) => b is null ? "n/a" : $"{b} B";

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static string MemTotal()
    {
        string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? "unknown" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024 / 1024} GiB";
    }

    private static string OsName() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : RuntimeInformation.OSDescription;

    private static string Kernel() => ReadOrEmpty("/proc/sys/kernel/osrelease").Trim();
}
