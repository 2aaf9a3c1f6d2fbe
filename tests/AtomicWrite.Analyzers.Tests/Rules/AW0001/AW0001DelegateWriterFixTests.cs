using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// A stream handed to a delegate whose parameter is a <c>Stream</c> (<c>Action&lt;Stream&gt;</c>, a delegate
/// type of the program), as a method with a <c>Stream</c> parameter is: the delegate writes into it, and the commit
/// comes after the call (after the awaited task of a <c>Func&lt;Stream, Task&gt;</c>).
/// </summary>
public sealed class AW0001DelegateWriterFixTests
{
    [Fact]
    public Task A_stream_passed_to_an_Action_of_Stream_in_a_wrapper()
    {
        var test = Verify.Create(@"using System;
using System.IO;

static class FileSystemUtility
{
    internal static void AddFile(string fullPath, Action<Stream> writeToStream)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using (Stream outputStream = {|AW0001:File.Create(fullPath)|})
        {
            writeToStream(outputStream);
        }
    }

    static void Save(string dir, byte[] settings) => {|AW0001:AddFile(Path.Combine(dir, ""settings.json""), s => s.Write(settings, 0, settings.Length))|};
}", @"using System;
using System.IO;
using AtomicWrite;

static class FileSystemUtility
{
    internal static void AddFile(string fullPath, Action<Stream> writeToStream)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using (AtomicFileStream outputStream = AtomicFile.Create(fullPath))
        {
            writeToStream(outputStream);
            outputStream.Commit();
        }
    }

    static void Save(string dir, byte[] settings) => AddFile(Path.Combine(dir, ""settings.json""), s => s.Write(settings, 0, settings.Length));
}");

        // The write inside the wrapper is reported at the end of the compilation (a non-local diagnostic).
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task An_awaited_Func_of_Stream_and_Task_and_a_delegate_type_of_the_program() => Verify.FixAsync(@"using System;
using System.IO;
using System.Threading.Tasks;

delegate void StreamWriterCallback(Stream target);

class Store
{
    async Task SaveAsync(string path, Func<Stream, Task> write, StreamWriterCallback callback)
    {
        await using (var stream = {|AW0001:new FileStream(path + ""/state.json"", FileMode.Create)|})
        {
            await write(stream);
        }

        using (var stream = {|AW0001:File.Create(path + ""/profile.json"")|})
        {
            callback.Invoke(stream);
        }
    }
}", @"using System;
using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

delegate void StreamWriterCallback(Stream target);

class Store
{
    async Task SaveAsync(string path, Func<Stream, Task> write, StreamWriterCallback callback)
    {
        await using (var stream = AtomicFile.Create(path + ""/state.json""))
        {
            await write(stream);
            await stream.CommitAsync();
        }

        using (var stream = AtomicFile.Create(path + ""/profile.json""))
        {
            callback.Invoke(stream);
            stream.Commit();
        }
    }
}");

    [Fact]
    public async Task Delegates_that_may_keep_the_stream_or_write_after_the_scope_get_no_fix()
    {
        var reasons = await Verify.NoFixReasonsAsync(@"using System;
using System.IO;
using System.Threading.Tasks;

class Store
{
    void Save(string path, Action<object> keep, Func<Stream, Task> writeLater, Func<Stream, IDisposable> open)
    {
        using (var stream = File.Create(path + ""/settings-a.json""))
        {
            keep(stream);
        }

        using (var stream = File.Create(path + ""/settings-b.json""))
        {
            _ = writeLater(stream);
        }

        using (var stream = File.Create(path + ""/settings-c.json""))
        {
            open(stream).Dispose();
        }
    }
}");
        Assert.Equal(3, reasons.Length);
        Assert.All(reasons, r => Assert.StartsWith("Escapes:", r));
    }

    [Fact]
    public async Task The_fixed_program_writes_the_same_bytes()
    {
        var source = @"using System;
using System.IO;
using System.Text;

public static class Program
{
    static void AddFile(string fullPath, Action<Stream> writeToStream)
    {
        using (Stream outputStream = File.Create(fullPath))
        {
            writeToStream(outputStream);
        }
    }

    public static void Run(string dir)
    {
        var path = Path.Combine(dir, ""nuget.config"");
        File.WriteAllText(path, new string('o', 9000));
        AddFile(path, s =>
        {
            var bytes = new UTF8Encoding(true).GetPreamble();
            s.Write(bytes, 0, bytes.Length);
            var text = Encoding.UTF8.GetBytes(""<configuration>välue €</configuration>"");
            s.Write(text, 0, text.Length);
        });
    }
}
";
        var fixedSource = await FixedProgram.RunBothAndCompareAsync(source);
        Assert.Contains("AtomicFile.Create(fullPath)", fixedSource);
        Assert.Contains("outputStream.Commit();", fixedSource);
    }
}
