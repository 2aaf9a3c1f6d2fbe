using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>Real faults (full tmpfs, read-only directories, bind mounts, libfiu) and the internal seam.</summary>
public sealed class FaultTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertTyped(AtomicWriteException e, AtomicWriteFailure reason, int errno, string path)
    {
        Assert.Equal(reason, e.Reason);
        Assert.Equal(errno, e.OsError);
        Assert.True(e.OriginalUnchanged);
        Assert.Contains(path, e.Message);
        Assert.Contains("errno " + errno, e.Message);
        Assert.Contains("original file is unchanged", e.Message);
    }

    [SkippableFact]
    public void Real_ENOSPC_on_a_full_tmpfs_keeps_the_original_and_leaves_no_temp()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to mount a 64 KiB tmpfs");
        string mount = _dir.File("small");
        _dir.MountTmpfs(mount, "64k");
        string target = Path.Combine(mount, "state.json");
        File.WriteAllText(target, "{\"version\":1}");

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllBytes(target, new byte[512 * 1024]));
        AssertTyped(e, AtomicWriteFailure.WriteFailed, 28, target);
        Assert.Equal("{\"version\":1}", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(mount, "*.awtmp"));

        // The streaming form fails the same way, at the latest on commit.
        var e2 = Assert.Throws<AtomicWriteException>(() =>
        {
            using AtomicFileStream s = AtomicFile.Create(target);
            for (int i = 0; i < 64; i++)
            {
                s.Write(new byte[8192]);
            }

            s.Commit();
        });
        Assert.Equal(28, e2.OsError);
        Assert.Equal("{\"version\":1}", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(mount, "*.awtmp"));

        // Afterwards a small write still succeeds: nothing leaked space.
        AtomicFile.WriteAllText(target, "{\"version\":2}");
        Assert.Equal("{\"version\":2}", File.ReadAllText(target));
    }

    [SkippableFact]
    public void EACCES_on_a_read_only_directory_throws_UnauthorizedAccessException_like_File()
    {
        Skip.IfNot(Sh.IsRoot && Sh.Has("setpriv"), "needs root and setpriv to run a child without CAP_DAC_OVERRIDE");
        string dir = _dir.File("ro");
        Directory.CreateDirectory(dir);
        string target = Path.Combine(dir, "token");
        File.WriteAllText(target, "secret-1");
        Unix.Chmod(dir, 0x16D); // 0555

        // Root ignores permission bits; the child drops the capabilities that let it.
        string[] noDac = { "setpriv", "--bounding-set=-dac_override,-dac_read_search" };
        ProcResult r = Child.Run(noDac, "once", target, "secret-2");
        Assert.StartsWith("error UnauthorizedAccessException", r.Stdout.Trim());
        Assert.Contains(target, r.Stderr);
        Assert.Contains("EACCES", r.Stderr);
        Assert.Equal("secret-1", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(dir, "*.awtmp"));

        // File itself throws the same type for a new file in that directory.
        ProcResult newFile = Child.Run(noDac, "once", Path.Combine(dir, "new"), "x");
        Assert.StartsWith("error UnauthorizedAccessException", newFile.Stdout.Trim());
    }

    [SkippableFact]
    public void EROFS_on_a_read_only_mount_throws_IOException_like_File()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to mount a read-only tmpfs");
        string mount = _dir.File("rofs");
        _dir.MountTmpfs(mount, "64k");
        string target = Path.Combine(mount, "f");
        File.WriteAllText(target, "original");
        Sh.Run("mount", "-o", "remount,ro", mount).EnsureOk();

        Exception fileError = Assert.ThrowsAny<IOException>(() => File.WriteAllText(target, "x"));
        Exception atomicError = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(target, "x"));
        Assert.Equal(fileError.GetType(), atomicError.GetType());
        Assert.Contains("EROFS", atomicError.Message);
        Assert.Equal("original", File.ReadAllText(target));
    }

    [SkippableTheory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void EXDEV_from_rename_via_fiu_run_is_typed_and_keeps_the_original(string build)
    {
        Skip.IfNot(Sh.Has("fiu-run"), "fiu-run is not installed (apt-get install fiu-utils)");
        string target = _dir.File("config.ini");
        File.WriteAllText(target, "a=1");
        ProcResult r = Child.RunBuild(build, new[] { "fiu-run", "-x", "-c", "enable name=posix/io/dir/rename,failinfo=18" }, "once", target, "a=2");
        Assert.Equal("error AtomicWriteException CrossDevice 18 True", r.Stdout.Trim());
        Assert.Contains("EXDEV", r.Stderr);
        Assert.Contains("no copy fallback", r.Stderr);
        Assert.Equal("a=1", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [SkippableTheory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void Failing_fsync_via_fiu_run_is_not_retried_and_keeps_the_original(string build)
    {
        Skip.IfNot(Sh.Has("fiu-run"), "fiu-run is not installed (apt-get install fiu-utils)");
        string target = _dir.File("db.json");
        File.WriteAllText(target, "v1");
        ProcResult r = Child.RunBuild(build, new[] { "fiu-run", "-x", "-c", "enable name=posix/io/sync/fsync,failinfo=5" }, "once", target, "v2");
        Assert.Equal("error AtomicWriteException FlushFailed 5 True", r.Stdout.Trim());
        Assert.Equal("v1", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [SkippableTheory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void ENOSPC_from_write_via_fiu_run_keeps_the_original(string build)
    {
        Skip.IfNot(Sh.Has("fiu-run"), "fiu-run is not installed (apt-get install fiu-utils)");
        string target = _dir.File("w.json");
        File.WriteAllText(target, "v1");
        ProcResult r = Child.RunBuild(build, new[] { "fiu-run", "-x", "-c", "enable name=posix/io/rw/pwrite,failinfo=28" }, "once", target, "v2");
        Assert.Equal("error AtomicWriteException WriteFailed 28 True", r.Stdout.Trim());
        Assert.Equal("v1", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [SkippableFact]
    public void EBUSY_on_a_bind_mounted_single_file_names_the_reason()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to bind-mount a file");
        string source = _dir.File("host-secret");
        File.WriteAllText(source, "mounted");
        string target = _dir.File("container-secret");
        File.WriteAllText(target, "underneath");
        _dir.BindMount(source, target);

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(target, "new"));
        AssertTyped(e, AtomicWriteFailure.Busy, 16, target);
        Assert.Contains("EBUSY", e.Message);
        Assert.Contains("bind-mounted", e.Message);
        Assert.Equal("mounted", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Failing_fsync_via_the_seam_is_attempted_once_and_never_retried()
    {
        string target = _dir.File("token.json");
        File.WriteAllText(target, "old-token");
        var steps = new List<FaultStep>();
        FaultInjection.Hook = step =>
        {
            steps.Add(step);
            return step == FaultStep.Fsync ? 5 : 0;
        };
        try
        {
            var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(target, "new-token"));
            AssertTyped(e, AtomicWriteFailure.FlushFailed, 5, target);
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal(1, steps.Count(s => s == FaultStep.Fsync));
        Assert.DoesNotContain(FaultStep.Rename, steps);
        Assert.Equal("old-token", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [Theory]
    [InlineData(nameof(FaultStep.Write), AtomicWriteFailure.WriteFailed, 122)]
    [InlineData(nameof(FaultStep.Chmod), AtomicWriteFailure.PermissionsFailed, 1)]
    [InlineData(nameof(FaultStep.Close), AtomicWriteFailure.CloseFailed, 5)]
    [InlineData(nameof(FaultStep.Rename), AtomicWriteFailure.RenameFailed, 13)]
    public void Every_failing_step_before_the_rename_keeps_the_original_and_removes_the_temp(string step, AtomicWriteFailure reason, int errno)
    {
        string target = _dir.File("f-" + step);
        File.WriteAllText(target, "before");
        FaultInjection.Hook = s => s.ToString() == step ? errno : 0;
        try
        {
            var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(target, "after"));
            AssertTyped(e, reason, errno, target);
            var e2 = Assert.Throws<AtomicWriteException>(() =>
            {
                using AtomicStreamWriter w = AtomicFile.CreateText(target);
                w.Write("after");
                w.Commit();
            });
            Assert.Equal(reason, e2.Reason);
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal("before", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Failing_directory_fsync_reports_replaced_but_durability_unconfirmed()
    {
        string target = _dir.File("d.json");
        File.WriteAllText(target, "before");
        FaultInjection.Hook = s => s == FaultStep.FsyncDirectory ? 5 : 0;
        DurabilityUnconfirmedException e;
        try
        {
            e = Assert.Throws<DurabilityUnconfirmedException>(() => AtomicFile.WriteAllText(target, "after"));
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal(AtomicWriteFailure.DurabilityUnconfirmed, e.Reason);
        Assert.False(e.OriginalUnchanged);
        Assert.Contains("durability unconfirmed", e.Message);
        Assert.Contains(target, e.Message);
        Assert.Equal("after", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());

        // Durability levels below Durable never fsync the directory, so they cannot fail there.
        FaultInjection.Hook = s => s == FaultStep.FsyncDirectory ? 5 : 0;
        try
        {
            AtomicFile.WriteAllText(target, "atomic-only", new AtomicWriteOptions { Durability = AtomicDurability.AtomicOnly });
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal("atomic-only", File.ReadAllText(target));
    }

    [Fact]
    public void Seam_reports_fsync_only_for_durable_levels()
    {
        var steps = new List<FaultStep>();
        FaultInjection.Hook = s =>
        {
            steps.Add(s);
            return 0;
        };
        try
        {
            AtomicFile.WriteAllText(_dir.File("x"), "1", new AtomicWriteOptions { Durability = AtomicDurability.None });
            Assert.DoesNotContain(FaultStep.Fsync, steps);
            steps.Clear();
            AtomicFile.WriteAllText(_dir.File("x"), "2");
            Assert.Equal(new[] { FaultStep.Write, FaultStep.Chmod, FaultStep.Fsync, FaultStep.Close, FaultStep.Rename, FaultStep.FsyncDirectory }, steps);
        }
        finally
        {
            FaultInjection.Hook = null;
        }
    }
}
