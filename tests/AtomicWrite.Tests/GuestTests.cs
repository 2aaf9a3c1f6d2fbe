using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>A stream dropped without Dispose is reclaimed by its finalizer: descriptor closed, temp removed.</summary>
public sealed class DroppedStreamTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DropStreams(int count)
    {
        for (int i = 0; i < count; i++)
        {
            AtomicFileStream s = AtomicFile.Create(_dir.File("dropped-" + i));
            s.Write(new byte[100]);
        }
    }

    private int OpenDescriptorsInto(string directory)
    {
        int n = 0;
        foreach (string fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is string target && target.StartsWith(directory + "/", StringComparison.Ordinal))
                {
                    n++;
                }
            }
            catch (IOException)
            {
            }
        }

        return n;
    }

    [Fact]
    public void Fifty_dropped_streams_leave_no_temp_and_no_descriptor_after_a_GC()
    {
        DropStreams(50);
        Assert.Equal(50, _dir.Temps().Length);
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Empty(_dir.Temps());
        Assert.Equal(0, OpenDescriptorsInto(_dir.Path));
        for (int i = 0; i < 50; i++)
        {
            Assert.False(File.Exists(_dir.File("dropped-" + i)));
        }
    }
}

/// <summary>Every whole-file method throws the same typed exception for a full disk.</summary>
public sealed class EveryOverloadOnAFullDiskTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> Overloads()
    {
        string text = new string('t', 256 * 1024);
        string[] lines = Enumerable.Repeat(new string('l', 1024), 256).ToArray();
        byte[] bytes = new byte[256 * 1024];
        var o = AtomicWriteOptions.Default;
        var calls = new (string Name, Func<string, Task> Call)[]
        {
            ("WriteAllText(s)", p => { AtomicFile.WriteAllText(p, text); return Task.CompletedTask; }),
            ("WriteAllText(s,o)", p => { AtomicFile.WriteAllText(p, text, o); return Task.CompletedTask; }),
            ("WriteAllText(s,e)", p => { AtomicFile.WriteAllText(p, text, Encoding.UTF8); return Task.CompletedTask; }),
            ("WriteAllText(s,e,o)", p => { AtomicFile.WriteAllText(p, text, Encoding.UTF8, o); return Task.CompletedTask; }),
            ("WriteAllText(span)", p => { AtomicFile.WriteAllText(p, text.AsSpan()); return Task.CompletedTask; }),
            ("WriteAllText(span,e,o)", p => { AtomicFile.WriteAllText(p, text.AsSpan(), Encoding.Unicode, o); return Task.CompletedTask; }),
            ("WriteAllTextAsync(s)", p => AtomicFile.WriteAllTextAsync(p, text)),
            ("WriteAllTextAsync(s,e,o)", p => AtomicFile.WriteAllTextAsync(p, text, Encoding.UTF8, o)),
            ("WriteAllTextAsync(mem)", p => AtomicFile.WriteAllTextAsync(p, text.AsMemory())),
            ("WriteAllTextAsync(mem,e,o)", p => AtomicFile.WriteAllTextAsync(p, text.AsMemory(), Encoding.UTF32, o)),
            ("WriteAllBytes(arr)", p => { AtomicFile.WriteAllBytes(p, bytes); return Task.CompletedTask; }),
            ("WriteAllBytes(span,o)", p => { AtomicFile.WriteAllBytes(p, bytes.AsSpan(), o); return Task.CompletedTask; }),
            ("WriteAllBytesAsync(arr)", p => AtomicFile.WriteAllBytesAsync(p, bytes)),
            ("WriteAllBytesAsync(mem,o)", p => AtomicFile.WriteAllBytesAsync(p, bytes.AsMemory(), o)),
            ("WriteAllLines(arr)", p => { AtomicFile.WriteAllLines(p, lines); return Task.CompletedTask; }),
            ("WriteAllLines(arr,e)", p => { AtomicFile.WriteAllLines(p, lines, Encoding.UTF8); return Task.CompletedTask; }),
            ("WriteAllLines(enum,o)", p => { AtomicFile.WriteAllLines(p, lines.Select(l => l), o); return Task.CompletedTask; }),
            ("WriteAllLines(enum,e,o)", p => { AtomicFile.WriteAllLines(p, lines.Select(l => l), Encoding.Unicode, o); return Task.CompletedTask; }),
            ("WriteAllLinesAsync(enum)", p => AtomicFile.WriteAllLinesAsync(p, lines)),
            ("WriteAllLinesAsync(enum,e,o)", p => AtomicFile.WriteAllLinesAsync(p, lines, Encoding.UTF8, o)),
        };
        return calls.Select(c => new object[] { c.Name, c.Call });
    }

    [SkippableFact]
    public async Task Every_whole_file_overload_throws_AtomicWriteException_WriteFailed_ENOSPC()
    {
        Skip.IfNot(Sh.IsRoot, "needs root to mount a 64 KiB tmpfs");
        string mount = _dir.File("small");
        _dir.MountTmpfs(mount, "64k");
        string target = Path.Combine(mount, "state.json");
        File.WriteAllText(target, "original");
        var wrong = new List<string>();
        foreach (object[] row in Overloads())
        {
            string name = (string)row[0];
            var call = (Func<string, Task>)row[1];
            Exception? e = null;
            try
            {
                await call(target);
            }
            catch (Exception caught)
            {
                e = caught;
            }

            if (e is not AtomicWriteException { Reason: AtomicWriteFailure.WriteFailed, OsError: 28, OriginalUnchanged: true })
            {
                wrong.Add($"{name}: {e?.GetType().Name ?? "no exception"} {(e as AtomicWriteException)?.Reason} {e?.Message}");
            }

            if (File.ReadAllText(target) != "original" || Directory.GetFiles(mount, "*.awtmp").Length != 0)
            {
                wrong.Add(name + ": original changed or temp left");
            }
        }

        Assert.Empty(wrong);
    }
}

