using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>AtomicFile.Replace on real files: the File.Replace contract, durability order, permissions, EXDEV, faults.</summary>
public sealed class ReplaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Src, string Dst, string Bak) Three(string prefix = "")
    {
        string src = _dir.File(prefix + "state.json.new");
        string dst = _dir.File(prefix + "state.json");
        string bak = _dir.File(prefix + "state.json.bak");
        File.WriteAllText(src, "new");
        File.WriteAllText(dst, "old");
        return (src, dst, bak);
    }

    [Fact]
    public void The_content_is_swapped_the_backup_holds_the_old_content_and_the_source_is_gone()
    {
        var (src, dst, bak) = Three();
        AtomicFile.Replace(src, dst, bak);
        Assert.Equal("new", File.ReadAllText(dst));
        Assert.Equal("old", File.ReadAllText(bak));
        Assert.False(File.Exists(src));
        Assert.Equal(new[] { "state.json", "state.json.bak" }, _dir.Entries());
    }

    [Fact]
    public void No_backup_is_made_when_none_is_asked_for()
    {
        var (src, dst, _) = Three();
        AtomicFile.Replace(src, dst, null);
        Assert.Equal("new", File.ReadAllText(dst));
        Assert.Equal(new[] { "state.json" }, _dir.Entries());
    }

    [Fact]
    public void An_existing_backup_is_replaced_by_the_old_destination()
    {
        var (src, dst, bak) = Three();
        File.WriteAllText(bak, "older");
        AtomicFile.Replace(src, dst, bak);
        Assert.Equal("old", File.ReadAllText(bak));
        Assert.Equal("new", File.ReadAllText(dst));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void The_source_may_be_in_another_directory_of_the_same_file_system()
    {
        string sub = _dir.File("staging");
        Directory.CreateDirectory(sub);
        string src = Path.Combine(sub, "rebuilt.db");
        string dst = _dir.File("data.db");
        File.WriteAllText(src, "rebuilt");
        File.WriteAllText(dst, "original");
        AtomicFile.Replace(src, dst, Path.Combine(sub, "data.db.bak"));
        Assert.Equal("rebuilt", File.ReadAllText(dst));
        Assert.Equal("original", File.ReadAllText(Path.Combine(sub, "data.db.bak")));
        Assert.False(File.Exists(src));
    }

    [Fact]
    public void The_destination_keeps_its_mode_where_File_Replace_on_Linux_gives_it_the_source_s()
    {
        var (src, dst, bak) = Three();
        Unix.Chmod(dst, 0x1A0); // 0640
        Unix.Chmod(src, 0x1ED); // 0755
        AtomicFile.Replace(src, dst, bak);
        Assert.Equal("640", Unix.Octal(Unix.Mode(dst)));
        Assert.Equal("640", Unix.Octal(Unix.Mode(bak)));

        // The contrast that makes this a choice: File.Replace renames the source's mode in.
        var (src2, dst2, _) = Three("f-");
        Unix.Chmod(dst2, 0x1A0);
        Unix.Chmod(src2, 0x1ED);
        File.Replace(src2, dst2, null);
        Assert.Equal("755", Unix.Octal(Unix.Mode(dst2)));
    }

    [Fact]
    public void Without_PreserveExistingPermissions_the_source_keeps_its_own_mode()
    {
        var (src, dst, _) = Three();
        Unix.Chmod(dst, 0x1A0);
        Unix.Chmod(src, 0x1ED);
        AtomicFile.Replace(src, dst, null, new AtomicWriteOptions { PreserveExistingPermissions = false });
        Assert.Equal("755", Unix.Octal(Unix.Mode(dst)));
    }

    [SkippableFact]
    public void The_destination_keeps_its_owner_and_group()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to give the destination another owner");
        var (src, dst, _) = Three();
        Sh.Run("chown", "1234:2345", dst).EnsureOk();
        AtomicFile.Replace(src, dst, null);
        Assert.Equal((1234, 2345), Unix.Owner(dst));
        Assert.Equal("new", File.ReadAllText(dst));
    }

    [Fact]
    public void A_symbolic_link_destination_is_followed_by_default_and_keeps_pointing_at_the_replaced_file()
    {
        var (src, real, _) = Three();
        string link = _dir.File("link.json");
        File.CreateSymbolicLink(link, real);
        AtomicFile.Replace(src, link, null);
        Assert.Equal("new", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    // ---------------------------------------------------------------- the File.Replace contract

    public static IEnumerable<object[]> BadCases() => new[]
    {
        new object[] { "null source" }, new object[] { "null destination" }, new object[] { "empty source" },
        new object[] { "empty destination" }, new object[] { "empty backup" }, new object[] { "NUL in source" },
        new object[] { "missing source" }, new object[] { "missing source, backup" }, new object[] { "missing destination" },
        new object[] { "missing destination, backup" }, new object[] { "missing destination directory" },
        new object[] { "source is a directory" }, new object[] { "destination is a directory" },
        new object[] { "source is the destination" }, new object[] { "missing backup directory" },
        new object[] { "backup is a directory" },
    };

    private static Action Case(string name, Action<string?, string?, string?> replace, string d)
    {
        string S(string n) => Path.Combine(d, n);
        return name switch
        {
            "null source" => () => replace(null, S("dst"), null),
            "null destination" => () => replace(S("src"), null, null),
            "empty source" => () => replace("", S("dst"), null),
            "empty destination" => () => replace(S("src"), "", null),
            "empty backup" => () => replace(S("src"), S("dst"), ""),
            "NUL in source" => () => replace(S("s\0rc"), S("dst"), null),
            "missing source" => () => replace(S("nosrc"), S("dst"), null),
            "missing source, backup" => () => replace(S("nosrc"), S("dst"), S("bak")),
            "missing destination" => () => replace(S("src"), S("nodst"), null),
            "missing destination, backup" => () => replace(S("src"), S("nodst"), S("bak")),
            "missing destination directory" => () => replace(S("src"), S("nodir/dst"), null),
            "source is a directory" => () => replace(S("dir"), S("dst"), null),
            "destination is a directory" => () => replace(S("src"), S("dir"), null),
            "source is the destination" => () => replace(S("src"), S("src"), null),
            "missing backup directory" => () => replace(S("src"), S("dst"), S("nodir/bak")),
            "backup is a directory" => () => replace(S("src"), S("dst"), S("dir")),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static string Setup(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "src"), "new");
        File.WriteAllText(Path.Combine(root, "dst"), "old");
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        return root;
    }

    private static string[] State(string root) =>
        Directory.GetFileSystemEntries(root).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => Path.GetFileName(p) + "=" + (File.Exists(p) ? File.ReadAllText(p) : "<dir>")).ToArray();

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Bad_arguments_and_missing_files_throw_what_File_Replace_throws_and_change_nothing(string name)
    {
        string theirs = Setup(_dir.File("file"));
        string ours = Setup(_dir.File("atomic"));
        Exception expected = Assert.ThrowsAny<Exception>(Case(name, (s, d, b) => File.Replace(s!, d!, b), theirs));
        Exception actual = Assert.ThrowsAny<Exception>(Case(name, (s, d, b) => AtomicFile.Replace(s!, d!, b), ours));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
        Assert.Equal(new[] { "dir=<dir>", "dst=old", "src=new" }, State(ours));
    }

    [Fact]
    public void A_backup_naming_the_destination_is_refused_and_the_destination_survives()
    {
        // File.Replace on Linux removes the "backup" first, which is the destination, and then fails: the data is lost.
        var (src, dst, _) = Three();
        Assert.Throws<IOException>(() => AtomicFile.Replace(src, dst, dst));
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("new", File.ReadAllText(src));
    }

    [Fact]
    public void Null_options_throw_ArgumentNullException()
    {
        var (src, dst, _) = Three();
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => AtomicFile.Replace(src, dst, null, null!)).ParamName);
    }

    // ---------------------------------------------------------------- one file system

    [SkippableFact]
    public void A_source_on_another_file_system_throws_CrossDevice_and_leaves_all_three_files_untouched()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to mount a tmpfs");
        string mount = _dir.File("other");
        _dir.MountTmpfs(mount, "1m");
        string src = Path.Combine(mount, "state.json.new");
        string dst = _dir.File("state.json");
        string bak = _dir.File("state.json.bak");
        File.WriteAllText(src, "new");
        File.WriteAllText(dst, "old");
        File.WriteAllText(bak, "older");

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.Replace(src, dst, bak));
        Assert.Equal(AtomicWriteFailure.CrossDevice, e.Reason);
        Assert.Equal(18, e.OsError);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal("new", File.ReadAllText(src));
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("older", File.ReadAllText(bak));
        Assert.Empty(_dir.Temps());
        Assert.Empty(Directory.GetFiles(mount, "*.awtmp"));

        // File.Replace does what a rename across file systems does: it fails too, but only after the backup was made.
        Assert.Throws<IOException>(() => File.Replace(src, dst, bak));
        Assert.Equal("old", File.ReadAllText(bak));
        Assert.Equal("old", File.ReadAllText(dst));
    }

    [SkippableFact]
    public void A_backup_on_another_file_system_throws_CrossDevice_and_leaves_all_three_files_untouched()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to mount a tmpfs");
        string mount = _dir.File("other");
        _dir.MountTmpfs(mount, "1m");
        var (src, dst, _) = Three();
        string bak = Path.Combine(mount, "state.json.bak");
        File.WriteAllText(bak, "older");

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.Replace(src, dst, bak));
        Assert.Equal(AtomicWriteFailure.CrossDevice, e.Reason);
        Assert.Equal("new", File.ReadAllText(src));
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("older", File.ReadAllText(bak));
        Assert.Empty(Directory.GetFiles(mount, "*.awtmp"));
    }

    [SkippableFact]
    public void A_source_behind_a_bind_mount_of_the_same_file_system_fails_at_the_rename_with_CrossDevice_and_the_destination_unchanged()
    {
        // st_dev cannot tell a bind mount apart; the kernel's EXDEV at the rename still becomes CrossDevice, never a copy.
        Skip.IfNot(Sh.IsRoot, "needs root to bind-mount a directory");
        string staging = _dir.File("staging");
        string view = _dir.File("view");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(view);
        _dir.BindMount(staging, view);
        string src = Path.Combine(view, "state.json.new");
        File.WriteAllText(src, "new");
        string dst = _dir.File("state.json");
        File.WriteAllText(dst, "old");

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.Replace(src, dst, null));
        Assert.Equal(AtomicWriteFailure.CrossDevice, e.Reason);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("new", File.ReadAllText(src));
    }

    // ---------------------------------------------------------------- faults through the seam

    [Fact]
    public void A_failing_publish_rename_leaves_the_destination_and_the_backup_consistent_and_the_source_in_place()
    {
        var (src, dst, bak) = Three();
        File.WriteAllText(bak, "older");
        var steps = new List<FaultStep>();
        FaultInjection.Hook = s =>
        {
            steps.Add(s);
            return s == FaultStep.Rename ? 5 : 0;
        };
        AtomicWriteException e;
        try
        {
            e = Assert.Throws<AtomicWriteException>(() => AtomicFile.Replace(src, dst, bak));
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal(AtomicWriteFailure.RenameFailed, e.Reason);
        Assert.Equal(5, e.OsError);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal(new[] { FaultStep.Chmod, FaultStep.Fsync, FaultStep.Backup, FaultStep.Rename }, steps);
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("old", File.ReadAllText(bak)); // the backup already holds what the destination holds: a consistent pair
        Assert.Equal("new", File.ReadAllText(src));
        Assert.Empty(_dir.Temps());
    }

    [Theory]
    [InlineData(nameof(FaultStep.Fsync), AtomicWriteFailure.FlushFailed)]
    [InlineData(nameof(FaultStep.Chmod), AtomicWriteFailure.PermissionsFailed)]
    [InlineData(nameof(FaultStep.Backup), AtomicWriteFailure.RenameFailed)]
    public void A_failing_step_before_the_publish_changes_neither_the_destination_nor_the_old_backup(string step, AtomicWriteFailure reason)
    {
        var (src, dst, bak) = Three();
        File.WriteAllText(bak, "older");
        FaultInjection.Hook = s => s.ToString() == step ? 5 : 0;
        AtomicWriteException e;
        try
        {
            e = Assert.Throws<AtomicWriteException>(() => AtomicFile.Replace(src, dst, bak));
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal(reason, e.Reason);
        Assert.Equal("old", File.ReadAllText(dst));
        Assert.Equal("older", File.ReadAllText(bak));
        Assert.Equal("new", File.ReadAllText(src));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void ignoreMetadataErrors_goes_on_when_the_mode_cannot_be_set()
    {
        var (src, dst, _) = Three();
        FaultInjection.Hook = s => s == FaultStep.Chmod ? 1 : 0;
        try
        {
            AtomicFile.Replace(src, dst, null, ignoreMetadataErrors: true);
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Equal("new", File.ReadAllText(dst));
    }

    [Fact]
    public void A_failing_directory_fsync_after_the_rename_reports_replaced_but_durability_unconfirmed()
    {
        var (src, dst, _) = Three();
        FaultInjection.Hook = s => s == FaultStep.FsyncDirectory ? 5 : 0;
        DurabilityUnconfirmedException e;
        try
        {
            e = Assert.Throws<DurabilityUnconfirmedException>(() => AtomicFile.Replace(src, dst, null));
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.False(e.OriginalUnchanged);
        Assert.Equal("new", File.ReadAllText(dst));
    }

    // ---------------------------------------------------------------- syscall order

    private sealed record Call(int Index, string Name, string Args, string Result);

    private Call[] Trace(string src, string dst, string bak, string durability, string build)
    {
        Skip.IfNot(Sh.Has("strace"), "strace is not installed (apt-get install strace)");
        string log = _dir.File("strace.log");
        ProcResult r = Child.RunBuild(
            build,
            new[] { "strace", "-f", "-qq", "-o", log, "-e", "trace=open,openat,fsync,fdatasync,rename,renameat,renameat2,link,linkat,close,fchmod,fchown,unlink,sendfile,copy_file_range" },
            "replace", src, dst, bak, durability);
        Assert.Equal("ok", r.Stdout.Trim());
        var pattern = new Regex(@"^\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)");
        return File.ReadAllLines(log)
            .Select(l => pattern.Match(l))
            .Where(m => m.Success)
            .Select((m, i) => new Call(i, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))
            .ToArray();
    }

    [SkippableTheory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void Durable_replace_fsyncs_the_source_links_and_syncs_the_backup_renames_and_then_fsyncs_the_directory(string build)
    {
        string work = _dir.File("work");
        Directory.CreateDirectory(work);
        string src = Path.Combine(work, "db.new");
        string dst = Path.Combine(work, "db");
        string bak = Path.Combine(work, "db.bak");
        File.WriteAllText(src, "new");
        File.WriteAllText(dst, "old");
        Call[] calls = Trace(src, dst, bak, "Durable", build);

        Call openSource = Assert.Single(calls, c => (c.Name == "openat" || c.Name == "open") && c.Args.Contains($"\"{src}\""));
        Call publish = Assert.Single(calls, c => c.Name == "rename" && c.Args == $"\"{src}\", \"{dst}\"");
        Call fsyncSource = Assert.Single(calls, c => c.Index > openSource.Index && c.Index < publish.Index && c.Name == "fsync" && c.Args == openSource.Result);
        Call chmod = Assert.Single(calls, c => c.Name == "fchmod" && c.Args.StartsWith(openSource.Result + ",") && c.Index > openSource.Index && c.Index < publish.Index);
        Call link = Assert.Single(calls, c => c.Name == "link" || c.Name == "linkat");
        Assert.StartsWith($"\"{dst}\", \"{work}/.db.bak.", link.Args.Replace("AT_FDCWD, ", string.Empty));
        Call backupRename = Assert.Single(calls, c => c.Name == "rename" && c.Args.EndsWith($", \"{bak}\""));
        Call[] dirFsyncs = calls
            .Where(c => (c.Name == "openat" || c.Name == "open") && c.Args.Contains($"\"{work}\"") && c.Args.Contains("O_DIRECTORY"))
            .Select(o => calls.First(c => c.Index > o.Index && c.Name == "fsync" && c.Args == o.Result))
            .ToArray();

        Assert.True(chmod.Index < fsyncSource.Index, "the destination's mode is on the source before its data is flushed");
        Assert.True(fsyncSource.Index < link.Index, "the source is flushed before anything else changes");
        Assert.True(link.Index < backupRename.Index, "the backup is a link, renamed into place");
        Assert.Contains(dirFsyncs, f => f.Index > backupRename.Index && f.Index < publish.Index);
        Assert.Contains(dirFsyncs, f => f.Index > publish.Index);
        Assert.All(dirFsyncs, f => Assert.Equal("0", f.Result));
        Assert.DoesNotContain(calls, c => c.Name == "sendfile" || c.Name == "copy_file_range");
        Assert.Equal("new", File.ReadAllText(dst));
        Assert.Equal("old", File.ReadAllText(bak));
    }

    [SkippableFact]
    public void A_source_in_another_directory_has_that_directory_fsynced_after_the_rename_too()
    {
        string staging = _dir.File("staging");
        string live = _dir.File("live");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(live);
        string src = Path.Combine(staging, "db");
        string dst = Path.Combine(live, "db");
        File.WriteAllText(src, "new");
        File.WriteAllText(dst, "old");
        Call[] calls = Trace(src, dst, "-", "Durable", "net8.0");
        Call publish = Assert.Single(calls, c => c.Name == "rename" && c.Args == $"\"{src}\", \"{dst}\"");
        foreach (string directory in new[] { live, staging })
        {
            Call open = Assert.Single(calls, c => c.Index > publish.Index && (c.Name == "openat" || c.Name == "open") && c.Args.Contains($"\"{directory}\"") && c.Args.Contains("O_DIRECTORY"));
            Assert.Contains(calls, c => c.Index > open.Index && c.Name == "fsync" && c.Args == open.Result && c.Result == "0");
        }

        Assert.DoesNotContain(calls, c => c.Name == "link" || c.Name == "linkat");
    }

    [SkippableFact]
    public void None_durability_renames_without_any_fsync()
    {
        var (src, dst, _) = Three();
        Call[] calls = Trace(src, dst, "-", "None", "net8.0");
        Assert.Single(calls, c => c.Name == "rename" && c.Args == $"\"{src}\", \"{dst}\"");
        Assert.DoesNotContain(calls, c => c.Name == "fsync" || c.Name == "fdatasync");
        Assert.Equal("new", File.ReadAllText(dst));
    }
}
