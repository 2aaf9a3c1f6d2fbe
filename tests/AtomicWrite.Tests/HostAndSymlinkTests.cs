using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>Symbolic links are resolved by the kernel: a relative link target is taken from the link's real directory.</summary>
public sealed class KernelSymlinkResolutionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>alias -> deep/real, deep/real/cfg -> ../x.json: the file the link names is deep/x.json.</summary>
    private (string LinkPath, string RealTarget) LinkThroughSymlinkedDirectory()
    {
        Directory.CreateDirectory(_dir.File("deep/real"));
        File.CreateSymbolicLink(_dir.File("alias"), "deep/real");
        File.CreateSymbolicLink(_dir.File("deep/real/cfg"), "../x.json");
        return (Path.Combine(_dir.Path, "alias", "cfg"), _dir.File("deep/x.json"));
    }

    [Fact]
    public void Follow_takes_a_relative_dotdot_target_from_the_links_real_directory_like_File()
    {
        var (link, real) = LinkThroughSymlinkedDirectory();
        File.WriteAllText(real, "old");

        // File, the reference: the kernel follows the link.
        File.WriteAllText(link, "by-file");
        Assert.Equal("by-file", File.ReadAllText(real));

        AtomicFile.WriteAllText(link, "by-atomic");
        Assert.Equal("by-atomic", File.ReadAllText(real));
        Assert.False(File.Exists(_dir.File("x.json")), "a new top-level x.json was created");
        Assert.True(new FileInfo(Path.Combine(_dir.Path, "deep", "real", "cfg")).LinkTarget == "../x.json");
        Assert.Empty(_dir.Temps());

        using (AtomicFileStream s = AtomicFile.Create(link))
        {
            Assert.Equal(real, s.Path);
            s.WriteByte((byte)'s');
            s.Commit();
        }

        Assert.Equal("s", File.ReadAllText(real));
    }

    [Fact]
    public void Follow_through_a_dangling_relative_link_in_a_symlinked_directory_creates_the_target_File_would()
    {
        var (link, real) = LinkThroughSymlinkedDirectory();
        AtomicFile.WriteAllText(link, "created");
        Assert.Equal("created", File.ReadAllText(real));
        Assert.False(File.Exists(_dir.File("x.json")));

        // File does the same.
        File.Delete(real);
        File.WriteAllText(link, "created");
        Assert.True(File.Exists(real));
    }

    [Fact]
    public void A_chain_of_relative_links_across_symlinked_directories_ends_where_the_kernel_says()
    {
        // a/l1 -> ../b/l2 ; b -> c/d (a directory link); c/d/l2 -> ../../e/final  => from c/d: ../../e/final = e/final
        Directory.CreateDirectory(_dir.File("a"));
        Directory.CreateDirectory(_dir.File("c/d"));
        Directory.CreateDirectory(_dir.File("e"));
        File.CreateSymbolicLink(_dir.File("b"), "c/d");
        File.CreateSymbolicLink(_dir.File("a/l1"), "../b/l2");
        File.CreateSymbolicLink(_dir.File("c/d/l2"), "../../e/final");
        string link = _dir.File("a/l1");

        File.WriteAllText(link, "file");
        string expected = _dir.File("e/final");
        Assert.Equal("file", File.ReadAllText(expected));

        AtomicFile.WriteAllText(link, "atomic");
        Assert.Equal("atomic", File.ReadAllText(expected));
        Assert.Empty(Directory.GetFiles(_dir.Path, "final", SearchOption.AllDirectories).Where(f => f != expected));
    }

    [Fact]
    public void ReplaceLink_and_Refuse_work_through_a_symlinked_directory()
    {
        var (link, real) = LinkThroughSymlinkedDirectory();
        File.WriteAllText(real, "target");

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(link, "x", new AtomicWriteOptions { Symlinks = SymlinkPolicy.Refuse }));
        Assert.Equal(AtomicWriteFailure.SymlinkRefused, e.Reason);
        Assert.Equal("target", File.ReadAllText(real));

        AtomicFile.WriteAllText(link, "replaced", new AtomicWriteOptions { Symlinks = SymlinkPolicy.ReplaceLink });
        string linkInRealDir = _dir.File("deep/real/cfg");
        Assert.Null(new FileInfo(linkInRealDir).LinkTarget);
        Assert.Equal("replaced", File.ReadAllText(linkInRealDir));
        Assert.Equal("target", File.ReadAllText(real));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void A_loop_of_relative_links_through_a_symlinked_directory_fails_like_File()
    {
        Directory.CreateDirectory(_dir.File("deep/real"));
        File.CreateSymbolicLink(_dir.File("alias"), "deep/real");
        File.CreateSymbolicLink(_dir.File("deep/real/p"), "../real/q");
        File.CreateSymbolicLink(_dir.File("deep/real/q"), "../../alias/p");
        string link = Path.Combine(_dir.Path, "alias", "p");
        Exception fileError = Assert.ThrowsAny<IOException>(() => File.WriteAllText(link, "x"));
        Exception atomicError = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(link, "x"));
        Assert.Equal(fileError.GetType(), atomicError.GetType());
        Assert.Empty(_dir.Temps());
    }
}

/// <summary>
/// The library installs no signal handlers: an application's graceful shutdown (Generic Host, Console.CancelKeyPress)
/// can still commit writes after SIGTERM or SIGINT.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Finish(Process child)
    {
        if (!child.WaitForExit(60_000))
        {
            // Kill it so that its output can be read, and say what it had printed: the signal's fate is in there.
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.Fail("the child did not exit within 60 s of the signal; its output: "
                + child.StandardOutput.ReadToEnd() + " | stderr: " + child.StandardError.ReadToEnd());
        }

        return child.StandardOutput.ReadToEnd() + child.StandardError.ReadToEnd();
    }

    [Fact]
    public void A_Generic_Host_commits_a_stream_while_stopping_after_SIGTERM()
    {
        string target = _dir.File("state.json");
        File.WriteAllText(target, "old");
        using Process child = Child.Start("host", target);
        Child.WaitFor(child, "holding");
        Assert.Single(_dir.Temps());

        Assert.Equal(0, Sh.kill(child.Id, 15)); // SIGTERM
        string output = Finish(child);
        Assert.Contains("committed", output);
        Assert.Equal(0, child.ExitCode);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    /// <summary>True when this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status).</summary>
    private static bool SigIntIgnored()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line.Substring(7).Trim(), 16) & (1UL << (2 - 1))) != 0;
    }

    [Fact]
    public void A_cancelled_SIGINT_lets_the_application_commit()
    {
        string target = _dir.File("cancel.json");
        File.WriteAllText(target, "old");
        // A process started in the background by a shell without job control (`cmd &`, nohup) ignores SIGINT, and
        // its children inherit that: .NET then never raises CancelKeyPress. Give the child the default disposition
        // back, as an interactive shell would, so that the test does not depend on how the test run was started.
        string[] wrapper = SigIntIgnored() ? new[] { "env", "--default-signal=INT" } : Array.Empty<string>();
        using Process child = Child.StartWith(wrapper, "cancelkey", target);
        Child.WaitFor(child, "holding");

        Assert.Equal(0, Sh.kill(child.Id, 2)); // SIGINT
        string output = Finish(child);
        Assert.Contains("committed", output);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }
}
