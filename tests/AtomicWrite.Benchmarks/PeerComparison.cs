using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// AtomicFile against npm write-file-atomic, measured the same way: each side runs N replaces of one 4 KiB file
/// (mode 0600, synced) in a loop inside one long-running process after a warm-up, and reports total time / N.
/// Rounds alternate the sides (and rotate their order) in one directory, so drift of the shared machine hits all alike.
/// </summary>
internal static class PeerComparison
{
    public sealed record Round(int Index, Dictionary<string, double> MeanNs);

    public sealed record Result(int N, int Warmup, int Rounds, int SizeBytes, string NodeVersion, string WfaVersion,
        string Directory, List<Round> RoundResults, Dictionary<string, double> MedianOfMeansNs);

    public const string Wfa = "write-file-atomic (sync, fsync, 0600)";
    public const string Floor = "floor: bare syscalls, durable";
    public const string FloorAtomicOnly = "floor: bare syscalls, no directory fsync";
    public const string AtomicDurable = "AtomicFile.WriteAllText (Durable)";
    public const string AtomicOnly = "AtomicFile.WriteAllText (AtomicOnly)";

    public static int Run(string nodeDir, int n, int warmup, int rounds, string resultsDir)
    {
        string script = Path.Combine(nodeDir, "wfa-loop.js");
        if (!File.Exists(Path.Combine(nodeDir, "node_modules", "write-file-atomic", "package.json")))
        {
            Console.Error.WriteLine($"write-file-atomic is not installed in {nodeDir} (run npm ci there)");
            return 1;
        }

        string dir = Posix.NewScratchDirectory("peer");
        string text = Payload.Text(Payload.ReplaceSize);
        byte[] bytes = Payload.Bytes(Payload.ReplaceSize);
        string target = Path.Combine(dir, "token.json");
        byte[] tempC = Posix.CString(Path.Combine(dir, ".token.json.floor.tmp"));
        byte[] targetC = Posix.CString(target);
        byte[] dirC = Posix.CString(dir);
        File.WriteAllText(target, text);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var atomicOnly = new AtomicWriteOptions { Durability = AtomicDurability.AtomicOnly };

        var sides = new List<(string Name, Func<double> Measure)>
        {
            (Wfa, () => 0), // replaced below: needs the node output
            (Floor, () => Loop(n, warmup, () => Posix.Replace(tempC, targetC, dirC, bytes, Posix.Level.Durable))),
            (AtomicDurable, () => Loop(n, warmup, () => AtomicFile.WriteAllText(target, text))),
            (FloorAtomicOnly, () => Loop(n, warmup, () => Posix.Replace(tempC, targetC, dirC, bytes, Posix.Level.AtomicOnly))),
            (AtomicOnly, () => Loop(n, warmup, () => AtomicFile.WriteAllText(target, text, atomicOnly))),
        };

        string nodeVersion = "", wfaVersion = "";
        sides[0] = (Wfa, () =>
        {
            JsonElement r = RunNode(script, dir, n, warmup, Payload.ReplaceSize);
            nodeVersion = r.GetProperty("node").GetString() ?? "";
            wfaVersion = r.GetProperty("version").GetString() ?? "";
            return r.GetProperty("meanNs").GetDouble();
        });

        var results = new List<Round>();
        for (int round = 0; round < rounds; round++)
        {
            var means = new Dictionary<string, double>();
            for (int k = 0; k < sides.Count; k++)
            {
                var (name, measure) = sides[(k + round) % sides.Count];
                means[name] = measure();
                Console.WriteLine($"round {round + 1}/{rounds}  {name,-45} {means[name] / 1e3,10:F1} us/op");
            }

            results.Add(new Round(round + 1, means));
        }

        if (File.ReadAllText(target) != text || (File.GetUnixFileMode(target) & (UnixFileMode)0x1FF) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            Console.Error.WriteLine("the .NET loops left the wrong content or mode");
            return 1;
        }

        Directory.Delete(dir, recursive: true);
        var medians = sides.ToDictionary(s => s.Name, s => Stats.Median(results.Select(r => r.MeanNs[s.Name])));
        Json.Write(Path.Combine(resultsDir, "peer.json"),
            new Result(n, warmup, rounds, Payload.ReplaceSize, nodeVersion, wfaVersion, dir, results, medians));
        return 0;
    }

    /// <summary>Warm-up, then N operations timed as one block: mean nanoseconds per operation.</summary>
    public static double Loop(int n, int warmup, Action op)
    {
        for (int i = 0; i < warmup; i++)
        {
            op();
        }

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            op();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / n;
    }

    private static JsonElement RunNode(string script, string dir, int n, int warmup, int size)
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { script, dir, n.ToString(), warmup.ToString(), size.ToString() })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited with {p.ExitCode}: {stderr}");
        }

        string line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Ordinary least squares y = a + b x; returns slope, intercept and R².</summary>
    public static (double Slope, double Intercept, double R2) Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return (slope, intercept, r2);
    }
}
