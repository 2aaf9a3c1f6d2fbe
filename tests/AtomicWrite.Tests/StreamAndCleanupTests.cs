using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

public sealed class StreamTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Nothing_is_visible_before_commit_and_dispose_without_commit_discards()
    {
        string target = _dir.File("settings.json");
        File.WriteAllText(target, "old");
        using (AtomicFileStream s = AtomicFile.Create(target))
        {
            s.Write("new content"u8);
            s.Flush();
            Assert.Equal("old", File.ReadAllText(target));
            Assert.False(s.IsCommitted);
            Assert.Single(_dir.Temps());
        }

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());

        string fresh = _dir.File("never-created");
        using (AtomicStreamWriter w = AtomicFile.CreateText(fresh))
        {
            w.Write("text");
        }

        Assert.False(File.Exists(fresh));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void An_exception_in_the_middle_of_writing_publishes_nothing()
    {
        string target = _dir.File("state");
        File.WriteAllText(target, "intact");
        Assert.Throws<InvalidOperationException>((Action)(() =>
        {
            using AtomicStreamWriter w = AtomicFile.CreateText(target);
            w.Write("half of the ");
            throw new InvalidOperationException("serializer failed");
        }));
        Assert.Equal("intact", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void After_commit_the_stream_is_closed_for_writing()
    {
        string target = _dir.File("c");
        AtomicFileStream s = AtomicFile.Create(target);
        Assert.True(s.CanWrite);
        Assert.False(s.CanRead);
        Assert.Throws<NotSupportedException>(() => s.Read(new byte[1], 0, 1));
        s.WriteByte(65);
        s.Commit();
        Assert.True(s.IsCommitted);
        Assert.False(s.CanWrite);
        Assert.Throws<ObjectDisposedException>(() => s.WriteByte(66));
        Assert.Throws<ObjectDisposedException>(() => s.Commit());
        s.Dispose();
        s.Dispose();
        Assert.Equal("A", File.ReadAllText(target));

        AtomicStreamWriter w = AtomicFile.CreateText(target);
        w.Write("B");
        w.Commit();
        Assert.True(w.IsCommitted);
        w.Dispose();
        Assert.Equal("B", File.ReadAllText(target));
    }

    [Fact]
    public async System.Threading.Tasks.Task CommitAsync_publishes()
    {
        string target = _dir.File("async");
        await using (AtomicFileStream s = AtomicFile.Create(target))
        {
            await s.WriteAsync(new byte[] { 1, 2, 3 });
            await s.CommitAsync();
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
    }
}

/// <summary>Temp files are removed on failure, on graceful exit, and swept when a dead writer left them.</summary>
public sealed class CleanupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Process StartHolder(string target)
    {
        Process child = Child.Start("hold", target);
        Child.WaitFor(child, "holding");
        return child;
    }

    [Fact]
    public void SIGTERM_keeps_its_default_meaning_and_the_left_temp_is_swept_once_old()
    {
        // The library installs no signal handler: SIGTERM ends a process that does not handle it, as it would without
        // the library. The temp is left like after a kill; nothing holds its lock, and the sweeper removes it once old.
        string target = _dir.File("t");
        File.WriteAllText(target, "before");
        using Process child = StartHolder(target);
        string temp = Assert.Single(_dir.Temps());
        Assert.Equal(0, Sh.kill(child.Id, 15)); // SIGTERM
        Assert.True(child.WaitForExit(30_000));
        Assert.Equal(143, child.ExitCode); // 128 + SIGTERM: the default action, no handler cancelled it
        Assert.Equal("before", File.ReadAllText(target));

        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path)); // too young to tell from a live writer in another namespace
        TempAge.Backdate(temp);
        Assert.Equal(1, StaleTempSweeper.Sweep(_dir.Path));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Environment_Exit_removes_the_in_flight_temp()
    {
        string target = _dir.File("e");
        File.WriteAllText(target, "before");
        using Process child = StartHolder(target);
        Assert.Single(_dir.Temps());
        child.StandardInput.WriteLine("exit");
        child.StandardInput.Flush();
        Assert.True(child.WaitForExit(30_000));
        Assert.Equal(3, child.ExitCode);
        Assert.Empty(_dir.Temps());
        Assert.Equal("before", File.ReadAllText(target));
    }

    [Fact]
    public void A_live_writers_temp_is_never_swept_even_under_a_dead_looking_pid()
    {
        string target = _dir.File("live");
        using Process child = StartHolder(target);
        string temp = Assert.Single(_dir.Temps());
        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path));
        Assert.True(File.Exists(temp));

        // Renamed so that its pid looks dead (as a writer in another pid namespace would): the lock still protects it.
        string disguised = Path.Combine(_dir.Path, ".live.999999999." + new string('a', 32) + ".awtmp");
        File.Move(temp, disguised);
        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path));
        Assert.True(File.Exists(disguised));

        child.StandardInput.Close();
        Assert.True(child.WaitForExit(30_000));
        Assert.Equal("released", child.StandardOutput.ReadLine());
        Assert.True(File.Exists(disguised)); // the child removes only its own name
        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path)); // young: kept
        TempAge.Backdate(disguised);
        Assert.Equal(1, StaleTempSweeper.Sweep(_dir.Path));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void A_killed_writers_temp_is_swept_by_the_next_write_into_the_directory()
    {
        string target = _dir.File("k");
        File.WriteAllText(target, "before");
        using Process child = StartHolder(target);
        child.Kill();
        child.WaitForExit();
        string stale = Assert.Single(_dir.Temps());
        TempAge.Backdate(stale);

        // This process has not written into the directory yet: its first write sweeps.
        AtomicFile.WriteAllText(target, "after");
        Assert.False(File.Exists(stale));
        Assert.Empty(_dir.Temps());
        Assert.Equal("after", File.ReadAllText(target));
    }

    [Fact]
    public void Only_our_own_name_pattern_is_swept()
    {
        string hex = new string('b', 32);
        string[] foreign =
        {
            "notes.awtmp", ".x.123.nothex.awtmp", ".x." + hex + ".awtmp", "x.123." + hex + ".awtmp", ".x.123." + hex + ".tmp",
            ".x.123." + hex.ToUpperInvariant() + ".awtmp",
        };
        foreach (string name in foreign)
        {
            File.WriteAllText(Path.Combine(_dir.Path, name), "user data");
        }

        // A leftover under this process's own pid that this process is not writing (pid reuse), and one of a dead pid.
        string ownPid = Path.Combine(_dir.Path, $".y.{Environment.ProcessId}.{hex}.awtmp");
        string deadPid = Path.Combine(_dir.Path, $".z.999999998.{hex}.awtmp");
        File.WriteAllText(ownPid, "stale");
        File.WriteAllText(deadPid, "stale");
        foreach (string file in Directory.GetFiles(_dir.Path))
        {
            TempAge.Backdate(file);
        }

        Assert.Equal(2, StaleTempSweeper.Sweep(_dir.Path));
        Assert.False(File.Exists(ownPid));
        Assert.False(File.Exists(deadPid));
        foreach (string name in foreign)
        {
            Assert.True(File.Exists(Path.Combine(_dir.Path, name)), name);
        }
    }

    [Fact]
    public void The_pid_in_a_temp_name_is_one_that_is_alive_while_writing()
    {
        string target = _dir.File("mine");
        using AtomicFileStream s = AtomicFile.Create(target);
        string temp = Path.GetFileName(Assert.Single(_dir.Temps()));
        Assert.True(TempNames.TryParse(temp, out int pid));
        Assert.Equal(Environment.ProcessId, pid);
        Assert.Equal(0, StaleTempSweeper.Sweep(_dir.Path));
        Assert.Single(_dir.Temps());
    }
}

