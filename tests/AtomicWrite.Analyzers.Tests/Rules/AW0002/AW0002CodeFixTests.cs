using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using AtomicWrite.Analyzers.Tests;
using AtomicWrite.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

public class AW0002CodeFixTests
{
    /// <summary>
    /// The real AW0002 analyzer and fixer, offline references plus the built AtomicWrite runtime. The framework fails the
    /// test if the fixed code does not compile or still has an AW0002 diagnostic.
    /// </summary>
    private sealed class Test : CSharpCodeFixTest<HandRolledReplaceAnalyzer, HandRolledReplaceFixer, DefaultVerifier>
    {
        public Test(bool withRuntime = true)
        {
            ReferenceAssemblies = new ReferenceAssemblies(string.Empty);
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            if (withRuntime)
            {
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(AtomicWrite.AtomicFile).Assembly.Location));
            }
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);
    }

    private static Task FixAsync(string source, string fixedSource)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.TestState.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync(CancellationToken.None);
    }

    private static Task NoFixAsync(string source, bool withRuntime = true)
    {
        var test = new Test(withRuntime) { TestCode = source, FixedCode = source };
        test.TestState.ExpectedDiagnostics.Add(Expected());
        test.FixedState.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>AW0002 on markup 0 (the write of the temp) with markup 1 (the replace) as its additional location.</summary>
    private static DiagnosticResult Expected()
        => new DiagnosticResult("AW0002", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithMessage(null);

    [Fact]
    public async Task WriteAllTextThenMove_BecomesAtomicFileWriteAllText()
    {
        await FixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#1:File.Move(tmp, path, true)|};
    }
}", @"
using System.IO;
using AtomicWrite;

class Store
{
    public void Save(string path, string json)
    {
        AtomicFile.WriteAllText(path, json);
    }
}");
    }

    [Fact]
    public async Task WriteAllBytes_DeleteThenMove_KeepsEncodinglessArguments()
    {
        await FixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, byte[] bytes)
    {
        string tmp = path + "".new"";
        {|#0:File.WriteAllBytes(tmp, bytes)|};
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        {|#1:File.Move(tmp, path)|};
    }
}", @"
using System.IO;
using AtomicWrite;

class Store
{
    public void Save(string path, byte[] bytes)
    {
        AtomicFile.WriteAllBytes(path, bytes);
    }
}");
    }

    [Fact]
    public async Task EncodingArgument_IsKept_AndExistingUsingReused()
    {
        await FixAsync(@"
using System.IO;
using System.Text;
using AtomicWrite;

class Store
{
    private string FilePath { get; } = ""settings.json"";

    public void Save(string text)
    {
        var temp = FilePath + "".tmp"";
        {|#0:File.WriteAllText(temp, text, Encoding.UTF8)|};
        {|#1:File.Replace(temp, FilePath, null)|};
    }
}", @"
using System.IO;
using System.Text;
using AtomicWrite;

class Store
{
    private string FilePath { get; } = ""settings.json"";

    public void Save(string text)
    {
        AtomicFile.WriteAllText(FilePath, text, Encoding.UTF8);
    }
}");
    }

    [Fact]
    public async Task AsyncWrite_StaysAwaited()
    {
        await FixAsync(@"
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

class Store
{
    public async Task SaveAsync(string path, IEnumerable<string> lines)
    {
        var tmp = path + "".tmp"";
        await {|#0:File.WriteAllLinesAsync(tmp, lines)|};
        File.Delete(path);
        {|#1:File.Move(tmp, path)|};
    }
}", @"
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class Store
{
    public async Task SaveAsync(string path, IEnumerable<string> lines)
    {
        await AtomicFile.WriteAllLinesAsync(path, lines);
    }
}");
    }

    [Fact]
    public async Task AsyncWrite_WithConfigureAwait_AndMoveWithOverwrite_KeepsConfigureAwait()
    {
        await FixAsync(@"
using System.IO;
using System.Threading.Tasks;

class Store
{
    public async Task SaveAsync(string path, string json)
    {
        string newFilePath = $""{path}.new"";

        await {|#0:File.WriteAllTextAsync(newFilePath, json)|}.ConfigureAwait(false);

        {|#1:File.Move(newFilePath, path, true)|};
    }
}", @"
using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class Store
{
    public async Task SaveAsync(string path, string json)
    {
        await AtomicFile.WriteAllTextAsync(path, json).ConfigureAwait(false);
    }
}");
    }

    [Fact]
    public async Task AsyncWrite_WithConfigureAwait_WritesTheSameBytes()
    {
        var fixedSource = await FixedProgram.RunBothAndCompareAsync(@"using System.IO;
using System.Text;
using System.Threading.Tasks;

public static class Program
{
    public static async Task Run(string dir)
    {
        var path = Path.Combine(dir, ""state.json"");
        File.WriteAllText(path, new string('o', 5000));
        string newFilePath = $""{path}.new"";
        await File.WriteAllTextAsync(newFilePath, ""{ \""k\"": \""välue €\"" }"", new UTF8Encoding(true)).ConfigureAwait(false);
        File.Move(newFilePath, path, true);
    }
}", HandRolledReplaceFixer.EquivalenceKey);
        Assert.Contains("await AtomicFile.WriteAllTextAsync(path, ", fixedSource);
        Assert.Contains(".ConfigureAwait(false);", fixedSource);
    }

    [Fact]
    public async Task WriterTemp_ThenReplace_WritesTheTargetThroughAnAtomicWriter()
    {
        await FixAsync(@"
using System.IO;
using System.Text;
using System.Threading.Tasks;

class Store
{
    async Task SaveAsync(string file, string content)
    {
        var backupFileName = $""{file}.bak"";

        using (var streamWriter = {|#0:new StreamWriter(backupFileName, false, Encoding.Unicode)|})
        {
            await streamWriter.WriteAsync(content);
            await streamWriter.FlushAsync();
        }

        {|#1:File.Replace(backupFileName, file, null)|};
    }
}", @"
using System.IO;
using System.Text;
using System.Threading.Tasks;
using AtomicWrite;

class Store
{
    async Task SaveAsync(string file, string content)
    {
        using (var streamWriter = AtomicFile.CreateText(file, Encoding.Unicode))
        {
            await streamWriter.WriteAsync(content);
            await streamWriter.FlushAsync();
            await streamWriter.CommitAsync();
        }
    }
}");
    }

    public static TheoryData<string> StreamTempPrograms => new()
    {
        // A writer with an encoding, replaced with File.Replace (the target exists).
        "var target = Path.Combine(dir, \"settings.json\"); File.WriteAllText(target, new string('o', 7000)); var temp = target + \".tmp\"; using (var w = new StreamWriter(temp, false, Encoding.Unicode)) { w.Write(\"välue €\"); } File.Replace(temp, target, null);",
        // A FileStream, then delete and move.
        "var target = Path.Combine(dir, \"state.bin\"); File.WriteAllText(target, new string('o', 7000)); string temp = target + \".new\"; using (var s = new FileStream(temp, FileMode.Create, FileAccess.Write)) { s.Write(new byte[] { 1, 2, 3 }, 0, 3); } File.Delete(target); File.Move(temp, target);",
        // File.Create, moved with overwrite over a missing target.
        "var target = Path.Combine(dir, \"profile.json\"); var temp = target + \".tmp\"; using (var s = File.Create(temp)) { s.WriteByte(42); } File.Move(temp, target, true);",
    };

    [Theory]
    [MemberData(nameof(StreamTempPrograms))]
    public async Task StreamTemp_ThenReplace_WritesTheSameBytes(string body)
    {
        var source = FixedProgram.WithRunBody(body);
        var fixedSource = await FixedProgram.RunBothAndCompareAsync(source, HandRolledReplaceFixer.EquivalenceKey);
        Assert.Contains("AtomicFile.", fixedSource);
        Assert.Contains(".Commit();", fixedSource);
        Assert.DoesNotContain("File.Move", fixedSource);
        Assert.DoesNotContain("File.Replace", fixedSource);
    }

    [Fact]
    public async Task TempUsedAfterwards_IsKeptAsDeclaration()
    {
        await FixAsync(@"
using System;
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#1:File.Move(tmp, path, true)|};
        Console.WriteLine(tmp);
    }
}", @"
using System;
using System.IO;
using AtomicWrite;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        AtomicFile.WriteAllText(path, json);
        Console.WriteLine(tmp);
    }
}");
    }

    [Fact]
    public async Task NamespaceWithUsingsInside_GetsTheUsingThere()
    {
        await FixAsync(@"
namespace App
{
    using System.IO;

    class Store
    {
        public void Save(string path, string json)
        {
            var tmp = path + "".tmp"";
            {|#0:File.WriteAllText(tmp, json)|};
            {|#1:File.Move(tmp, path, true)|};
        }
    }
}", @"
namespace App
{
    using System.IO;
    using AtomicWrite;

    class Store
    {
        public void Save(string path, string json)
        {
            AtomicFile.WriteAllText(path, json);
        }
    }
}");
    }

    [Fact]
    public async Task StreamWrite_WritesTheTargetThroughAnAtomicStream()
    {
        await FixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, byte[] data)
    {
        var tmp = path + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.Create)|})
        {
            fs.Write(data, 0, data.Length);
        }
        {|#1:File.Move(tmp, path, true)|};
    }
}", @"
using System.IO;
using AtomicWrite;

class Store
{
    public void Save(string path, byte[] data)
    {
        using (var fs = AtomicFile.Create(path))
        {
            fs.Write(data, 0, data.Length);
            fs.Commit();
        }
    }
}");
    }

    [Fact]
    public async Task StreamWrite_ThatEscapes_NoFix()
    {
        await NoFixAsync(@"
using System.IO;

class Store
{
    object? _last;

    public void Save(string path, byte[] data)
    {
        var tmp = path + "".tmp"";
        using (var fs = {|#0:new FileStream(tmp, FileMode.Create)|})
        {
            fs.Write(data, 0, data.Length);
            _last = fs;
        }
        {|#1:File.Move(tmp, path, true)|};
    }
}");
    }

    [Fact]
    public async Task ReplaceWithBackup_NoFix()
    {
        await NoFixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#1:File.Replace(tmp, path, path + "".bak"")|};
    }
}");
    }

    [Fact]
    public async Task OtherStatementBetweenWriteAndMove_NoFix()
    {
        await NoFixAsync(@"
using System;
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        Console.WriteLine(""validated"");
        {|#1:File.Move(tmp, path, true)|};
    }
}");
    }

    [Fact]
    public async Task WithoutRuntimeReference_NoFix()
    {
        await NoFixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:File.WriteAllText(tmp, json)|};
        {|#1:File.Move(tmp, path, true)|};
    }
}", withRuntime: false);
    }

    [Fact]
    public async Task TempWrittenByAHelperMethod_NoFix()
    {
        // The temp is written inside a helper of the program: the rewrite would belong there, so no fix is offered.
        await NoFixAsync(@"
using System.IO;

class Store
{
    public void Save(string path, string json)
    {
        var tmp = path + "".tmp"";
        {|#0:WriteTemp(tmp, json)|};
        {|#1:File.Move(tmp, path, true)|};
    }

    private static void WriteTemp(string file, string text) => File.WriteAllText(file, text);
}");
    }

    [Fact]
    public async Task TempOfAnAtomicWriteTypeCommittedByIt_NoFix()
    {
        await NoFixAsync(@"
using System;
using System.IO;

sealed class SafeFileWriter
{
    private readonly string _path;
    public SafeFileWriter(string path) { _path = path; WritePath = path + ""."" + Guid.NewGuid().ToString(""N""); }
    public string WritePath { get; }
    public void Commit() => File.Move(WritePath, _path, true);
}

class Store
{
    public void Save(string path, string json)
    {
        var writer = new SafeFileWriter(path);
        {|#0:File.WriteAllText(writer.WritePath, json)|};
        {|#1:writer.Commit()|};
    }
}");
    }
}