/// <summary>New files get what the kernel gives File's files; set-id bits go the way a plain write makes them go.</summary>
public sealed class KernelModeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Acl(string path) =>
        Sh.Run("getfacl", "--omit-header", "--numeric", path).EnsureOk().Stdout.Trim();

    [SkippableFact]
    public void A_new_file_in_a_directory_with_a_default_ACL_gets_the_ACL_File_gives()
    {
        Skip.IfNot(Sh.Has("setfacl") && Sh.Has("getfacl"), "needs setfacl/getfacl (apt-get install acl)");
        string dir = _dir.File("acl");
        Directory.CreateDirectory(dir);
        ProcResult set = Sh.Run("setfacl", "-d", "-m", "u::rwx,g::rwx,o::r-x,u:65534:rwx", dir);
        Skip.If(set.ExitCode != 0, "the file system does not support POSIX ACLs: " + set.Stderr);

        string byFile = Path.Combine(dir, "by-file");
        string byAtomic = Path.Combine(dir, "by-atomic");
        File.WriteAllText(byFile, "x");
        AtomicFile.WriteAllText(byAtomic, "x");
        Assert.Equal(Acl(byFile), Acl(byAtomic));
        Assert.Equal(Unix.Octal(Unix.Mode(byFile)), Unix.Octal(Unix.Mode(byAtomic)));
        Assert.Contains("mask::rw-", Acl(byAtomic));

        string streamed = Path.Combine(dir, "streamed");
        using (AtomicFileStream s = AtomicFile.Create(streamed))
        {
            s.WriteByte(1);
            s.Commit();
        }

        Assert.Equal(Acl(byFile), Acl(streamed));
    }

    [SkippableFact]
    public void Set_id_bits_are_dropped_on_a_rewrite_by_a_process_without_CAP_FSETID_as_a_plain_write_drops_them()
    {
        Skip.IfNot(Sh.IsRoot && Sh.Has("setpriv"), "needs root and setpriv to run a child without CAP_FSETID");
        string[] noFsetid = { "setpriv", "--bounding-set=-fsetid" };

        // The reference: what the kernel does to a plain in-place write by such a process.
        string plain = _dir.File("plain");
        File.WriteAllText(plain, "x");
        Unix.Chmod(plain, 0xDED); // 06755
        Sh.Run(noFsetid[0], noFsetid[1], "sh", "-c", "echo y > \"$0\"", plain).EnsureOk();
        Assert.Equal("755", Unix.Octal(Unix.Mode(plain)));

        string target = _dir.File("tool");
        File.WriteAllText(target, "x");
        Unix.Chmod(target, 0xDED); // 06755
        ProcResult r = Child.Run(noFsetid, "once", target, "y");
        Assert.Equal("ok", r.Stdout.Trim());
        Assert.Equal("755", Unix.Octal(Unix.Mode(target)));

        // A privileged writer (this process, root with every capability) keeps them, as the kernel does for it.
        Unix.Chmod(target, 0xDED);
        AtomicFile.WriteAllText(target, "z");
        Assert.Equal("6755", Unix.Octal(Unix.Mode(target)));
    }
}

