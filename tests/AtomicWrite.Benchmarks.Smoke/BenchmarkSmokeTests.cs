using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtomicWrite.Benchmarks;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtomicWrite.Benchmarks.Smoke;

public sealed class BenchmarkSmokeTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "aw-bench-smoke-" + Guid.NewGuid().ToString("N"));

    public BenchmarkSmokeTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Every_runtime_benchmark_runs_one_iteration_and_reports_time_and_allocation()
    {
        foreach (Type type in new[] { typeof(ReplaceBenchmarks), typeof(AllocationBenchmarks) })
        {
            Summary summary = BenchmarkRunner.Run(type, RuntimeSuite.Config("dry"));
            Assert.False(summary.HasCriticalValidationErrors, string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
            var rows = RuntimeSuite.Rows(summary);
            Assert.Equal(type.GetMethods().Count(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)), rows.Count);
            Assert.All(rows, r =>
            {
                Assert.True(r.MeanNs > 0, $"{r.Method} has no time");
                Assert.NotNull(r.AllocatedBytes);
            });
        }
    }

    [Fact]
    public void The_floor_replaces_the_file_with_mode_0600_and_leaves_no_temp()
    {
        string target = Path.Combine(dir, "token.json");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, (UnixFileMode)0x1B6); // 0666: the floor's temp must not inherit it
        byte[] data = Payload.Bytes(Payload.ReplaceSize);

        Posix.Replace(Posix.CString(target + ".tmp"), Posix.CString(target), Posix.CString(dir), data);

        Assert.Equal(data, File.ReadAllBytes(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(dir));
    }

    [SkippableFact]
    public void The_floor_makes_exactly_the_durable_replace_system_calls()
    {
        Skip.If(!OperatingSystem.IsLinux(), "Linux only");
        Skip.If(FindOnPath("strace") is null, "strace is not installed (apt-get install strace)");
        string log = Path.Combine(dir, "strace.log");
        // strace <options> <host> [dll] floor-once <dir>
        var strace = new ProcessStartInfo("strace") { UseShellExecute = false };
        foreach (string a in new[] { "-f", "-qq", "-e", "trace=openat,write,fsync,close,rename,renameat,renameat2", "-o", log })
        {
            strace.ArgumentList.Add(a);
        }

        ProcessStartInfo self = Streaming.SelfStartInfo("floor-once", dir);
        strace.ArgumentList.Add(self.FileName);
        foreach (string a in self.ArgumentList)
        {
            strace.ArgumentList.Add(a);
        }

        using (var p = Process.Start(strace)!)
        {
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }

        string target = Path.Combine(dir, "floor-target.bin");
        string[] calls = File.ReadAllLines(log)
            .Select(l => Regex.Replace(l, @"^\d+\s+", ""))
            .SkipWhile(l => !l.Contains(target + ".tmp\"", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(calls);
        Match open = Regex.Match(calls[0], @"^openat\(AT_FDCWD, ""[^""]+"", ([A-Z_|]+), 0600\) = (\d+)$");
        Assert.True(open.Success, calls[0]);
        foreach (string flag in new[] { "O_WRONLY", "O_CREAT", "O_EXCL", "O_NOFOLLOW", "O_CLOEXEC" })
        {
            Assert.Contains(flag, open.Groups[1].Value);
        }

        string fd = open.Groups[2].Value;
        string[] expected =
        [
            $"write({fd}, ",
            $"fsync({fd})",
            $"close({fd})",
            "rename",
            $"openat(AT_FDCWD, \"{dir}\", O_RDONLY|O_CLOEXEC|O_DIRECTORY)",
            "fsync(",
            "close(",
        ];
        int at = 1;
        foreach (string e in expected)
        {
            at = Array.FindIndex(calls, at, c => c.StartsWith(e, StringComparison.Ordinal) || c.Contains(e, StringComparison.Ordinal) && e.StartsWith("openat", StringComparison.Ordinal));
            Assert.True(at > 0, $"missing {e} after the temp was opened:\n{string.Join("\n", calls.Take(20))}");
            at++;
        }

        Assert.Contains($"\"{target}.tmp\", \"{target}\"", calls.First(c => c.StartsWith("rename", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_analyzer_harness_loads_the_peer_with_its_ban_list_and_times_every_analyzer()
    {
        var trees = Enumerable.Range(0, 5)
            .Select(i => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Generated.File(i), AnalyzerCost.ParseOptions, $"/gen/Store{i}.cs"))
            .ToList();
        var (refs, _) = AnalyzerCost.References("net80");
        var ours = AnalyzerCost.OurAnalyzers();
        var peer = AnalyzerCost.PeerAnalyzers();

        AnalyzerCost.PassResult r = AnalyzerCost.Measure(1, trees, refs, ours, peer, withCompilerPass: true);

        Assert.Single(peer);
        Assert.NotEmpty(ours);
        Assert.Equal(0, r.CompilerErrors);
        Assert.Equal(0, r.AnalyzerExceptions);
        // Each generated file bans-hits File.WriteAllText twice and new FileStream(path, ...) once.
        Assert.Equal(5 * 3, r.PeerDiagnostics);
        Assert.True(r.OursDiagnostics > 0, "our analyzers report nothing on generated token and settings writes");
        Assert.True(r.CompilerDiagnosticsMs > 0);
        Assert.True(r.PeerMs > 0);
        Assert.All(r.PerAnalyzer, a => Assert.True(a.Milliseconds > 0, $"no telemetry for {a.Analyzer}"));
    }

    [Fact]
    public void The_streaming_child_writes_the_whole_file_and_reports_its_memory()
    {
        var psi = Streaming.SelfStartInfo("stream-child", "atomic", dir, "4");
        psi.RedirectStandardOutput = true;
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);

        var r = JsonSerializer.Deserialize<Streaming.ChildResult>(stdout.Trim().Split('\n').Last())!;
        Assert.Equal(4L << 20, r.Bytes);
        Assert.True(r.Seconds > 0);
        Assert.True(r.PeakRssKiB > 0 && r.RssBeforeKiB > 0);
        Assert.Empty(Directory.GetFiles(dir));
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
