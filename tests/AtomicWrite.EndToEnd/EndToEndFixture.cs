using System.Xml.Linq;
using Xunit;

namespace AtomicWrite.EndToEnd;

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end-to-end (one pack shared by all)";
}

/// <summary>
/// Packs the solution once into a fresh temp folder with a version no earlier run used, so no package cache can
/// hand the tests a stale build, and writes a nuget.config beside it that adds that folder as a package source
/// (the registry configured for the machine stays in place for everything else).
/// Every project the tests create lives under <see cref="Root"/> and so sees that nuget.config.
/// </summary>
public sealed class EndToEndFixture : IDisposable
{
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    public const string CSharpLsVersion = "0.28.0";

    private readonly object _gate = new();
    private string? _csharpLs;

    public EndToEndFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "aw-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        // SemVer 2 forbids leading zeros in numeric pre-release identifiers, and NuGet's restore fails without an
        // error message on such a version ("RestoreTask returned false"): the random part is 10000-99999, never "0…".
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(10000, 100000)}";
        PackageDirectory = Path.Combine(Root, "packages");

        // The README's pack command. --artifacts-path keeps this build's obj and bin (restore results stamped with the
        // test version included) out of the repository, where other test projects may be building at the same time.
        string[] pack =
        [
            "pack", Repo.PathOf("AtomicWriteAnalyzers.sln"), "-c", "Release", "-o", PackageDirectory,
            "--artifacts-path", Path.Combine(Root, "artifacts"), "-p:Version=" + Version,
            "-nodeReuse:false", "--nologo", "-v", "minimal",
        ];
        Pack = ProcessRunner.Dotnet(Repo.Root, PackTimeout, pack);
        if (Pack.ExitCode != 0)
        {
            // One retry, for a failure outside this project (the package cache or the feed being busy).
            var first = Pack;
            Pack = ProcessRunner.Dotnet(Repo.Root, PackTimeout, pack);
            if (Pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed twice\n" + first + "\n" + Pack);
            }
        }

        new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("add", new XAttribute("key", "atomicwrite-e2e"), new XAttribute("value", PackageDirectory)))))
            .Save(Path.Combine(Root, "nuget.config"));
    }

    /// <summary>The temp folder holding the packages, nuget.config and every project the tests make.</summary>
    public string Root { get; }

    /// <summary>The version both packages were packed with.</summary>
    public string Version { get; }

    public string PackageDirectory { get; }

    public ProcessResult Pack { get; }

    /// <summary>A new, empty directory under <see cref="Root"/>.</summary>
    public string NewDirectory(string name)
    {
        string dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// The csharp-ls executable, version 0.28.0: installed by `dotnet tool install --tool-path`, into the folder named by
    /// AW_CSHARP_LS_TOOL_PATH when CI pre-installed it there, else into a folder of this run.
    /// </summary>
    public string CSharpLs()
    {
        lock (_gate)
        {
            if (_csharpLs is not null)
            {
                return _csharpLs;
            }

            string toolPath = Environment.GetEnvironmentVariable("AW_CSHARP_LS_TOOL_PATH") is { Length: > 0 } pre
                ? pre
                : Path.Combine(Root, "tools");
            string exe = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
            bool installed = File.Exists(exe)
                && ProcessRunner.Dotnet(Root, TimeSpan.FromMinutes(1), "tool", "list", "--tool-path", toolPath)
                    .StdOut.Contains(CSharpLsVersion, StringComparison.Ordinal);
            if (!installed)
            {
                // Installed from a folder without this run's nuget.config, so only the machine's registry is asked.
                string neutral = Path.Combine(Path.GetTempPath(), "aw-e2e-tool-install-" + Guid.NewGuid().ToString("N")[..6]);
                Directory.CreateDirectory(neutral);
                var install = ProcessRunner.Dotnet(neutral, TimeSpan.FromMinutes(5),
                    "tool", "install", "--tool-path", toolPath, "csharp-ls", "--version", CSharpLsVersion);
                Directory.Delete(neutral, recursive: true);
                if (install.ExitCode != 0 || !File.Exists(exe))
                {
                    throw new InvalidOperationException("could not install csharp-ls " + CSharpLsVersion + "\n" + install);
                }
            }

            return _csharpLs = exe;
        }
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("AW_E2E_KEEP") == "1")
        {
            return;
        }

        // The test version is unique to this run: drop its copies from the global package cache too.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "atomicwrite", "atomicwriteanalyzers" })
        {
            TryDelete(Path.Combine(cache, id, Version.ToLowerInvariant()));
        }

        TryDelete(Root);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
