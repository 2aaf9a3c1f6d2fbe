using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>A fresh directory under the system temp directory, removed (with any mount under it) on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    private readonly List<string> _mounts = new();

    public TempDir(string? under = null)
    {
        Path = System.IO.Path.Combine(under ?? System.IO.Path.GetTempPath(), "aw-tests-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Our temp files (".*.awtmp") left in this directory.</summary>
    public string[] Temps() => Directory.GetFiles(Path, "*.awtmp", SearchOption.AllDirectories);

    /// <summary>Every entry in the directory, for "nothing else was created" checks.</summary>
    public string[] Entries() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    public void MountTmpfs(string dir, string size)
    {
        Directory.CreateDirectory(dir);
        Sh.Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir).EnsureOk();
        _mounts.Add(dir);
    }

    public void BindMount(string source, string target)
    {
        Sh.Run("mount", "--bind", source, target).EnsureOk();
        _mounts.Add(target);
    }

    public void Dispose()
    {
        for (int i = _mounts.Count - 1; i >= 0; i--)
        {
            Sh.Run("umount", "-l", _mounts[i]);
        }

        try
        {
            Sh.Run("chmod", "-R", "u+rwx", Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal sealed record ProcResult(int ExitCode, string Stdout, string Stderr)
{
    public ProcResult EnsureOk()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"exit {ExitCode}: {Stdout} {Stderr}");
        }

        return this;
    }
}

internal static class Sh
{
    public static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    [DllImport("libc")]
    private static extern uint geteuid();

    public static bool Has(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => System.IO.File.Exists(System.IO.Path.Combine(d, tool)));

    public static ProcResult Run(string file, params string[] args) => Run(file, args, TimeSpan.FromSeconds(120));

    public static ProcResult Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(" ", args)} did not finish in {timeout}");
        }

        return new ProcResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);
}

/// <summary>Runs the AtomicWrite.TestWriter child program, optionally under a wrapper (strace, fiu-run, setpriv).</summary>
internal static class Child
{
    /// <summary>The child linked against the net8.0 build of AtomicWrite (copied next to the tests).</summary>
    public static string Dll => System.IO.Path.Combine(AppContext.BaseDirectory, "AtomicWrite.TestWriter.dll");

    /// <summary>The same child linked against the netstandard2.0 build, in its own output directory.</summary>
    public static string NetStandardDll
    {
        get
        {
            // .../tests/AtomicWrite.Tests/bin/<Configuration>/net10.0/ -> .../tests/AtomicWrite.TestWriter.NetStandard/bin/<Configuration>/net10.0/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            string tfm = output.Name;
            string configuration = output.Parent!.Name;
            DirectoryInfo tests = output.Parent!.Parent!.Parent!.Parent!;
            return System.IO.Path.Combine(tests.FullName, "AtomicWrite.TestWriter.NetStandard", "bin", configuration, tfm, "AtomicWrite.TestWriter.NetStandard.dll");
        }
    }

    /// <summary>The child for a build of the library: "net8.0" or "netstandard2.0".</summary>
    public static string DllFor(string build) => build == "netstandard2.0" ? NetStandardDll : Dll;

    public static ProcResult RunBuild(string build, string[] wrapper, params string[] args) => RunDll(DllFor(build), wrapper, args);

    public static string Dotnet => Environment.ProcessPath is { } p && System.IO.Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    public static ProcResult Run(string[] wrapper, params string[] args) => RunDll(Dll, wrapper, args);

    private static ProcResult RunDll(string dll, string[] wrapper, string[] args)
    {
        var all = new List<string>();
        string file;
        if (wrapper.Length > 0)
        {
            file = wrapper[0];
            all.AddRange(wrapper.Skip(1));
            all.Add(Dotnet);
        }
        else
        {
            file = Dotnet;
        }

        Assert.True(System.IO.File.Exists(dll), "child program not built: " + dll);
        all.Add(dll);
        all.AddRange(args);
        return Sh.Run(file, all, TimeSpan.FromSeconds(120));
    }

    public static Process Start(params string[] args) => StartWith(Array.Empty<string>(), args);

    /// <summary>Starts the child through <paramref name="wrapper"/> (a command and its arguments, run before dotnet).</summary>
    public static Process StartWith(string[] wrapper, params string[] args)
    {
        var psi = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : Dotnet) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        if (wrapper.Length > 0)
        {
            foreach (string w in wrapper.Skip(1))
            {
                psi.ArgumentList.Add(w);
            }

            psi.ArgumentList.Add(Dotnet);
        }

        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    /// <summary>Reads lines until one equals <paramref name="expected"/>.</summary>
    public static void WaitFor(Process p, string expected)
    {
        var task = p.StandardOutput.ReadLineAsync();
        if (!task.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("child did not print " + expected);
        }

        if (task.Result != expected)
        {
            throw new InvalidOperationException($"child printed '{task.Result}' instead of '{expected}': {p.StandardError.ReadToEnd()}");
        }
    }
}

internal static class Unix
{
    public static int Mode(string path) => (int)System.IO.File.GetUnixFileMode(path);

    public static string Octal(int mode) => Convert.ToString(mode, 8);

    public static void Chmod(string path, int mode) => System.IO.File.SetUnixFileMode(path, (UnixFileMode)mode);

    public static int Umask()
    {
        foreach (string line in System.IO.File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Umask:", StringComparison.Ordinal))
            {
                return Convert.ToInt32(line.Substring(6).Trim(), 8);
            }
        }

        throw new InvalidOperationException("no Umask line");
    }

    /// <summary>Owner and group through stat(1), independent of the code under test.</summary>
    public static (int Uid, int Gid) Owner(string path)
    {
        string[] parts = Sh.Run("stat", "-c", "%u %g", path).EnsureOk().Stdout.Trim().Split(' ');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }
}

internal static class TempAge
{
    /// <summary>Makes a file (or a link itself) older than the sweeper's minimum age.</summary>
    public static void Backdate(string path) => Sh.Run("touch", "-h", "-d", "3 hours ago", path).EnsureOk();
}
