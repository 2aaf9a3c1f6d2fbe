using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace AtomicWrite.EndToEnd;

/// <summary>Step 1: `dotnet pack AtomicWriteAnalyzers.sln` makes exactly the two packages, with exactly these files.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageContentTests
{
    private readonly EndToEndFixture _fx;

    public PackageContentTests(EndToEndFixture fx) => _fx = fx;

    [Fact]
    public void Packing_the_solution_makes_exactly_the_runtime_and_the_analyzer_package()
    {
        var files = Directory.GetFiles(_fx.PackageDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            new[]
            {
                $"AtomicWrite.{_fx.Version}.nupkg",
                $"AtomicWrite.{_fx.Version}.snupkg",
                $"AtomicWriteAnalyzers.{_fx.Version}.nupkg",
            },
            files);
    }

    [Fact]
    public void The_runtime_package_holds_both_libraries_with_XML_docs_and_its_README()
    {
        Assert.Equal(
            new[]
            {
                "AtomicWrite.nuspec",
                "README.md",
                "[Content_Types].xml",
                "_rels/.rels",
                "lib/net8.0/AtomicWrite.dll",
                "lib/net8.0/AtomicWrite.xml",
                "lib/netstandard2.0/AtomicWrite.dll",
                "lib/netstandard2.0/AtomicWrite.xml",
                "package/services/metadata/core-properties/*.psmdcp",
            },
            Entries($"AtomicWrite.{_fx.Version}.nupkg"));

        var nuspec = Nuspec($"AtomicWrite.{_fx.Version}.nupkg");
        Assert.Equal("AtomicWrite", Meta(nuspec, "id"));
        Assert.Equal(_fx.Version, Meta(nuspec, "version"));
        Assert.Equal("MIT", Meta(nuspec, "license"));
        Assert.Equal("README.md", Meta(nuspec, "readme"));
        Assert.Equal("https://github.com/atomicwrite/AtomicWriteAnalyzers", nuspec.Descendants(Ns(nuspec) + "repository").Single().Attribute("url")?.Value);
        // The net8.0 build needs nothing. netstandard2.0 brings the polyfills it compiles against (ArrayPool, Span and
        // Memory), each at the first stable version with a netstandard2.0 asset, so that no project that pins an
        // older polyfill is forced to upgrade.
        var groups = nuspec.Descendants(Ns(nuspec) + "group").ToDictionary(g => g.Attribute("targetFramework")!.Value);
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(groups["net8.0"].Elements());
        Assert.Equal(
            new[] { "System.Buffers 4.4.0", "System.Memory 4.5.0" },
            groups[".NETStandard2.0"].Elements().Select(d => d.Attribute("id")?.Value + " " + d.Attribute("version")?.Value).Order(StringComparer.Ordinal));

        // The XML docs are the compiler's, for the runtime's own assembly.
        using var zip = ZipFile.OpenRead(Path.Combine(_fx.PackageDirectory, $"AtomicWrite.{_fx.Version}.nupkg"));
        using var xml = zip.GetEntry("lib/net8.0/AtomicWrite.xml")!.Open();
        Assert.Equal("AtomicWrite", XDocument.Load(xml).Root!.Element("assembly")!.Element("name")!.Value);
    }

    [Fact]
    public void The_symbol_package_holds_the_PDBs()
    {
        Assert.Equal(
            new[]
            {
                "AtomicWrite.nuspec",
                "[Content_Types].xml",
                "_rels/.rels",
                "lib/net8.0/AtomicWrite.pdb",
                "lib/netstandard2.0/AtomicWrite.pdb",
                "package/services/metadata/core-properties/*.psmdcp",
            },
            Entries($"AtomicWrite.{_fx.Version}.snupkg"));
    }

    [Fact]
    public void The_analyzer_package_holds_analyzers_fixes_presets_and_README_and_depends_on_the_runtime()
    {
        Assert.Equal(
            new[]
            {
                "AtomicWriteAnalyzers.nuspec",
                "README.md",
                "[Content_Types].xml",
                "_rels/.rels",
                "analyzers/dotnet/cs/AtomicWrite.Analyzers.dll",
                "analyzers/dotnet/cs/AtomicWrite.CodeFixes.dll",
                "buildTransitive/AtomicWrite.All.globalconfig",
                "buildTransitive/AtomicWrite.Strict.globalconfig",
                "buildTransitive/AtomicWriteAnalyzers.targets",
                "package/services/metadata/core-properties/*.psmdcp",
            },
            Entries($"AtomicWriteAnalyzers.{_fx.Version}.nupkg"));

        var nuspec = Nuspec($"AtomicWriteAnalyzers.{_fx.Version}.nupkg");
        var ns = Ns(nuspec);
        Assert.Equal("AtomicWriteAnalyzers", Meta(nuspec, "id"));
        Assert.Equal("MIT", Meta(nuspec, "license"));
        Assert.Equal("expression", nuspec.Descendants(ns + "license").Single().Attribute("type")?.Value);
        Assert.Equal("README.md", Meta(nuspec, "readme"));
        Assert.Equal("https://github.com/atomicwrite/AtomicWriteAnalyzers", nuspec.Descendants(ns + "repository").Single().Attribute("url")?.Value);
        // A development dependency would hide the runtime's compile assets from the project, and the fixed code would not compile.
        Assert.NotEqual("true", Meta(nuspec, "developmentDependency"));

        var dependency = Assert.Single(nuspec.Descendants(ns + "dependency"));
        Assert.Equal("AtomicWrite", dependency.Attribute("id")?.Value);
        Assert.Equal(_fx.Version, dependency.Attribute("version")?.Value);
        // Only the runtime's build and analyzer assets are excluded; its compile and runtime assets flow.
        string exclude = dependency.Attribute("exclude")?.Value ?? "";
        Assert.DoesNotContain("Compile", exclude, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Runtime", exclude, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_packed_assemblies_are_release_builds_of_this_version()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_fx.PackageDirectory, $"AtomicWriteAnalyzers.{_fx.Version}.nupkg"));
        foreach (string name in new[] { "AtomicWrite.Analyzers.dll", "AtomicWrite.CodeFixes.dll" })
        {
            using var entry = zip.GetEntry("analyzers/dotnet/cs/" + name)!.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            copy.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            string informational = md.GetAssemblyDefinition().GetCustomAttributes()
                .Select(h => md.GetCustomAttribute(h))
                .Where(a => AttributeName(md, a) == "AssemblyInformationalVersionAttribute")
                .Select(a => System.Text.Encoding.UTF8.GetString(md.GetBlobBytes(a.Value)))
                .Single();
            Assert.Contains(_fx.Version, informational);
            // A deterministic build marks itself reproducible (its PE timestamp is a content hash, not the clock).
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.Reproducible);
        }
    }

    private static string AttributeName(System.Reflection.Metadata.MetadataReader md, System.Reflection.Metadata.CustomAttribute a)
    {
        var ctor = a.Constructor;
        if (ctor.Kind == System.Reflection.Metadata.HandleKind.MemberReference)
        {
            var parent = md.GetMemberReference((System.Reflection.Metadata.MemberReferenceHandle)ctor).Parent;
            if (parent.Kind == System.Reflection.Metadata.HandleKind.TypeReference)
            {
                return md.GetString(md.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)parent).Name);
            }
        }

        return "";
    }

    private string[] Entries(string package)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_fx.PackageDirectory, package));
        return zip.Entries
            .Select(e => Regex.Replace(e.FullName, @"^package/services/metadata/core-properties/[^/]+\.psmdcp$", "package/services/metadata/core-properties/*.psmdcp"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private XDocument Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_fx.PackageDirectory, package));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var s = entry.Open();
        return XDocument.Load(s);
    }

    private static XNamespace Ns(XDocument nuspec) => nuspec.Root!.Name.Namespace;

    private static string? Meta(XDocument nuspec, string name) =>
        nuspec.Root!.Element(Ns(nuspec) + "metadata")!.Element(Ns(nuspec) + name)?.Value;
}
