using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>The POSIX recipe, observed from outside with strace on a child process.</summary>
public sealed class SyscallOrderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed record Call(int Index, string Name, string Args, string Result);

    private Call[] Trace(string target, string durability, string build = "net8.0")
    {
        Skip.IfNot(Sh.Has("strace"), "strace is not installed (apt-get install strace)");
        string log = _dir.File("strace.log");
        ProcResult r = Child.RunBuild(
            build,
            new[] { "strace", "-f", "-qq", "-o", log, "-e", "trace=open,openat,write,pwrite64,fsync,fdatasync,fcntl,rename,renameat,renameat2,close,fchmod,fchown,unlink" },
            "once", target, "new content", durability);
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
    public void Durable_replace_creates_an_exclusive_0600_temp_in_the_same_directory_then_fsyncs_renames_and_fsyncs_the_directory(string build)
    {
        string target = _dir.File("settings.json");
        File.WriteAllText(target, "old");
        Call[] calls = Trace(target, "Durable", build);

        string dirPrefix = _dir.Path + "/.settings.json.";
        Call create = Assert.Single(calls, c => (c.Name == "openat" || c.Name == "open") && c.Args.Contains('"' + dirPrefix));
        Assert.Contains("O_CREAT", create.Args);
        Assert.Contains("O_EXCL", create.Args);
        if (build == "netstandard2.0")
        {
            Assert.Contains("O_NOFOLLOW", create.Args);
        }

        // (net8.0 creates it through the BCL, without O_NOFOLLOW: O_CREAT|O_EXCL already fails on any existing name,
        // a symbolic link included, without following it.)
        Assert.Contains("O_CLOEXEC", create.Args);
        Assert.EndsWith(", 0600", create.Args);
        string tempPath = Regex.Match(create.Args, "\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(_dir.Path, Path.GetDirectoryName(tempPath));
        Assert.Matches(@"^\.settings\.json\.\d+\.[0-9a-f]{32}\.awtmp$", Path.GetFileName(tempPath));
        string fd = create.Result;

        Call rename = Assert.Single(calls, c => c.Name == "rename");
        Call write = calls.First(c => c.Index > create.Index && (c.Name == "pwrite64" || c.Name == "write") && c.Args.StartsWith(fd + ","));

        // The descriptor number is reused after close, so only calls between the create and the rename count.
        Call fsync = Assert.Single(calls, c => c.Index > create.Index && c.Index < rename.Index && c.Name == "fsync" && c.Args == fd);
        Call close = calls.First(c => c.Index > fsync.Index && c.Name == "close" && c.Args == fd);
        Assert.Equal($"\"{tempPath}\", \"{target}\"", rename.Args);
        Assert.Equal("0", rename.Result);
        Call openDir = calls.First(c => c.Index > rename.Index && (c.Name == "openat" || c.Name == "open") && c.Args.Contains($"\"{_dir.Path}\"") && c.Args.Contains("O_DIRECTORY"));
        Call fsyncDir = calls.First(c => c.Index > openDir.Index && c.Name == "fsync" && c.Args == openDir.Result);

        Assert.True(write.Index < fsync.Index, "data written before the fsync");
        Assert.True(fsync.Index < close.Index && close.Index < rename.Index, "fsync, then close, then rename");
        Assert.True(rename.Index < fsyncDir.Index, "the directory is fsynced after the rename");
        Assert.Equal("0", fsyncDir.Result);

        // The mode of the new file is set on the temp before it is flushed and published.
        Call chmod = Assert.Single(calls, c => c.Name == "fchmod" && c.Args.StartsWith(fd + ","));
        Assert.True(chmod.Index < fsync.Index);
        Assert.Equal("new content", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [SkippableTheory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void A_new_file_is_created_with_0666_for_the_kernel_to_apply_umask_and_default_ACL_and_is_never_chmodded(string build)
    {
        string target = _dir.File("fresh.json");
        Call[] calls = Trace(target, "Durable", build);
        Call create = Assert.Single(calls, c => (c.Name == "openat" || c.Name == "open") && c.Args.Contains('"' + _dir.Path + "/.fresh.json."));
        Assert.Contains("O_EXCL", create.Args);
        Assert.EndsWith(", 0666", create.Args);
        Call rename = Assert.Single(calls, c => c.Name == "rename");
        Assert.DoesNotContain(calls, c => (c.Name == "fchmod" || c.Name == "fchown") && c.Args.StartsWith(create.Result + ",") && c.Index > create.Index && c.Index < rename.Index);
        Assert.Equal("new content", File.ReadAllText(target));
    }

    [SkippableFact]
    public void AtomicOnly_fsyncs_the_temp_but_not_the_directory()
    {
        string target = _dir.File("a.txt");
        Call[] calls = Trace(target, "AtomicOnly");
        Call create = calls.Single(c => (c.Name == "openat" || c.Name == "open") && c.Args.Contains("O_EXCL") && c.Args.Contains(_dir.Path));
        Call rename = calls.Single(c => c.Name == "rename");
        Assert.Single(calls, c => c.Name == "fsync" && c.Args == create.Result && c.Index < rename.Index);
        Assert.DoesNotContain(calls, c => c.Index > rename.Index && c.Name == "fsync");
    }

    [SkippableFact]
    public void None_renames_without_any_fsync()
    {
        string target = _dir.File("n.txt");
        Call[] calls = Trace(target, "None");
        Assert.Single(calls, c => c.Name == "rename" && c.Args.EndsWith($"\"{target}\""));
        Assert.DoesNotContain(calls, c => (c.Name == "fsync" || c.Name == "fdatasync"));
        Assert.Equal("new content", File.ReadAllText(target));
    }
}