public sealed class LargeFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (long Allocated, long PeakWorkingSet) Stream(string target, int mib)
    {
        ProcResult r = Child.Run(Array.Empty<string>(), "stream", target, mib.ToString());
        string[] parts = r.Stdout.Trim().Split(' ');
        Assert.True(parts.Length == 3 && parts[0] == "done", r.Stdout + r.Stderr);
        return (long.Parse(parts[1]), long.Parse(parts[2]));
    }

    [Fact]
    public void A_256_MiB_streaming_write_runs_in_constant_memory()
    {
        string small = _dir.File("small.bin");
        string large = _dir.File("large.bin");
        var (smallAlloc, smallPeak) = Stream(small, 16);
        var (largeAlloc, largePeak) = Stream(large, 256);

        Assert.Equal(256L * 1024 * 1024, new FileInfo(large).Length);
        using (var fs = File.OpenRead(large))
        {
            foreach (long chunk in new long[] { 0, 1, 250, 251, 2047, (16 * 256) - 1 })
            {
                fs.Position = (chunk * 64 * 1024) + 12345;
                Assert.Equal((byte)(chunk % 251), (byte)fs.ReadByte());
            }
        }

        // 16x the data, but no more managed allocation and no larger working set than the 16 MiB run (+ slack).
        Assert.True(largeAlloc < 4L * 1024 * 1024, $"allocated {largeAlloc} bytes for 256 MiB");
        Assert.True(largeAlloc - smallAlloc < 1024 * 1024, $"allocation grew from {smallAlloc} to {largeAlloc}");
        Assert.True(largePeak - smallPeak < 48L * 1024 * 1024, $"peak working set grew from {smallPeak} to {largePeak}");
        Assert.Empty(_dir.Temps());
    }
}
