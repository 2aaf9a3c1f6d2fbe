using System;
using System.IO;
using System.Linq;
using Xunit;

namespace AtomicWrite.Tests;

public sealed class ModeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_0600_file_stays_0600_through_every_kind_of_write()
    {
        string target = _dir.File("token.json");
        File.WriteAllText(target, "{}");
        Unix.Chmod(target, 0x180); // 0600

        AtomicFile.WriteAllText(target, "{\"a\":1}");
        Assert.Equal("600", Unix.Octal(Unix.Mode(target)));
        AtomicFile.WriteAllBytes(target, new byte[] { 1, 2 });
        Assert.Equal("600", Unix.Octal(Unix.Mode(target)));
        using (AtomicStreamWriter w = AtomicFile.CreateText(target))
        {
            w.Write("x");
            w.Commit();
        }

        Assert.Equal("600", Unix.Octal(Unix.Mode(target)));
        AtomicFile.WriteAllLines(target, new[] { "a" }, new AtomicWriteOptions { UnixCreateMode = UnixPermissions.UserRead | UnixPermissions.UserWrite | UnixPermissions.OtherRead });
        Assert.Equal("600", Unix.Octal(Unix.Mode(target))); // the existing mode wins by default
    }

    [Fact]
    public void Other_existing_modes_are_kept_too_and_a_file_File_may_not_write_is_refused_like_File()
    {
        foreach (int mode in new[] { 0x1A0 /*0640*/, 0x124 /*0444*/, 0x1ED /*0755*/, 0x100 /*0400*/ })
        {
            string probe = _dir.File("probe" + mode);
            File.WriteAllText(probe, "x");
            Unix.Chmod(probe, mode);
            Exception? fileError = Record.Exception(() => File.WriteAllText(probe, "y"));

            string target = _dir.File("m" + mode);
            File.WriteAllText(target, "x");
            Unix.Chmod(target, mode);
            Exception? atomicError = Record.Exception(() => AtomicFile.WriteAllText(target, "y"));
            Assert.Equal(fileError?.GetType(), atomicError?.GetType());
            Assert.Equal(Unix.Octal(mode), Unix.Octal(Unix.Mode(target)));
            Assert.Equal(fileError is null ? "y" : "x", File.ReadAllText(target));
        }
    }

    [SkippableFact]
    public void A_read_only_file_in_a_writable_directory_is_refused_like_File_for_a_process_without_override()
    {
        Skip.IfNot(Sh.IsRoot && Sh.Has("setpriv"), "needs root and setpriv to run a child without CAP_DAC_OVERRIDE");
        string target = _dir.File("readonly.conf");
        File.WriteAllText(target, "locked");
        Unix.Chmod(target, 0x124); // 0444
        ProcResult r = Child.Run(new[] { "setpriv", "--bounding-set=-dac_override,-dac_read_search" }, "once", target, "changed");
        Assert.StartsWith("error UnauthorizedAccessException", r.Stdout.Trim());
        Assert.Equal("locked", File.ReadAllText(target));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void A_new_file_gets_the_requested_mode_whatever_the_umask()
    {
        string target = _dir.File("new-0640");
        AtomicFile.WriteAllText(target, "x", new AtomicWriteOptions { UnixCreateMode = UnixPermissions.UserRead | UnixPermissions.UserWrite | UnixPermissions.GroupRead });
        Assert.Equal("640", Unix.Octal(Unix.Mode(target)));

        string open = _dir.File("new-0666");
        AtomicFile.WriteAllText(open, "x", new AtomicWriteOptions { UnixCreateMode = (UnixPermissions)0x1B6 });
        Assert.Equal("666", Unix.Octal(Unix.Mode(open)));
    }

    [Fact]
    public void A_new_file_without_a_requested_mode_gets_what_File_gives()
    {
        string viaFile = _dir.File("by-file");
        string viaAtomic = _dir.File("by-atomic");
        File.WriteAllText(viaFile, "x");
        AtomicFile.WriteAllText(viaAtomic, "x");
        Assert.Equal(Unix.Octal(Unix.Mode(viaFile)), Unix.Octal(Unix.Mode(viaAtomic)));
        Assert.Equal(Unix.Octal(0x1B6 & ~Unix.Umask()), Unix.Octal(Unix.Mode(viaAtomic)));
    }

    [Fact]
    public void Without_PreserveExistingPermissions_the_requested_mode_replaces_the_old_one()
    {
        string target = _dir.File("loosened");
        File.WriteAllText(target, "x");
        Unix.Chmod(target, 0x1A4); // 0644
        AtomicFile.WriteAllText(target, "y", new AtomicWriteOptions { PreserveExistingPermissions = false, UnixCreateMode = UnixPermissions.UserRead | UnixPermissions.UserWrite });
        Assert.Equal("600", Unix.Octal(Unix.Mode(target)));
    }

    [Fact]
    public void The_temp_file_is_never_readable_by_group_or_others_while_in_flight()
    {
        string target = _dir.File("public.txt");
        File.WriteAllText(target, "x");
        Unix.Chmod(target, 0x1FF); // 0777
        using (AtomicFileStream s = AtomicFile.Create(target))
        {
            s.Write(new byte[100_000]);
            s.Flush();
            string temp = Assert.Single(_dir.Temps());
            Assert.Equal("600", Unix.Octal(Unix.Mode(temp)));
            s.Commit();
        }

        Assert.Equal("777", Unix.Octal(Unix.Mode(target)));
        Assert.Empty(_dir.Temps());
    }

    [SkippableFact]
    public void Owner_and_group_of_the_replaced_file_are_kept()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to give a file to another owner");
        string target = _dir.File("owned");
        File.WriteAllText(target, "x");
        Sh.Run("chown", "1234:2345", target).EnsureOk();
        Unix.Chmod(target, 0x1A0);
        AtomicFile.WriteAllText(target, "y");
        Assert.Equal((1234, 2345), Unix.Owner(target));
        Assert.Equal("640", Unix.Octal(Unix.Mode(target)));

        // Set-id bits survive too (chown clears them, so they must be applied after it).
        Unix.Chmod(target, 0x9ED); // 04755
        AtomicFile.WriteAllText(target, "z");
        Assert.Equal("4755", Unix.Octal(Unix.Mode(target)));
        Assert.Equal((1234, 2345), Unix.Owner(target));
    }
}

