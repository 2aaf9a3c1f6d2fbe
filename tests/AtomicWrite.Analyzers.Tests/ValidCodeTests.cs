using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>
/// The sources of tests/AtomicWrite.ValidCode stay silent for AW0001 and AW0005, and they do exercise sinks
/// (AW0003 finds overwrites in them), so the project's clean build means something.
/// </summary>
public class ValidCodeTests
{
    private static string[] Sources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "tests", "AtomicWrite.ValidCode");
            if (File.Exists(Path.Combine(dir.FullName, "AtomicWriteAnalyzers.sln")) && Directory.Exists(project))
            {
                return Directory.GetFiles(project, "*.cs", SearchOption.TopDirectoryOnly).Select(File.ReadAllText).ToArray();
            }
        }

        throw new InvalidOperationException("tests/AtomicWrite.ValidCode not found");
    }

    [Fact]
    public async Task Valid_code_has_no_AW0001_and_does_contain_overwrites()
    {
        var sources = Sources();
        Assert.True(sources.Length >= 3);
        var usings = "global using System;\nglobal using System.Net.Http;\n";
        var diagnostics = await Verify.DiagnosticsAsync(usings, "dotnet_diagnostic.AW0003.severity = warning", sources);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AW0001" || d.Id == "AW0005");
        Assert.True(diagnostics.Count(d => d.Id == "AW0003") >= 8, string.Join("\n", diagnostics));
    }
}
