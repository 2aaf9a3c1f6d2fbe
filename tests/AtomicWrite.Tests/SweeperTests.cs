using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>
/// The stale-temp sweeper only removes regular files of this user that are old and whose writer is gone; it never
/// blocks, whatever another user put in the directory.
/// </summary>
public sealed class SweeperSafetyTests : IDisposable
{
    private static readonly string Hex = new string('c', 32);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DeadName(string stem) => Path.Combine(_dir.Path, $".{stem}.999999997.{Hex}.awtmp");

    private static void Backdate(string path) =>
        Sh.Run("touch", "-h", "-d", "3 hours ago", path).EnsureOk();

    private int SweepWithin(TimeSpan limit)
    {
        Task<int> sweep = Task.Run(() => StaleTempSweeper.Sweep(_dir.Path));
        Assert.True(sweep.Wait(limit), "the sweep blocked");
        return sweep.Result;
    }

    [Fact]
    public void A_FIFO_named_like_a_stale_temp_neither_blocks_the_sweep_nor_the_next_write()
    {
        string fifo = DeadName("fifo");
        Sh.Run("mkfifo", fifo).EnsureOk();
        Backdate(fifo);
        try
        {
            Assert.Equal(0, SweepWithin(TimeSpan.FromSeconds(10)));
            Assert.True(File.Exists(fifo));

            Task write = Task.Run(() => AtomicFile.WriteAllText(_dir.File("next"), "x"));
            Assert.True(write.Wait(TimeSpan.FromSeconds(10)), "the write blocked");
            Assert.Equal("x", File.ReadAllText(_dir.File("next")));
        }
        finally
        {
            // Releases a sweep that blocked in open(2) (the failure this test guards against).
            Sh.Run("timeout", "5", "sh", "-c", "echo > \"$0\"", fifo);
        }
    }

    [Fact]
    public void A_symlink_named_like_a_stale_temp_and_its_target_are_left_alone()
    {
        string victim = _dir.File("victim");
        File.WriteAllText(victim, "keep");
        string link = DeadName("link");
        File.CreateSymbolicLink(link, victim);
        Backdate(link);
        Backdate(victim);
        Assert.Equal(0, SweepWithin(TimeSpan.FromSeconds(10)));
        Assert.True(new FileInfo(link).LinkTarget is not null);
        Assert.Equal("keep", File.ReadAllText(victim));
    }

    [SkippableFact]
    public void Another_users_file_is_never_removed()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to give a file to another user");
        string foreign = DeadName("foreign");
        File.WriteAllText(foreign, "theirs");
        Sh.Run("chown", "65534:65534", foreign).EnsureOk();
        Backdate(foreign);
        Assert.Equal(0, SweepWithin(TimeSpan.FromSeconds(10)));
        Assert.True(File.Exists(foreign));
    }

    [Fact]
    public void A_young_unlocked_temp_of_a_dead_looking_pid_is_kept_until_it_is_old()
    {
        // The state of a live writer between create and lock, or between unlock and rename, seen from another pid
        // namespace: no lock and a pid that means nothing here. Only its age tells it apart from a leftover.
        string young = DeadName("young");
        File.WriteAllText(young, "in flight");
        Assert.Equal(0, SweepWithin(TimeSpan.FromSeconds(10)));
        Assert.True(File.Exists(young));

        Backdate(young);
        Assert.Equal(1, SweepWithin(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(young));
    }

    [SkippableFact]
    public void A_live_writer_in_another_pid_namespace_keeps_its_temp()
    {
        Skip.IfNot(Sh.IsRoot && Sh.Has("unshare"), "needs root and unshare to start a writer in a new pid namespace");
        ProcResult probe = Sh.Run("unshare", "-pf", "--mount-proc", "true");
        Skip.If(probe.ExitCode != 0, "cannot create a pid namespace here: " + probe.Stderr);

        string target = _dir.File("shared.json");
        File.WriteAllText(target, "old");
        var psi = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-pf", "--mount-proc", Child.Dotnet, Child.Dll, "hold", target })
        {
            psi.ArgumentList.Add(a);
        }

        using Process child = Process.Start(psi)!;
        Child.WaitFor(child, "holding");
        string temp = Assert.Single(_dir.Temps());
        Assert.True(TempNames.TryParse(Path.GetFileName(temp), out int pid));
        Assert.NotEqual(child.Id, pid); // a pid of the other namespace

        // Even when its age and its pid say nothing, the writer's lock protects it.
        Backdate(temp);
        Assert.Equal(0, SweepWithin(TimeSpan.FromSeconds(10)));
        Assert.True(File.Exists(temp));
        AtomicFile.WriteAllText(_dir.File("other"), "a write into the same directory");
        Assert.True(File.Exists(temp));

        child.StandardInput.Close();
        Assert.True(child.WaitForExit(30_000));
        Assert.Empty(_dir.Temps());
        Assert.Equal("old", File.ReadAllText(target));
    }
}
