using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.CorpusEval;

/// <summary>
/// Builds one ad-hoc <see cref="CSharpCompilation"/> of every .cs file of an extracted source tree
/// (outside obj/ and bin/), against the .NET 8 reference assemblies plus a few common packages.
/// Nothing is emitted: the compilation only feeds the analyzers.
/// </summary>
internal static class TreeCompiler
{
    /// <summary>What the .NET SDK defines for a net8.0 build in Release (no DEBUG).</summary>
    public static readonly string[] BaseSymbols =
    {
        "TRACE", "RELEASE", "NET", "NETCOREAPP", "NET8_0",
        "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP1_1_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER",
        "NETCOREAPP2_2_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER",
        "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER",
    };

    /// <summary>The global usings the SDK generates for Microsoft.NET.Sdk projects with ImplicitUsings on.</summary>
    private const string ImplicitUsings =
        "global using global::System;\n" +
        "global using global::System.Collections.Generic;\n" +
        "global using global::System.IO;\n" +
        "global using global::System.Linq;\n" +
        "global using global::System.Net.Http;\n" +
        "global using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\n";

    private static readonly Regex WindowsTarget = new(
        @"-windows|<UseWindowsForms>\s*true|<UseWPF>\s*true|<TargetFrameworkVersion>\s*v[1-4]\.|<TargetFrameworks?>[^<]*\bnet4\d",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex ImplicitUsingsOn = new(
        @"<ImplicitUsings>\s*(enable|true)\s*</ImplicitUsings>", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    public sealed record Result(
        CSharpCompilation Compilation,
        int FileCount,
        IReadOnlyList<string> Symbols,
        bool ImplicitUsingsAdded,
        TimeSpan ParseTime,
        int GeneratedFiles,
        IReadOnlyList<string> GeneratorErrors);

    public static IEnumerable<string> SourceFiles(string treeDir)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(treeDir);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (name.Equals("obj", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("bin", StringComparison.OrdinalIgnoreCase)
                    || name.Equals(".git", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                pending.Push(sub);
            }

            files.AddRange(Directory.EnumerateFiles(dir, "*.cs"));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static Result Compile(
        string treeDir,
        IReadOnlyList<MetadataReference> references,
        IEnumerable<string> extraSymbols,
        IEnumerable<KeyValuePair<string, ReportDiagnostic>> diagnosticOptions,
        ImmutableArray<ISourceGenerator> generators,
        int threads,
        NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        var projectFiles = Directory.EnumerateFiles(treeDir, "*.*proj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(treeDir, "*.props", SearchOption.AllDirectories))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .Select(p => { try { return File.ReadAllText(p); } catch (IOException) { return string.Empty; } })
            .ToList();

        var symbols = new List<string>(BaseSymbols);
        if (projectFiles.Any(t => WindowsTarget.IsMatch(t)))
        {
            symbols.Add("WINDOWS");
        }

        symbols.AddRange(extraSymbols);
        bool implicitUsings = projectFiles.Any(t => ImplicitUsingsOn.IsMatch(t));

        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Regular, symbols);
        if (nullable == NullableContextOptions.Disable)
        {
            // Off means off: files with their own #nullable enable are not analysed either (the fallback after the
            // compiler's nullability rewriter crashed, which it also does under such a directive).
            parseOptions = parseOptions.WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });
        }

        var files = SourceFiles(treeDir).ToList();
        var trees = new SyntaxTree[files.Count];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            SourceText text;
            using (var stream = File.OpenRead(files[i]))
            {
                text = SourceText.From(stream, encoding: null, checksumAlgorithm: SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false);
            }

            trees[i] = CSharpSyntaxTree.ParseText(text, parseOptions, files[i]);
        });
        sw.Stop();

        var allTrees = trees.ToList();
        if (implicitUsings)
        {
            allTrees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, Path.Combine(treeDir, "obj", "CorpusEval.GlobalUsings.g.cs")));
        }

        var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                concurrentBuild: threads > 1,
                nullableContextOptions: nullable)
            .WithSpecificDiagnosticOptions(diagnosticOptions);

        var compilation = CSharpCompilation.Create(
            Path.GetFileName(treeDir.TrimEnd('/')),
            allTrees,
            references,
            options);

        // The SDK's own source generators (System.Text.Json, Regex, LibraryImport) run in a real build; without
        // them, calls that take a generated JsonTypeInfo or JsonSerializerContext do not bind.
        int generated = 0;
        var generatorErrors = new List<string>();
        if (!generators.IsEmpty)
        {
            var driver = CSharpGeneratorDriver.Create(generators, parseOptions: parseOptions);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var generatorDiagnostics);
            generated = withGenerated.SyntaxTrees.Count() - compilation.SyntaxTrees.Count();
            generatorErrors.AddRange(generatorDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "CS8784" or "CS8785")
                .Select(d => d.Id + ": " + d.GetMessage())
                .Distinct()
                .Take(10));
            compilation = (CSharpCompilation)withGenerated;
        }

        return new Result(compilation, files.Count, symbols, implicitUsings, sw.Elapsed, generated, generatorErrors);
    }
}
