using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// Interleaved comparison of every way to replace a 4 KiB file, npm write-file-atomic included. Each side does one
/// replace per cycle; the sides take turns in a fresh random order every cycle, so that a slow moment of the shared
/// machine, or the journal work one side leaves behind, falls on all sides alike. Every operation is timed by the
/// process that does it: Stopwatch around one call for .NET, process.hrtime around one writeFileAtomic.sync inside a
/// long-running node process (driven one operation at a time over a pipe; the pipe is outside the timing) for the peer.
/// </summary>
internal static class PeerComparison
{
    public sealed record Side(string Name, double TrimmedMeanNs, double MeanNs, double MedianNs, double P10Ns, double P90Ns);

    public sealed record Result(int Cycles, int WarmupCycles, int SizeBytes, string NodeVersion, string WfaVersion, int Seed,
        List<Side> Sides, Dictionary<string, double[]> SamplesNs)
    {
        public Side Get(string name) => Sides.First(s => s.Name == name);

        public double MedianRatio(string a, string b) => Get(a).MedianNs / Get(b).MedianNs;

        /// <summary>Ratio of the 10% trimmed means: the statistic the targets use.</summary>
        public double TrimmedRatio(string a, string b) => Get(a).TrimmedMeanNs / Get(b).TrimmedMeanNs;

        /// <summary>The trimmed-mean ratio within the first and within the second half of the cycles: how stable it is.</summary>
        public (double First, double Second) HalfRatios(string a, string b)
        {
            int h = Cycles / 2;
            return (Stats.TrimmedMean(SamplesNs[a].Take(h)) / Stats.TrimmedMean(SamplesNs[b].Take(h)),
                Stats.TrimmedMean(SamplesNs[a].Skip(h)) / Stats.TrimmedMean(SamplesNs[b].Skip(h)));
        }

        public double MeanRatio(string a, string b) => Get(a).MeanNs / Get(b).MeanNs;

        /// <summary>Median of the per-cycle ratios a/b: both operations ran within the same cycle.</summary>
        public double PairedRatio(string a, string b) => Stats.Median(SamplesNs[a].Zip(SamplesNs[b], (x, y) => x / y));
    }

    public const string Wfa = "write-file-atomic (sync, fsync, 0600)";
    public const string Floor = "floor: bare syscalls, durable";
    public const string FloorAtomicOnly = "floor: bare syscalls, no directory fsync";
    public const string FloorNone = "floor: bare syscalls, no fsync";
    public const string AtomicDurable = "AtomicFile.WriteAllText (Durable)";
    public const string AtomicOnly = "AtomicFile.WriteAllText (AtomicOnly)";
    public const string AtomicNone = "AtomicFile.WriteAllText (None)";
    public const string InPlace = "File.WriteAllText in place (unsafe)";

