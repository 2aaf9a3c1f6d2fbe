using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AtomicWrite.Internal;
using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.Tests;

/// <summary>Self-checking file versions, the same format the child program writes.</summary>
internal static class Versioned
{
    public static byte[] Make(long version, int length, Random random)
    {
        var payload = new byte[length];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)('a' + random.Next(26));
        }

        string header = $"AWv1 {version} {length}\n";
        string hash = Convert.ToHexString(SHA256.HashData(payload));
        return Encoding.ASCII.GetBytes(header).Concat(payload).Concat(Encoding.ASCII.GetBytes("\n" + hash + "\n")).ToArray();
    }

    /// <summary>Whether the bytes are exactly one complete version.</summary>
    public static bool IsComplete(byte[] data, out string why)
    {
        why = "";
        int nl = Array.IndexOf(data, (byte)'\n');
        if (nl < 0)
        {
            why = $"no header ({data.Length} bytes)";
            return false;
        }

        string[] header = Encoding.ASCII.GetString(data, 0, nl).Split(' ');
        if (header.Length != 3 || header[0] != "AWv1" || !int.TryParse(header[2], out int length))
        {
            why = "bad header";
            return false;
        }

        int expected = nl + 1 + length + 1 + 64 + 1;
        if (data.Length != expected)
        {
            why = $"length {data.Length}, header says {expected}";
            return false;
        }

        string hash = Convert.ToHexString(SHA256.HashData(data.AsSpan(nl + 1, length)));
        if (Encoding.ASCII.GetString(data, nl + 1 + length + 1, 64) != hash)
        {
            why = "checksum mismatch";
            return false;
        }

        return true;
    }
}

public sealed class CrashTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_writer_killed_with_SIGKILL_at_random_moments_never_leaves_a_torn_file()
    {
        const int Kills = 100;
        string target = _dir.File("state.bin");
        File.WriteAllBytes(target, Versioned.Make(0, 100, new Random(1)));
        var random = new Random(12345);
        var seen = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        int maxTemps = 0;
        for (int i = 0; i < Kills; i++)
        {
            using Process child = Child.Start("loop", target, i.ToString());
            Child.WaitFor(child, "started");
            Thread.Sleep(random.Next(0, 40));
            child.Kill(); // SIGKILL
            child.WaitForExit();

            byte[] data = File.ReadAllBytes(target);
            Assert.True(Versioned.IsComplete(data, out string why), $"kill {i}: torn file: {why}");
            seen.Add(Convert.ToHexString(SHA256.HashData(data)));
            maxTemps = Math.Max(maxTemps, _dir.Temps().Length);
        }

        _output.WriteLine($"{Kills} kills in {watch.Elapsed.TotalSeconds:0.0} s, {seen.Count} distinct complete versions observed, at most {maxTemps} temp(s) at once");

        // The kills landed while the child was writing: the content kept changing.
        Assert.True(seen.Count >= Kills / 4, $"only {seen.Count} distinct versions: the child rarely wrote before being killed");

        // Each new writer swept the temps of the killed ones, so they never piled up.
        Assert.True(maxTemps <= 2, $"{maxTemps} stale temps piled up");
        StaleTempSweeper.Sweep(_dir.Path);
        Assert.Empty(_dir.Temps());
    }
}

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;

    public ConcurrencyTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Eight_writers_times_500_writes_with_readers_never_show_partial_content()
    {
        const int Writers = 8;
        const int WritesEach = 500;
        string target = _dir.File("shared.json");
        File.WriteAllBytes(target, Versioned.Make(0, 10, new Random(0)));
        int reads = 0;
        int torn = 0;
        string? firstProblem = null;
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] data;
                if (r == 0)
                {
                    data = File.ReadAllBytes(target);
                }
                else
                {
                    using var fs = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    data = new byte[fs.Length];
                    fs.ReadExactly(data);
                }

                Interlocked.Increment(ref reads);
                if (!Versioned.IsComplete(data, out string why))
                {
                    Interlocked.Increment(ref torn);
                    Interlocked.CompareExchange(ref firstProblem, why, null);
                }
            }
        })).ToList();

        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            var random = new Random(w);
            var options = new AtomicWriteOptions { Durability = w == 0 ? AtomicDurability.Durable : AtomicDurability.None };
            try
            {
                for (int i = 0; i < WritesEach; i++)
                {
                    byte[] content = Versioned.Make((w * 1_000_000) + i, random.Next(1, 64 * 1024), random);
                    if (i % 3 == 0)
                    {
                        using AtomicFileStream s = AtomicFile.Create(target, options);
                        s.Write(content, 0, content.Length / 2);
                        s.Write(content, content.Length / 2, content.Length - (content.Length / 2));
                        s.Commit();
                    }
                    else
                    {
                        AtomicFile.WriteAllBytes(target, content, options);
                    }
                }
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();

        readers.ForEach(t => t.Start());
        writers.ForEach(t => t.Start());
        writers.ForEach(t => t.Join());
        stop.Cancel();
        readers.ForEach(t => t.Join());

        _output.WriteLine($"{Writers * WritesEach} writes, {reads} reads, {torn} torn");
        Assert.Empty(failures);
        Assert.Equal(0, torn);
        Assert.True(reads > 100, $"only {reads} reads happened");
        Assert.True(Versioned.IsComplete(File.ReadAllBytes(target), out _));
        Assert.Empty(_dir.Temps());
    }
}
