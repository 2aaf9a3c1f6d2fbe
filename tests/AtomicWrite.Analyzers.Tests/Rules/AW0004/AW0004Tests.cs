using System.Threading.Tasks;
using AtomicWrite.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using ReplaceVerify = AtomicWrite.Analyzers.Tests.Verify.SingleAnalyzer<AtomicWrite.Analyzers.Rules.UncommittedAtomicStreamAnalyzer>;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0004;

public class AW0004Tests
{
    /// <summary>The real AtomicWrite runtime assembly, so that the tests see the API users compile against.</summary>
    private static readonly MetadataReference[] Runtime = { MetadataReference.CreateFromFile(typeof(AtomicWrite.AtomicFile).Assembly.Location) };

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => ReplaceVerify.VerifyWithSourcesAsync(source, new string[0], Runtime, expected);

    private static DiagnosticResult Expect(int location, string local, string method)
        => ReplaceVerify.Diagnostic("AW0004").WithLocation(location).WithArguments(local, method);

    [Fact]
    public async Task UsingDeclaration_Committed_IsQuiet()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, byte[] data)
    {
        using var s = AtomicFile.Create(path);
        s.Write(data, 0, data.Length);
        s.Commit();
    }
}");
    }

    [Fact]
    public async Task CommitMissing_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, byte[] data)
    {
        using var s = {|#0:AtomicFile.Create(path)|};
        s.Write(data, 0, data.Length);
        s.Flush();
    }
}", Expect(0, "s", "Create"));
    }

    [Fact]
    public async Task CommitInOneBranchOnly_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, string text, bool ok)
    {
        using (var writer = {|#0:AtomicFile.CreateText(path)|})
        {
            writer.Write(text);
            if (ok)
            {
                writer.Commit();
            }
        }
    }
}", Expect(0, "writer", "CreateText"));
    }

    [Fact]
    public async Task CommitInBothBranches_IsQuiet()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, string text, bool upper)
    {
        using (var writer = AtomicFile.CreateText(path))
        {
            if (upper)
            {
                writer.Write(text.ToUpperInvariant());
                writer.Commit();
            }
            else
            {
                writer.Write(text);
                writer.Commit();
            }
        }
    }
}");
    }

    [Fact]
    public async Task EarlyReturnWithoutCommit_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, string[] lines)
    {
        using var writer = {|#0:AtomicFile.CreateText(path)|};
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                return;
            }

            writer.WriteLine(line);
        }

        writer.Commit();
    }
}", Expect(0, "writer", "CreateText"));
    }

    [Fact]
    public async Task CommitInsideTryBeforeThrowingCode_IsQuiet()
    {
        await VerifyAsync(@"
using System;
using System.IO;
using AtomicWrite;
class C
{
    void M(string path, Func<byte[]> produce)
    {
        using var s = AtomicFile.Create(path);
        try
        {
            var data = produce();
            s.Write(data, 0, data.Length);
            s.Commit();
            Console.WriteLine(""saved"");
        }
        catch (IOException e)
        {
            Console.WriteLine(e.Message);
        }
    }
}");
    }

    [Fact]
    public async Task ThrowOnInvalidInput_IsQuiet()
    {
        await VerifyAsync(@"
using System;
using AtomicWrite;
class C
{
    void M(string path, string text)
    {
        using (var writer = AtomicFile.CreateText(path))
        {
            if (text.Length == 0)
            {
                throw new ArgumentException(""empty"", nameof(text));
            }

            writer.Write(text);
            writer.Commit();
        }
    }
}");
    }

    [Fact]
    public async Task AwaitUsing_CommitAsync_IsQuiet()
    {
        await VerifyAsync(@"
using System.Text.Json;
using System.Threading.Tasks;
using AtomicWrite;
class C
{
    async Task M<T>(string path, T value)
    {
        await using var s = AtomicFile.Create(path);
        await JsonSerializer.SerializeAsync(s, value);
        await s.CommitAsync();
    }
}");
    }

    [Fact]
    public async Task ExplicitDisposeBeforeCommit_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, byte[] data)
    {
        var s = {|#0:AtomicFile.Create(path)|};
        s.Write(data, 0, data.Length);
        s.Dispose();
    }
}", Expect(0, "s", "Create"));
    }

    [Fact]
    public async Task ReturnedStream_IsNotTracked()
    {
        await VerifyAsync(@"
using System.IO;
using AtomicWrite;
class C
{
    AtomicFileStream Open(string path)
    {
        var s = AtomicFile.Create(path);
        return s;
    }
}");
    }

    [Fact]
    public async Task UsingWithoutVariable_CanNeverCommit_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path)
    {
        using ({|#0:AtomicFile.Create(path)|})
        {
        }
    }
}", Expect(0, "AtomicFile.Create(path)", "Create"));
    }

    [Fact]
    public async Task InsideLambda_CommitMissing_Reported()
    {
        await VerifyAsync(@"
using System;
using AtomicWrite;
class C
{
    Action M(string path, string text) => () =>
    {
        using var w = {|#0:AtomicFile.CreateText(path)|};
        w.Write(text);
    };
}", Expect(0, "w", "CreateText"));
    }

    [Fact]
    public async Task CommitInFinally_IsQuiet()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, string text)
    {
        using var w = AtomicFile.CreateText(path);
        try
        {
            w.Write(text);
        }
        finally
        {
            w.Commit();
        }
    }
}");
    }

    [Fact]
    public async Task PassedToAMethodTakingTheAtomicType_IsNotTracked()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, string text)
    {
        using var w = AtomicFile.CreateText(path);
        w.Write(text);
        Finish(w);
    }

    static void Finish(AtomicStreamWriter writer) => writer.Commit();
}");
    }

    [Fact]
    public async Task PassedAsPlainStreamToASerializer_StillTracked()
    {
        await VerifyAsync(@"
using System.Xml.Serialization;
using AtomicWrite;
public class Settings { public int Port { get; set; } }
class C
{
    void M(string path, Settings settings)
    {
        using (var s = {|#0:AtomicFile.Create(path)|})
        {
            new XmlSerializer(typeof(Settings)).Serialize(s, settings);
        }
    }
}", Expect(0, "s", "Create"));
    }

    [Fact]
    public async Task SwitchWithOneSectionMissingCommit_Reported()
    {
        await VerifyAsync(@"
using AtomicWrite;
class C
{
    void M(string path, int kind)
    {
        using var w = {|#0:AtomicFile.CreateText(path)|};
        switch (kind)
        {
            case 0:
                w.Write(""zero"");
                w.Commit();
                break;
            case 1:
                w.Write(""one"");
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(kind));
        }
    }
}", Expect(0, "w", "CreateText"));
    }
}
