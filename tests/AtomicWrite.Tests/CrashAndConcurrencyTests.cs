using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using AtomicWrite.TestWriter;
using System.Text;
using System.Threading;
using AtomicWrite.Internal;
using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.Tests;

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

        // Two writers at a time: the next one starts up while the current one is killed, which keeps the test short
        // and also has the killed writer race a live one.
        var alive = new Queue<Process>();
        int started = 0;
        try
        {
            for (int i = 0; i < Kills; i++)
            {
                while (alive.Count < 2)
                {
                    alive.Enqueue(Child.Start("loop", target, (started++).ToString()));
                }

                using Process victim = alive.Dequeue();
                Child.WaitFor(victim, "started");
                Thread.Sleep(random.Next(0, 40));
                victim.Kill(); // SIGKILL
                victim.WaitForExit();

                byte[] data = File.ReadAllBytes(target);
                Assert.True(Versioned.IsComplete(data, out string why), $"kill {i}: torn file: {why}");
                seen.Add(Convert.ToHexString(SHA256.HashData(data)));
                maxTemps = Math.Max(maxTemps, _dir.Temps().Length);
            }
        }
        finally
        {
            foreach (Process p in alive)
            {
                p.Kill();
                p.WaitForExit();
                p.Dispose();
            }
        }

        _output.WriteLine($"{Kills} kills in {watch.Elapsed.TotalSeconds:0.0} s, {seen.Count} distinct complete versions observed, at most {maxTemps} temp(s) at once");
        Assert.True(Versioned.IsComplete(File.ReadAllBytes(target), out string last), last);

        // The kills landed while writers were writing: the content kept changing.
        Assert.True(seen.Count >= Kills / 2, $"only {seen.Count} distinct versions: the writers rarely wrote before being killed");

        // Each killed writer leaves at most its one temp; a sweep removes them once they are older than the minimum
        // age (a sweep never takes a young temp for a leftover: it could be a live writer's in another pid namespace).
        int left = _dir.Temps().Length;
        Assert.True(maxTemps <= Kills + 2 && left <= Kills + 2, $"{maxTemps} temps at once, {left} left after {Kills} kills");
        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path));
        Assert.Equal(left, _dir.Temps().Length);
        foreach (string temp in _dir.Temps())
        {
            TempAge.Backdate(temp);
        }

        Assert.Equal(left, StaleTempSweeper.Sweep(_dir.Path));
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
                Thread.Sleep(1);
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
            // Atomicity does not depend on the fsyncs; one writer mixes in durable writes (each costs two fsyncs).
            var fast = new AtomicWriteOptions { Durability = AtomicDurability.None };
            var durable = new AtomicWriteOptions { Durability = AtomicDurability.Durable };
            try
            {
                for (int i = 0; i < WritesEach; i++)
                {
                    AtomicWriteOptions options = w == 0 && i % 10 == 0 ? durable : fast;
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