/// <summary>A write-only directory (0333) behaves as with File: the write succeeds and is made durable.</summary>
public sealed class WriteOnlyDirectoryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void A_write_only_directory_accepts_the_write_like_File()
    {
        Skip.IfNot(Sh.IsRoot && Sh.Has("setpriv"), "needs root and setpriv to run a child without CAP_DAC_OVERRIDE");
        string[] noDac = { "setpriv", "--bounding-set=-dac_override,-dac_read_search" };
        string dir = _dir.File("wo");
        Directory.CreateDirectory(dir);
        string existing = Path.Combine(dir, "existing");
        File.WriteAllText(existing, "old");
        Unix.Chmod(dir, 0xDB); // 0333

        // The reference: File can write there.
        Sh.Run(noDac[0], noDac[1], "sh", "-c", "echo x > \"$0\"/by-shell", dir).EnsureOk();

        ProcResult fresh = Child.Run(noDac, "once", Path.Combine(dir, "new"), "created");
        Assert.Equal("ok", fresh.Stdout.Trim());
        ProcResult replaced = Child.Run(noDac, "once", existing, "replaced");
        Assert.Equal("ok", replaced.Stdout.Trim());

        Unix.Chmod(dir, 0x1C0);
        Assert.Equal("created", File.ReadAllText(Path.Combine(dir, "new")));
        Assert.Equal("replaced", File.ReadAllText(existing));
        Assert.Empty(Directory.GetFiles(dir, "*.awtmp"));
    }
}

/// <summary>Cancellation is observed until the rename: a cancelled write leaves the original untouched and no temp.</summary>
public sealed class CancellationBeforeRenameTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_token_cancelled_after_the_fsync_and_before_the_rename_publishes_nothing()
    {
        string target = _dir.File("c.json");
        File.WriteAllText(target, "original");
        var calls = new (string Name, Func<CancellationToken, Task> Call)[]
        {
            ("bytes", ct => AtomicFile.WriteAllBytesAsync(target, new byte[5000], ct)),
            ("text", ct => AtomicFile.WriteAllTextAsync(target, "new", ct)),
            ("lines", ct => AtomicFile.WriteAllLinesAsync(target, new[] { "a", "b" }, ct)),
            ("stream", async ct =>
            {
                await using AtomicFileStream s = AtomicFile.Create(target);
                await s.WriteAsync(new byte[10], ct);
                await s.CommitAsync(ct);
            }),
        };
        foreach (var (name, call) in calls)
        {
            using var cts = new CancellationTokenSource();
            FaultInjection.Hook = step =>
            {
                if (step == FaultStep.Fsync)
                {
                    cts.Cancel();
                }

                return 0;
            };
            try
            {
                Exception? e = await Record.ExceptionAsync(() => call(cts.Token));
                Assert.True(e is OperationCanceledException, name + ": " + (e?.ToString() ?? "no exception"));
            }
            finally
            {
                FaultInjection.Hook = null;
            }

            Assert.Equal("original", File.ReadAllText(target));
            Assert.Empty(_dir.Temps());
        }
    }
}

/// <summary>The async methods are not Task.Run over the sync path; the 64-bit offset reaches libc with the right ABI.</summary>
public sealed class AsyncAndAbiTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_async_write_is_issued_from_the_calling_thread_and_not_handed_whole_to_the_thread_pool()
    {
        // Before the fix every async method was Task.Run(sync write): even the first write ran on a pool thread, which
        // it held for the whole replacement. Now the temp is opened and the data handed to RandomAccess.WriteAsync
        // from the caller; only the commit (fsync, rename) runs on a pool thread.
        var calls = new (string Name, Func<string, Task> Call)[]
        {
            ("bytes", p => AtomicFile.WriteAllBytesAsync(p, new byte[1000])),
            ("text", p => AtomicFile.WriteAllTextAsync(p, "text")),
            ("lines", p => AtomicFile.WriteAllLinesAsync(p, new[] { "a", "b" })),
        };
        foreach (var (name, call) in calls)
        {
            int caller = -1, writer = -2, committer = -3;
            Task? task = null;
            var thread = new Thread(() =>
            {
                caller = Environment.CurrentManagedThreadId;
                FaultInjection.Hook = step =>
                {
                    if (step == FaultStep.Write && writer < 0)
                    {
                        writer = Environment.CurrentManagedThreadId;
                    }
                    else if (step == FaultStep.Fsync)
                    {
                        committer = Environment.CurrentManagedThreadId;
                    }

                    return 0;
                };
                task = call(_dir.File(name));
            });
            thread.Start();
            thread.Join();
            task!.GetAwaiter().GetResult();
            Assert.True(caller == writer, $"{name}: the write was issued on thread {writer}, not on the caller {caller}");
            Assert.NotEqual(caller, committer);
            Assert.True(File.Exists(_dir.File(name)));
        }
    }

    [Fact]
    public void The_netstandard_build_binds_the_64_bit_offset_pwrite_on_32_bit_Linux()
    {
        Assert.Equal("pwrite64", Libc.PWriteSymbol(linux: true, pointerSize: 4));
        Assert.Equal("pwrite", Libc.PWriteSymbol(linux: true, pointerSize: 8));
        Assert.Equal("pwrite", Libc.PWriteSymbol(linux: false, pointerSize: 8));
    }
}