public sealed class SymlinkTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string RealFile(string content)
    {
        Directory.CreateDirectory(_dir.File("real"));
        string real = _dir.File("real/settings.json");
        File.WriteAllText(real, content);
        return real;
    }

    [Fact]
    public void Follow_replaces_the_final_target_and_keeps_the_link()
    {
        string real = RealFile("old");
        Unix.Chmod(real, 0x180);
        string link = _dir.File("link.json");
        File.CreateSymbolicLink(link, "real/settings.json"); // relative
        AtomicFile.WriteAllText(link, "new");

        Assert.Equal("new", File.ReadAllText(real));
        Assert.Equal("real/settings.json", new FileInfo(link).LinkTarget);
        Assert.Equal("600", Unix.Octal(Unix.Mode(real)));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Follow_walks_a_chain_of_links()
    {
        string real = RealFile("old");
        string b = _dir.File("b");
        string a = _dir.File("a");
        File.CreateSymbolicLink(b, real); // absolute
        File.CreateSymbolicLink(a, "b");
        using (AtomicFileStream s = AtomicFile.Create(a))
        {
            Assert.Equal(real, s.Path);
            s.Write("chained"u8);
            s.Commit();
        }

        Assert.Equal("chained", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(a).LinkTarget);
        Assert.NotNull(new FileInfo(b).LinkTarget);
    }

    [Fact]
    public void Follow_through_a_dangling_link_creates_its_target_like_File()
    {
        string link = _dir.File("dangling");
        File.CreateSymbolicLink(link, "created.txt");
        AtomicFile.WriteAllText(link, "hello");
        Assert.Equal("hello", File.ReadAllText(_dir.File("created.txt")));
        Assert.Equal("created.txt", new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void ReplaceLink_replaces_the_link_itself_and_leaves_its_target_alone()
    {
        string real = RealFile("untouched");
        string link = _dir.File("link");
        File.CreateSymbolicLink(link, real);
        AtomicFile.WriteAllText(link, "regular now", new AtomicWriteOptions { Symlinks = SymlinkPolicy.ReplaceLink });

        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal("regular now", File.ReadAllText(link));
        Assert.Equal("untouched", File.ReadAllText(real));
    }

    [Fact]
    public void Refuse_throws_a_typed_exception_and_changes_nothing()
    {
        string real = RealFile("untouched");
        string link = _dir.File("link");
        File.CreateSymbolicLink(link, real);
        var options = new AtomicWriteOptions { Symlinks = SymlinkPolicy.Refuse };

        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(link, "x", options));
        Assert.Equal(AtomicWriteFailure.SymlinkRefused, e.Reason);
        Assert.True(e.OriginalUnchanged);
        Assert.Contains(link, e.Message);
        Assert.Throws<AtomicWriteException>(() => AtomicFile.Create(link, options));
        Assert.Equal("untouched", File.ReadAllText(real));
        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.Empty(_dir.Temps());

        // A regular file is written normally under Refuse.
        AtomicFile.WriteAllText(real, "fine", options);
        Assert.Equal("fine", File.ReadAllText(real));
    }

    [Fact]
    public void A_link_to_a_directory_and_a_link_loop_fail_like_File()
    {
        string dirLink = _dir.File("to-dir");
        Directory.CreateDirectory(_dir.File("d"));
        File.CreateSymbolicLink(dirLink, _dir.File("d"));
        Assert.Equal(
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(dirLink, "x")).GetType(),
            Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(dirLink, "x")).GetType());

        string loop1 = _dir.File("loop1");
        string loop2 = _dir.File("loop2");
        File.CreateSymbolicLink(loop1, loop2);
        File.CreateSymbolicLink(loop2, loop1);
        Assert.Equal(
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(loop1, "x")).GetType(),
            Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(loop1, "x")).GetType());
        Assert.Empty(_dir.Temps());
    }
}
