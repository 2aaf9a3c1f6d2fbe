using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AtomicWrite.CorpusEval;

/// <summary>
/// The source generators that ship in the .NET 8 reference pack (analyzers/dotnet/cs of Microsoft.NETCore.App.Ref),
/// the ones every net8.0 build runs.
/// </summary>
internal static class Generators
{
    public static ImmutableArray<ISourceGenerator> Load(out string note)
    {
        var dir = FindPackAnalyzers();
        if (dir is null)
        {
            note = "Microsoft.NETCore.App.Ref 8.x analyzers not found; no generators run";
            return ImmutableArray<ISourceGenerator>.Empty;
        }

        var loader = new Loader();
        var generators = new List<ISourceGenerator>();
        var names = new List<string>();
        foreach (var dll in Directory.EnumerateFiles(dir, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(dll, loader);
            var found = reference.GetGenerators(LanguageNames.CSharp);
            if (found.Length > 0)
            {
                generators.AddRange(found);
                names.Add(Path.GetFileNameWithoutExtension(dll));
            }
        }

        note = $"{dir}: {string.Join(", ", names)}";
        return generators.ToImmutableArray();
    }

    private static string? FindPackAnalyzers()
    {
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var candidates = new List<string>();
        var pack = Path.Combine(nugetRoot, "microsoft.netcore.app.ref");
        if (Directory.Exists(pack))
        {
            candidates.AddRange(Directory.EnumerateDirectories(pack, "8.*"));
        }

        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet";
        var sdkPack = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (Directory.Exists(sdkPack))
        {
            candidates.AddRange(Directory.EnumerateDirectories(sdkPack, "8.*"));
        }

        return candidates
            .Select(c => Path.Combine(c, "analyzers", "dotnet", "cs"))
            .Where(Directory.Exists)
            .OrderByDescending(c => c, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
