using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>Every descriptor in the analyzer assembly is documented where its helpLinkUri points.</summary>
public class DescriptorTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtomicWriteAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AtomicWriteAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }

    private static DiagnosticAnalyzer[] Analyzers() =>
        typeof(InPlaceWriteToSensitiveFileAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    [Fact]
    public void Every_descriptor_has_a_help_link_to_an_existing_rule_page()
    {
        var root = RepositoryRoot();
        var descriptors = Analyzers().SelectMany(a => a.SupportedDiagnostics).ToArray();
        Assert.Contains(descriptors, d => d.Id == DiagnosticIds.InPlaceWriteToSensitiveFile);
        Assert.Contains(descriptors, d => d.Id == DiagnosticIds.InPlaceOverwrite);
        Assert.Contains(descriptors, d => d.Id == DiagnosticIds.MalformedConfiguration);
        foreach (var descriptor in descriptors)
        {
            Assert.Equal("https://github.com/atomicwrite/AtomicWriteAnalyzers/blob/main/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "rules", descriptor.Id + ".md")), "missing docs/rules/" + descriptor.Id + ".md");
            Assert.Equal("AtomicWrite", descriptor.Category);
        }
    }

    [Fact]
    public void Release_tracking_lists_every_rule()
    {
        var root = RepositoryRoot();
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "AtomicWrite.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(root, "src", "AtomicWrite.Analyzers", "AnalyzerReleases.Shipped.md"));
        foreach (var descriptor in Analyzers().SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.True(unshipped.Contains(descriptor.Id + " ", StringComparison.Ordinal) || shipped.Contains(descriptor.Id + " ", StringComparison.Ordinal), descriptor.Id);
        }
    }

    [Fact]
    public void Severities_and_defaults_match_the_design()
    {
        var byId = Analyzers().SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        Assert.True(byId["AW0001"].IsEnabledByDefault);
        Assert.False(byId["AW0003"].IsEnabledByDefault);
        Assert.True(byId["AW0005"].IsEnabledByDefault);
        Assert.All(new[] { "AW0001", "AW0003", "AW0005" }, id => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, byId[id].DefaultSeverity));
    }
}
