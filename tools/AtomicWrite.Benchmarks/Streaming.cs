using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// Streaming a large file: AtomicFile.Create + Commit against FileStream + Flush(true), same directory, same size,
/// same 1 MiB writes. Every write runs in a fresh child process, so that its peak RSS (VmHWM, reset just before the
/// write through /proc/self/clear_refs) and its GC allocation belong to that write alone. Kinds alternate.
/// </summary>
internal static class Streaming
{
    public const int ChunkBytes = 1 << 20;

    public sealed record ChildResult(string Kind, long Bytes, double Seconds, double MiBPerSecond, long RssBeforeKiB,
        long PeakRssKiB, long PeakGrowthKiB, long GcAllocatedBytes, bool HwmReset);

    public sealed record Result(int SizeMiB, int ChunkBytes, int Rounds, string Directory, List<ChildResult> Runs,
        Dictionary<string, double> MedianMiBPerSecond, Dictionary<string, double> OverallMiBPerSecond,
        Dictionary<string, long> MaxPeakGrowthKiB, Dictionary<string, long> MaxGcAllocatedBytes);

    public static int Run(int sizeMiB, int rounds, string resultsDir)
    {
        string dir = Posix.NewScratchDirectory("stream");
        var runs = new List<ChildResult>();
        string[] kinds = ["filestream", "atomic"];
        for (int round = 0; round < rounds; round++)
        {
            foreach (string kind in round % 2 == 0 ? kinds : kinds.Reverse())
            {
                ChildResult r = RunChild(kind, dir, sizeMiB);
                Console.WriteLine($"round {round + 1}/{rounds} {kind,-10} {r.MiBPerSecond,8:F1} MiB/s  peak RSS growth {r.PeakGrowthKiB,8} KiB  GC allocated {r.GcAllocatedBytes,10} B");
                runs.Add(r);
            }
        }

        Directory.Delete(dir, recursive: true);
        var result = new Result(sizeMiB, ChunkBytes, rounds, dir, runs,
            kinds.ToDictionary(k => k, k => Stats.Median(runs.Where(r => r.Kind == k).Select(r => r.MiBPerSecond))),
            kinds.ToDictionary(k => k, k => runs.Where(r => r.Kind == k).Sum(r => r.Bytes) / (1024.0 * 1024.0) / runs.Where(r => r.Kind == k).Sum(r => r.Seconds)),
            kinds.ToDictionary(k => k, k => runs.Where(r => r.Kind == k).Max(r => r.PeakGrowthKiB)),
            kinds.ToDictionary(k => k, k => runs.Where(r => r.Kind == k).Max(r => r.GcAllocatedBytes)));
        Json.Write(Path.Combine(resultsDir, "stream.json"), result);
        return 0;
    }

    private static ChildResult RunChild(string kind, string dir, int sizeMiB)
    {
        var psi = SelfStartInfo("stream-child", kind, dir, sizeMiB.ToString());
        psi.RedirectStandardOutput = true;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the child");
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"stream child {kind} exited with {p.ExitCode}");
        }

        string line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<ChildResult>(line) ?? throw new InvalidOperationException("no child result");
    }

    /// <summary>Starts this program again (through the dotnet host when it runs as a dll).</summary>
    public static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    public static int Child(string kind, string dir, int sizeMiB)
    {
        byte[] chunk = new byte[ChunkBytes];
        for (int i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)('a' + (i % 26));
        }

        string target = Path.Combine(dir, $"stream-{kind}.bin");
        string warm = Path.Combine(dir, $"warmup-{kind}.bin");

        // Warm-up: the same code path on one chunk, so that JIT and first-use costs are not in the measurement.
        Write(kind, warm, chunk, 1);
        File.Delete(warm);
        File.Delete(target);

        // Start from a settled file system: the previous write's file was deleted just before, and with online discard
        // (this disk is mounted with -o discard) its blocks are discarded at the next journal commit. Without this,
        // that cost lands on whichever write comes next.
        Posix.SyncFileSystem(dir);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool reset = ResetPeakRss();
        long rssBefore = Status("VmRSS");
        long allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        Write(kind, target, chunk, sizeMiB * (1L << 20) / ChunkBytes);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
        long hwm = Status("VmHWM");

        long length = new FileInfo(target).Length;
        File.Delete(target);
        if (length != (long)sizeMiB << 20)
        {
            Console.Error.WriteLine($"wrote {length} bytes instead of {(long)sizeMiB << 20}");
            return 1;
        }

        var r = new ChildResult(kind, length, seconds, length / (1024.0 * 1024.0) / seconds, rssBefore, hwm,
            hwm - rssBefore, allocated, reset);
        Console.WriteLine(JsonSerializer.Serialize(r));
        return 0;
    }

    private static void Write(string kind, string path, byte[] chunk, long chunks)
    {
        switch (kind)
        {
            case "atomic":
                using (AtomicFileStream s = AtomicFile.Create(path))
                {
                    for (long i = 0; i < chunks; i++)
                    {
                        s.Write(chunk, 0, chunk.Length);
                    }

                    s.Commit();
                }

                break;
            case "filestream":
                using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    for (long i = 0; i < chunks; i++)
                    {
                        fs.Write(chunk, 0, chunk.Length);
                    }

                    fs.Flush(flushToDisk: true);
                }

                break;
            default:
                throw new ArgumentException($"unknown kind {kind}");
        }
    }

    /// <summary>Resets VmHWM to the current RSS (Linux: write 5 to /proc/self/clear_refs).</summary>
    private static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A "Name:   123 kB" line of /proc/self/status, in KiB.</summary>
    public static long Status(string name)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length + 1).Trim().TrimEnd("kB").Trim());
            }
        }

        return -1;
    }
}
