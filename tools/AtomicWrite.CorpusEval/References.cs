using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AtomicWrite.CorpusEval;

/// <summary>The metadata references of every ad-hoc compilation.</summary>
internal static class References
{
    public static IReadOnlyList<MetadataReference> Build(IEnumerable<string> extraDirs, out List<string> notes)
    {
        notes = new List<string>();
        var byName = new Dictionary<string, MetadataReference>(StringComparer.OrdinalIgnoreCase);

        // The .NET 8 reference assemblies (Microsoft.NETCore.App), offline.
        foreach (var r in Basic.Reference.Assemblies.Net80.References.All)
        {
            byName[r.Display ?? Guid.NewGuid().ToString()] = r;
        }

        notes.Add($"Basic.Reference.Assemblies.Net80: {byName.Count} assemblies");

        // Common packages of the corpus, restored with this tool and copied next to it.
        var baseDir = AppContext.BaseDirectory;
        var packageDlls = Directory.EnumerateFiles(baseDir, "*.dll")
            .Where(p =>
            {
                var n = Path.GetFileName(p);
                return n.StartsWith("Newtonsoft.Json", StringComparison.OrdinalIgnoreCase)
                    || n.StartsWith("System.IO.Abstractions", StringComparison.OrdinalIgnoreCase)
                    || n.StartsWith("TestableIO.System.IO.Abstractions", StringComparison.OrdinalIgnoreCase)
                    || n.StartsWith("Testably.Abstractions", StringComparison.OrdinalIgnoreCase);
            })
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        foreach (var p in packageDlls)
        {
            byName[Path.GetFileName(p)] = MetadataReference.CreateFromFile(p);
        }

        notes.Add("packages: " + string.Join(", ", packageDlls.Select(Path.GetFileName)));

        // The ASP.NET Core 8 reference pack (Microsoft.Extensions.*, ASP.NET Core), if the NuGet cache
        // or the SDK has one: it binds jellyfin's hosting, logging and options types.
        var aspnet = FindAspNetCoreRefPack();
        if (aspnet is not null)
        {
            int n = AddDir(aspnet, byName);
            notes.Add($"ASP.NET Core reference pack: {aspnet} ({n} assemblies)");
        }
        else
        {
            notes.Add("ASP.NET Core reference pack: not found (skipped)");
        }

        foreach (var dir in extraDirs)
        {
            int n = AddDir(dir, byName);
            notes.Add($"--ref-dir {dir}: {n} assemblies");
        }

        return byName.Values.ToList();
    }

    private static int AddDir(string dir, Dictionary<string, MetadataReference> byName)
    {
        int n = 0;
        foreach (var p in Directory.EnumerateFiles(dir, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(p);
            if (byName.Keys.Any(k => Path.GetFileName(k).Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            byName[name] = MetadataReference.CreateFromFile(p);
            n++;
        }

        return n;
    }

    private static string? FindAspNetCoreRefPack()
    {
        var candidates = new List<string>();
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packDir = Path.Combine(nugetRoot, "microsoft.aspnetcore.app.ref");
        if (Directory.Exists(packDir))
        {
            candidates.AddRange(Directory.EnumerateDirectories(packDir, "8.*").Select(v => Path.Combine(v, "ref", "net8.0")));
        }

        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet";
        var sdkPack = Path.Combine(dotnetRoot, "packs", "Microsoft.AspNetCore.App.Ref");
        if (Directory.Exists(sdkPack))
        {
            candidates.AddRange(Directory.EnumerateDirectories(sdkPack, "8.*").Select(v => Path.Combine(v, "ref", "net8.0")));
        }

        return candidates.Where(Directory.Exists).OrderByDescending(c => c, StringComparer.Ordinal).FirstOrDefault();
    }
}
