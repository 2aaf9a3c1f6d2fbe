using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>Edge cases: effects and evaluation order, write-only streams, iterators, wrappers.</summary>
public partial class AW0001CodeFixTests
{
    [Fact]
    public Task Xml_save_on_a_new_document_with_a_computed_path_is_fixed() => Verify.FixAsync(@"using System.IO;
using System.Xml.Linq;

class SettingsStore
{
    void Save(string dir, Stream stream)
    {
        {|AW0001:new XDocument(new XElement(""settings"")).Save(Path.Combine(dir, ""settings.xml""))|};
    }
}", @"using System.IO;
using System.Xml.Linq;
using AtomicWrite;

class SettingsStore
{
    void Save(string dir, Stream stream)
    {
        using (var stream1 = AtomicFile.Create(Path.Combine(dir, ""settings.xml"")))
        {
            new XDocument(new XElement(""settings"")).Save(stream1);
            stream1.Commit();
        }
    }
}");

    [Fact]
    public Task No_fix_when_both_the_document_and_the_path_come_from_calls_with_effects() => Verify.NoFixAsync(@"using System.Xml.Linq;

class SettingsStore
{
    XDocument Load() => new XDocument();
    string NextSettingsPath() => ""settings.xml"";

    void Save() => {|AW0001:Load().Save(NextSettingsPath())|};
}");

    [Fact]
    public Task No_fix_for_reads_explicit_close_or_ReadWrite_access() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create)|})
        {
            stream.Write(data, 0, data.Length);
            stream.Position = 0;
            stream.Read(data, 0, data.Length);
        }

        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            stream.Write(data, 0, data.Length);
            stream.Close();
        }

        using (var stream = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.ReadWrite)|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_yield_inside_the_scope() => Verify.NoFixAsync(@"using System.Collections.Generic;
using System.IO;

class TokenStore
{
    IEnumerable<int> Save(byte[][] chunks)
    {
        using var stream = {|AW0001:File.Create(""tokens.bin"")|};
        foreach (var chunk in chunks)
        {
            stream.Write(chunk, 0, chunk.Length);
            yield return chunk.Length;
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_stream_handed_to_a_method_that_may_keep_it() => Verify.NoFixAsync(@"using System.Collections.Generic;
using System.IO;

class TokenStore
{
    private readonly List<Stream> _open = new List<Stream>();

    void Save(byte[] data)
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            _open.Add(stream);
            stream.Write(data, 0, data.Length);
        }
    }
}");

    [Fact]
    public Task Alias_of_File_is_replaced() => Verify.FixAsync(@"using IOFile = System.IO.File;

class TokenStore
{
    void Save(string json) => {|AW0001:IOFile.WriteAllText(""tokens.json"", json)|};
}", @"using AtomicWrite;
using IOFile = System.IO.File;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);
}");
}

public partial class AW0001CodeFixTests
{
    [Fact]
    public Task Wrapper_call_site_has_no_fix_and_the_write_inside_the_wrapper_is_fixed()
    {
        var test = Verify.Create(@"using System.IO;

class TokenStore
{
    static void WriteText(string path, string text) => {|AW0001:File.WriteAllText(path, text)|};

    void Save(string json) => {|AW0001:WriteText(""tokens.json"", json)|};
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    static void WriteText(string path, string text) => AtomicFile.WriteAllText(path, text);

    void Save(string json) => WriteText(""tokens.json"", json);
}");

        // The analyzer reports the write inside the wrapper once it has seen the callers, at the end of the
        // compilation: a non-local diagnostic, which the framework refuses to fix unless told.
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Wrapper_call_site_carries_the_analyzers_own_reason()
    {
        var diagnostics = await Verify.FixerDiagnosticsAsync(@"using System.IO;

class TokenStore
{
    static void WriteText(string path, string text) => File.WriteAllText(path, text);

    void Save(string json) => WriteText(""tokens.json"", json);
}");
        var callSite = Assert.Single(diagnostics, d => d.Properties.TryGetValue("Sink", out var sink) && sink == "Wrapper");
        Assert.False(string.IsNullOrEmpty(callSite.Properties["NoFixReason"]));
        var inner = Assert.Single(diagnostics, d => d != callSite);
        Assert.False(inner.Properties.ContainsKey("NoFixReason"));
    }
}

public partial class AW0001CodeFixTests
{
    [Fact]
    public Task Fix_is_offered_while_other_code_in_the_file_has_errors() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};

    void Typing() => {|CS0103:undefinedName|}.ToString();
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(string json) => AtomicFile.WriteAllText(""tokens.json"", json);

    void Typing() => {|CS0103:undefinedName|}.ToString();
}");

    [Fact]
    public Task A_buffer_size_computed_from_the_data_length_is_dropped() => Verify.FixAsync(@"#nullable enable
using System;
using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.Write, FileShare.None, Math.Min(data.Length, 81920))|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}", @"#nullable enable
using System;
using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = AtomicFile.Create(""tokens.bin""))
        {
            stream.Write(data, 0, data.Length);
            stream.Commit();
        }
    }
}");

    [Fact]
    public Task No_fix_for_arguments_without_an_atomic_equivalent() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data, FileMode mode)
    {
        using (var a = {|AW0001:File.Create(""tokens.bin"", 4096, FileOptions.DeleteOnClose)|})
        {
            a.Write(data, 0, data.Length);
        }

        using (var b = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.Write, FileShare.None, NextBufferSize())|})
        {
            b.Write(data, 0, data.Length);
        }
    }

    int NextBufferSize() => 4096;
}");
}

public partial class AW0001CodeFixTests
{
    [Fact]
    public Task No_fix_when_an_async_write_to_the_stream_is_not_awaited_in_the_scope() => Verify.NoFixAsync(@"using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

class SettingsStore
{
    Task? _pending;

    void Save(object settings)
    {
        using (var stream = {|AW0001:File.Create(""settings.json"")|})
        {
            _pending = JsonSerializer.SerializeAsync(stream, settings);
        }
    }
}");
}
