using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using AtomicWrite.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

/// <summary>
/// Applies the AW0001 fix, or the AW0002 fix (every diagnostic, one after another) to a program, compiles the original and the fixed
/// program against the real AtomicWrite.dll, runs both (a static <c>Program.Run(string dir)</c>) in directories of their
/// own, and requires every file they leave to be byte for byte the same.
/// </summary>
internal static class FixedProgram
{
    public static async Task<string> FixAsync(string source, string? equivalenceKey = null)
    {
        bool aw0002 = equivalenceKey == HandRolledReplaceFixer.EquivalenceKey;
        DiagnosticAnalyzer analyzer = aw0002 ? new HandRolledReplaceAnalyzer() : new InPlaceWriteAnalyzer();
        CodeFixProvider fixer = aw0002 ? new HandRolledReplaceFixer() : new InPlaceWriteFixer();
        var id = aw0002 ? DiagnosticIds.HandRolledReplaceNotCrashSafe : DiagnosticIds.InPlaceWriteToSensitiveFile;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Program", "Program", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References()));
        var document = workspace.AddDocument(project.Id, "Program.cs", SourceText.From(source));
        for (int round = 0; round < 10; round++)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync())
                .Where(d => d.Id == id).ToList();
            CodeAction? action = null;
            foreach (var diagnostic in diagnostics)
            {
                var context = new CodeFixContext(document, diagnostic, (a, _) => action ??= a, CancellationToken.None);
                await fixer.RegisterCodeFixesAsync(context);
                if (action != null)
                {
                    break;
                }
            }

            if (action is null)
            {
                Assert.True(round > 0, "no fix was offered");
                return (await document.GetTextAsync()).ToString();
            }

            var operation = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
            document = operation.ChangedSolution.GetDocument(document.Id)!;
        }

        throw new InvalidOperationException("the fix did not converge");
    }

    /// <summary>
    /// The source of a program whose <c>Program.Run(string dir)</c> is <paramref name="body"/>, importing System.IO,
    /// System.Text and <paramref name="usings"/>.
    /// </summary>
    public static string WithRunBody(string body, params string[] usings) =>
        string.Concat(new[] { "System.IO", "System.Text" }.Concat(usings).Select(u => "using " + u + ";\n"))
        + "\npublic static class Program\n{\n    public static void Run(string dir)\n    {\n        " + body + "\n    }\n}\n";

    /// <summary>Runs both programs and compares their output files; returns the fixed source.</summary>
    public static async Task<string> RunBothAndCompareAsync(string source, string? equivalenceKey = null)
    {
        var fixedSource = await FixAsync(source, equivalenceKey);
        Assert.NotEqual(source, fixedSource);
        var root = Directory.CreateTempSubdirectory("aw-fixed-program-").FullName;
        try
        {
            var before = Path.Combine(root, "before");
            var after = Path.Combine(root, "after");
            Directory.CreateDirectory(before);
            Directory.CreateDirectory(after);
            Run(source, before);
            Run(fixedSource, after);
            var beforeFiles = Directory.GetFiles(before).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var afterFiles = Directory.GetFiles(after).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(beforeFiles);
            Assert.Equal(beforeFiles, afterFiles);
            foreach (var name in beforeFiles)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(before, name!)), File.ReadAllBytes(Path.Combine(after, name!)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        return fixedSource;
    }

    private static void Run(string source, string dir)
    {
        var compilation = CSharpCompilation.Create(
            "P" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
        image.Position = 0;
        var context = new AssemblyLoadContext("fixed-program", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            var run = assembly.GetType("Program")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            var result = run.Invoke(null, new object[] { dir });
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static List<MetadataReference> References()
    {
        var references = Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToList();
        references.Add(Verify.Runtime);
        references.Add(Verify.NewtonsoftJson);
        return references;
    }
}