    public static int Run(string nodeDir, int cycles, int warmup, string resultsDir)
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
        string plain = Path.Combine(dir, "plain.json");
        byte[] tempC = Posix.CString(Path.Combine(dir, ".floor.tmp"));
        byte[] floorC = Posix.CString(Path.Combine(dir, "floor.json"));
        byte[] dirC = Posix.CString(dir);
        foreach (string f in new[] { target, plain, Path.Combine(dir, "floor.json") })
        {
            File.WriteAllText(f, text);
            File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var atomicOnly = new AtomicWriteOptions { Durability = AtomicDurability.AtomicOnly };
        var none = new AtomicWriteOptions { Durability = AtomicDurability.None };

        using var node = new NodePeer(script, dir, Payload.ReplaceSize);
        var sides = new (string Name, Func<double> Once)[]
        {
            (Wfa, node.Once),
            (Floor, () => Time(() => Posix.Replace(tempC, floorC, dirC, bytes, Posix.Level.Durable))),
            (FloorAtomicOnly, () => Time(() => Posix.Replace(tempC, floorC, dirC, bytes, Posix.Level.AtomicOnly))),
            (FloorNone, () => Time(() => Posix.Replace(tempC, floorC, dirC, bytes, Posix.Level.None))),
            (AtomicDurable, () => Time(() => AtomicFile.WriteAllText(target, text))),
            (AtomicOnly, () => Time(() => AtomicFile.WriteAllText(target, text, atomicOnly))),
            (AtomicNone, () => Time(() => AtomicFile.WriteAllText(target, text, none))),
            (InPlace, () => Time(() => File.WriteAllText(plain, text))),
        };

        const int seed = 20261128;
        var rng = new Random(seed);
        var samples = sides.ToDictionary(s => s.Name, _ => new double[cycles]);
        int[] order = Enumerable.Range(0, sides.Length).ToArray();
        for (int c = -warmup; c < cycles; c++)
        {
            rng.Shuffle(order);
            foreach (int k in order)
            {
                double ns = sides[k].Once();
                if (c >= 0)
                {
                    samples[sides[k].Name][c] = ns;
                }
            }

            if (c >= 0 && (c + 1) % Math.Max(1, cycles / 5) == 0)
            {
                Console.WriteLine($"cycle {c + 1}/{cycles}: " + string.Join(", ", sides.Select(s =>
                    $"{s.Name.Split(' ')[0]} {Stats.Median(samples[s.Name].Take(c + 1)) / 1e3:F0}")) + " (running medians, us)");
            }
        }

        node.Quit();
        if (File.ReadAllText(target) != text || File.GetUnixFileMode(target) != (UnixFileMode.UserRead | UnixFileMode.UserWrite)
            || File.ReadAllText(Path.Combine(dir, "floor.json")) != text)
        {
            Console.Error.WriteLine("the .NET sides left the wrong content or mode");
            return 1;
        }

        Directory.Delete(dir, recursive: true);
        var result = new Result(cycles, warmup, Payload.ReplaceSize, node.NodeVersion, node.WfaVersion, seed,
            sides.Select(s => new Side(s.Name, Stats.TrimmedMean(samples[s.Name]), samples[s.Name].Average(), Stats.Median(samples[s.Name]),
                Stats.Percentile(samples[s.Name], 0.1), Stats.Percentile(samples[s.Name], 0.9))).ToList(),
            samples);
        foreach (Side s in result.Sides)
        {
            Console.WriteLine($"{s.Name,-45} trimmed mean {s.TrimmedMeanNs / 1e3,9:F1} us  mean {s.MeanNs / 1e3,9:F1} us  median {s.MedianNs / 1e3,9:F1} us");
        }

        Json.Write(Path.Combine(resultsDir, "peer.json"), result);
        return 0;
    }

    private static double Time(Action op)
    {
        long t0 = Stopwatch.GetTimestamp();
        op();
        return Stopwatch.GetElapsedTime(t0).TotalNanoseconds;
    }

    /// <summary>The node process serving one write-file-atomic replace per request.</summary>
    private sealed class NodePeer : IDisposable
    {
        private readonly Process process;

        public NodePeer(string script, string dir, int size)
        {
            var psi = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { script, "serve", dir, size.ToString() })
            {
                psi.ArgumentList.Add(a);
            }

            process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
            string[] ready = (process.StandardOutput.ReadLine() ?? "").Split(' ');
            if (ready.Length != 3 || ready[0] != "ready")
            {
                throw new InvalidOperationException("node did not start the write-file-atomic server");
            }

            WfaVersion = ready[1];
            NodeVersion = ready[2];
        }

        public string WfaVersion { get; }

        public string NodeVersion { get; }

        public double Once()
        {
            process.StandardInput.WriteLine("op");
            process.StandardInput.Flush();
            string line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("node stopped");
            return double.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Quit()
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            string? bye = process.StandardOutput.ReadLine();
            process.StandardInput.Close();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new InvalidOperationException("node did not exit");
            }

            if (bye != "bye" || process.ExitCode != 0)
            {
                throw new InvalidOperationException("write-file-atomic left the wrong content or mode");
            }
        }

        public void Dispose() => process.Dispose();
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Mean of the values left after dropping the lowest and the highest 10%.</summary>
    public static double TrimmedMean(IEnumerable<double> values, double trim = 0.1)
    {
        double[] v = values.OrderBy(x => x).ToArray();
        int k = (int)(v.Length * trim);
        return v.Skip(k).Take(v.Length - 2 * k).DefaultIfEmpty(double.NaN).Average();
    }

    /// <summary>Linear interpolation between the closest ranks.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        double[] v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        double rank = p * (v.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = (int)Math.Ceiling(rank);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
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
