using System;
using System.IO;
using System.Linq;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// Entry point. run.sh calls the modes one by one and then "report", which writes docs/performance.md.
/// Every mode writes its figures as JSON into the results directory.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage:
          runtime <dry|quick|full> <resultsDir>
          peer <nodeDir> <cycles> <warmupCycles> <resultsDir>
          stream <sizeMiB> <rounds> <resultsDir>
          analyzers-corpus <sourceRoot> <name> <commit> <sdk|net80> <runs> <resultsDir>
          analyzers-cost <sourceRoot> <name> <percent> <runs>   (issue 14's definition: bound compilation, interleaved rounds, medians)
          analyzers-scaling <size,size,...> <runs> <resultsDir>
          build-log <logFile> <project> <command> <resultsDir>
          floor-once <dir>
          replace-once <floor|atomic> <dir>   (between two marker look-ups, for strace)
          report <resultsDir> <context.json> <out.md> [analysis.md]
          bdn [BenchmarkDotNet arguments]   (BenchmarkSwitcher over all classes)
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        string[] a = args.Skip(1).ToArray();
        switch (args[0])
        {
            case "runtime" when a.Length == 2:
                return RuntimeSuite.Run(a[0], a[1]);
            case "peer" when a.Length == 4:
                return PeerComparison.Run(a[0], int.Parse(a[1]), int.Parse(a[2]), Dir(a[3]));
            case "stream" when a.Length == 3:
                return Streaming.Run(int.Parse(a[0]), int.Parse(a[1]), Dir(a[2]));
            case "stream-child" when a.Length == 3:
                return Streaming.Child(a[0], a[1], int.Parse(a[2]));
            case "analyzers-corpus" when a.Length == 6:
                return AnalyzerCost.RunCorpus(a[0], a[1], a[2], a[3], int.Parse(a[4]), Dir(a[5]));
            case "analyzers-cost" when a.Length == 4:
                return AnalyzerCostInterleaved.RunInterleaved(a[0], a[1], int.Parse(a[2]), int.Parse(a[3]));
            case "analyzers-scaling" when a.Length == 3:
                return AnalyzerCost.RunScaling(a[0].Split(',').Select(int.Parse).ToArray(), int.Parse(a[1]), Dir(a[2]));
            case "build-log" when a.Length == 4:
                Json.Write(Path.Combine(Dir(a[3]), "build.json"), BuildLog.Parse(a[0], a[1], a[2]));
                return 0;
            case "floor-once" when a.Length == 1:
                // One durable replace by the floor, for tracing its system calls (the smoke test runs it under strace).
                string target = Path.Combine(a[0], "floor-target.bin");
                Posix.Replace(Posix.CString(target + ".tmp"), Posix.CString(target), Posix.CString(a[0]), Payload.Bytes(Payload.ReplaceSize));
                return 0;
            case "replace-once" when a.Length == 2:
                return SyscallTrace.ReplaceOnce(a[0], a[1]);
            case "report" when a.Length is 3 or 4:
                return Report.Write(a[0], a[1], a[2], a.Length == 4 ? a[3] : null);
            case "bdn":
                BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(a);
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static string Dir(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
