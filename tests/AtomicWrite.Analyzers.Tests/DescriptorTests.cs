using System;
using System.IO;
using System.Linq;
using AtomicWrite.Analyzers.Rules;
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
        typeof(InPlaceWriteAnalyzer).Assembly.GetTypes()
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

    [Fact]
    public async System.Threading.Tasks.Task Reports_made_at_the_end_of_the_compilation_carry_the_CompilationEnd_tag()
    {
        var diagnostics = await Verify.FixerDiagnosticsAsync(@"using System.IO;

class TokenStore
{
    static void WriteText(string path, string text) => File.WriteAllText(path, text);

    void Save(string json) => WriteText(""tokens.json"", json);
    void Direct(string json) => File.WriteAllText(""settings.json"", json);
}");
        Assert.Equal(3, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            var text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
            var atEnd = diagnostic.Descriptor.CustomTags.Contains(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd);

            // The wrapper's call and its inner write are known only once every body is seen; the direct write is not.
            Assert.Equal(!text.Contains("settings.json", StringComparison.Ordinal), atEnd);
            Assert.Equal(DiagnosticIds.InPlaceWriteToSensitiveFile, diagnostic.Id);
        }

        // The two descriptors of each id differ only in that tag.
        foreach (var (live, end) in new[] { (Descriptors.InPlaceWriteToSensitiveFile, Descriptors.InPlaceWriteToSensitiveFileAtEnd), (Descriptors.InPlaceOverwrite, Descriptors.InPlaceOverwriteAtEnd) })
        {
            Assert.Equal(live.Id, end.Id);
            Assert.Equal(live.MessageFormat.ToString(), end.MessageFormat.ToString());
            Assert.Equal(live.IsEnabledByDefault, end.IsEnabledByDefault);
            Assert.Equal(new[] { Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd }, end.CustomTags.Except(live.CustomTags));
        }
    }

    [Fact]
    public void Every_descriptor_text_comes_from_its_resources_and_reads_as_written()
    {
        var descriptors = Analyzers().SelectMany(a => a.SupportedDiagnostics).ToArray();
        Assert.Equal(7, descriptors.Length);
        foreach (var descriptor in descriptors)
        {
            // A missing resource would give an empty text (or the key), not a sentence.
            foreach (var text in new[] { descriptor.Title, descriptor.MessageFormat, descriptor.Description })
            {
                Assert.IsType<Microsoft.CodeAnalysis.LocalizableResourceString>(text);
                var value = text.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(value.Length > 20, descriptor.Id + ": '" + value + "'");
                Assert.DoesNotContain(descriptor.Id, value, StringComparison.Ordinal);
            }
        }

        Assert.Equal("In-place write to a sensitive file", Descriptors.InPlaceWriteToSensitiveFile.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Hand-rolled atomic replace of '{0}' is not crash-safe: {1}", Descriptors.HandRolledReplaceNotCrashSafe.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("The value 'x' of 'atomic_write.k' is ignored: bad", string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptors.MalformedConfiguration.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), "atomic_write.k", "x", "bad"));
    }

    [Fact]
    public void No_RS1037_suppression_is_left_in_the_analyzers()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "AtomicWrite.Analyzers"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.All(sources, f => Assert.DoesNotContain("RS1037", File.ReadAllText(f), StringComparison.Ordinal));
    }
}
