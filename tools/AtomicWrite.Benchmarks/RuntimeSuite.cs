using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AtomicWrite.Benchmarks;

/// <summary>Runs the BenchmarkDotNet classes and stores their figures for the report.</summary>
internal static class RuntimeSuite
{
    /// <summary>quick: few short iterations, in process (no generated project to build); full: BenchmarkDotNet's defaults.</summary>
    public static IConfig Config(string mode, string? artifactsPath = null)
    {
        Job job = mode switch
        {
            "dry" => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance),
            "quick" => Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(8)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)),
            "full" => Job.Default,
            _ => throw new ArgumentException($"unknown mode {mode}"),
        };
        return ManualConfig.CreateEmpty()
            .AddJob(job.WithId(mode))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithArtifactsPath(artifactsPath ?? Path.Combine(Path.GetTempPath(), "awbench-bdn-artifacts"));
    }

    public static int Run(string mode, string resultsDir)
    {
        Directory.CreateDirectory(resultsDir);
        IConfig config = Config(mode, Path.Combine(resultsDir, "bdn"));
        var all = new List<BenchRow>();
        foreach (var (type, file) in new[] { (typeof(ReplaceBenchmarks), "replace"), (typeof(AllocationBenchmarks), "alloc") })
        {
            Summary summary = BenchmarkRunner.Run(type, config);
            var rows = Rows(summary);
            if (summary.HasCriticalValidationErrors || rows.Count != summary.BenchmarksCases.Length || rows.Any(r => r.MeanNs is null))
            {
                Console.Error.WriteLine($"{type.Name}: some benchmarks did not produce a result");
                return 1;
            }

            var logger = new AccumulationLogger();
            MarkdownExporter.GitHub.ExportToLog(summary, logger);
            File.WriteAllText(Path.Combine(resultsDir, file + ".md"), logger.GetLog());
            Json.Write(Path.Combine(resultsDir, file + ".json"), rows);
            all.AddRange(rows);
        }

        return 0;
    }

    public static List<BenchRow> Rows(Summary summary) =>
        summary.Reports.Select(r => new BenchRow(
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,
            r.ResultStatistics?.Mean,
            r.ResultStatistics?.StandardError,
            r.ResultStatistics?.Median,
            r.ResultStatistics?.N ?? 0,
            r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase))).ToList();
}

internal sealed record BenchRow(string Method, string Description, double? MeanNs, double? StdErrNs, double? MedianNs, int N, long? AllocatedBytes);
