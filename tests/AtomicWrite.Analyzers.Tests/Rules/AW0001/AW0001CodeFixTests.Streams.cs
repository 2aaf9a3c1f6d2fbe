using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>Streams, writers and XML saves: the streaming AtomicFile form, committed where writing ended.</summary>
public partial class AW0001CodeFixTests
{
    [Fact]
    public Task FileStream_in_a_using_block_is_committed_at_the_end_of_the_block() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.Write, FileShare.None)|})
        {
            stream.Write(data, 0, data.Length);
            stream.Flush();
        }
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = AtomicFile.Create(""tokens.bin""))
        {
            stream.Write(data, 0, data.Length);
            stream.Flush();
            stream.Commit();
        }
    }
}");

    [Fact]
    public Task File_Create_in_a_using_declaration_is_committed_at_the_end_of_its_scope() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using var stream = {|AW0001:File.Create(""tokens.bin"")|};
        stream.Write(data, 0, data.Length);
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] data)
    {
        using var stream = AtomicFile.Create(""tokens.bin"");
        stream.Write(data, 0, data.Length);
        stream.Commit();
    }
}");

    [Fact]
    public Task A_final_return_stays_last_and_the_commit_goes_before_it() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    bool Save(byte[] data)
    {
        using var stream = {|AW0001:File.Create(""tokens.bin"")|};
        stream.Write(data, 0, data.Length);
        return true;
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    bool Save(byte[] data)
    {
        using var stream = AtomicFile.Create(""tokens.bin"");
        stream.Write(data, 0, data.Length);
        stream.Commit();
        return true;
    }
}");

    [Fact]
    public Task Explicit_StreamWriter_type_becomes_AtomicStreamWriter() => Verify.FixAsync(@"using System.IO;

class SettingsStore
{
    void Save(string json)
    {
        using (StreamWriter writer = {|AW0001:new StreamWriter(""settings.json"")|})
        {
            writer.Write(json);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class SettingsStore
{
    void Save(string json)
    {
        using (AtomicStreamWriter writer = AtomicFile.CreateText(""settings.json""))
        {
            writer.Write(json);
            writer.Commit();
        }
    }
}");

    [Fact]
    public Task StreamWriter_with_append_false_and_encoding_keeps_the_encoding() => Verify.FixAsync(@"using System.IO;
using System.Text;

class SettingsStore
{
    void Save(string json)
    {
        using var writer = {|AW0001:new StreamWriter(""settings.json"", append: false, Encoding.UTF8)|};
        writer.WriteLine(json);
    }
}", @"using System.IO;
using System.Text;
using AtomicWrite;

class SettingsStore
{
    void Save(string json)
    {
        using var writer = AtomicFile.CreateText(""settings.json"", Encoding.UTF8);
        writer.WriteLine(json);
        writer.Commit();
    }
}");

    [Fact]
    public Task CreateText_OpenWrite_and_FileInfo_forms_are_fixed() => Verify.FixAsync(@"using System.IO;

class SettingsStore
{
    void Save(string json, byte[] data, FileInfo info)
    {
        using (TextWriter writer = {|AW0001:File.CreateText(""settings.json"")|})
        {
            writer.Write(json);
        }

        using (Stream stream = {|AW0001:File.OpenWrite(""tokens.bin"")|})
        {
            stream.Write(data, 0, data.Length);
        }

        using (var infoWriter = {|AW0001:new FileInfo(""config.json"").CreateText()|})
        {
            infoWriter.Write(json);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class SettingsStore
{
    void Save(string json, byte[] data, FileInfo info)
    {
        using (AtomicStreamWriter writer = AtomicFile.CreateText(""settings.json""))
        {
            writer.Write(json);
            writer.Commit();
        }

        using (AtomicFileStream stream = AtomicFile.Create(""tokens.bin""))
        {
            stream.Write(data, 0, data.Length);
            stream.Commit();
        }

        using (var infoWriter = AtomicFile.CreateText(new FileInfo(""config.json"").FullName))
        {
            infoWriter.Write(json);
            infoWriter.Commit();
        }
    }
}");

    [Fact]
    public Task A_using_with_a_single_statement_body_gets_a_block() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
            stream.Write(data, 0, data.Length); // the only write
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = AtomicFile.Create(""tokens.bin""))
        {
            stream.Write(data, 0, data.Length); // the only write
            stream.Commit();
        }
    }
}");

    [Fact]
    public Task Dropped_arguments_keep_their_comments() => Verify.FixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:new FileStream(/* target */ ""tokens.bin"", FileMode.Create /* truncate */, FileAccess.Write)|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = AtomicFile.Create(/* target */ ""tokens.bin"") /* truncate */)
        {
            stream.Write(data, 0, data.Length);
            stream.Commit();
        }
    }
}");

    [Fact]
    public Task Async_scope_with_ConfigureAwait_false_commits_with_CommitAsync() => Verify.FixAsync(@"using System.IO;
using System.Threading;
using System.Threading.Tasks;

class TokenStore
{
    async Task SaveAsync(byte[] data, CancellationToken ct)
    {
        await using var stream = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true)|};
        await stream.WriteAsync(data, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }
}", @"using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite;

class TokenStore
{
    async Task SaveAsync(byte[] data, CancellationToken ct)
    {
        await using var stream = AtomicFile.Create(""tokens.bin"");
        await stream.WriteAsync(data, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        await stream.CommitAsync().ConfigureAwait(false);
    }
}");

    [Fact]
    public Task Async_scope_without_ConfigureAwait_awaits_CommitAsync_plainly() => Verify.FixAsync(@"using System.IO;
using System.Threading.Tasks;

class SettingsStore
{
    async Task SaveAsync(string json)
    {
        using (var writer = {|AW0001:File.CreateText(""settings.json"")|})
        {
            await writer.WriteAsync(json);
        }
    }
}", @"using System.IO;
using System.Threading.Tasks;
using AtomicWrite;

class SettingsStore
{
    async Task SaveAsync(string json)
    {
        using (var writer = AtomicFile.CreateText(""settings.json""))
        {
            await writer.WriteAsync(json);
            await writer.CommitAsync();
        }
    }
}");

    [Fact]
    public Task Stream_passed_to_a_serializer_is_fixed() => Verify.FixAsync(@"using System.IO;
using System.Text.Json;

class SettingsStore
{
    void Save(object settings)
    {
        using var stream = {|AW0001:File.Create(""settings.json"")|};
        JsonSerializer.Serialize(stream, settings);
    }
}", @"using System.IO;
using System.Text.Json;
using AtomicWrite;

class SettingsStore
{
    void Save(object settings)
    {
        using var stream = AtomicFile.Create(""settings.json"");
        JsonSerializer.Serialize(stream, settings);
        stream.Commit();
    }
}");

    [Fact]
    public Task Stream_passed_to_an_async_serializer_and_copy_is_fixed() => Verify.FixAsync(@"using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

class SettingsStore
{
    async Task SaveAsync(object settings, Stream source, CancellationToken ct)
    {
        using (var stream = {|AW0001:File.Create(""settings.json"")|})
        {
            await JsonSerializer.SerializeAsync(stream, settings, cancellationToken: ct);
            await source.CopyToAsync(stream, ct);
        }
    }
}", @"using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtomicWrite;

class SettingsStore
{
    async Task SaveAsync(object settings, Stream source, CancellationToken ct)
    {
        using (var stream = AtomicFile.Create(""settings.json""))
        {
            await JsonSerializer.SerializeAsync(stream, settings, cancellationToken: ct);
            await source.CopyToAsync(stream, ct);
            await stream.CommitAsync();
        }
    }
}");

    [Fact]
    public Task Top_level_using_declaration_is_committed_after_the_last_statement()
    {
        var test = Verify.Create(@"using System.IO;

using var writer = {|AW0001:new StreamWriter(""settings.json"")|};
writer.WriteLine(""{}"");
", @"using System.IO;
using AtomicWrite;

using var writer = AtomicFile.CreateText(""settings.json"");
writer.WriteLine(""{}"");
writer.Commit();
");
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    // ------------------------------------------------------------------ XML

    [Fact]
    public Task XDocument_Save_saves_into_a_committed_atomic_stream() => Verify.FixAsync(@"using System.Xml.Linq;

class SettingsStore
{
    void Save(XDocument doc)
    {
        // Persist.
        {|AW0001:doc.Save(""settings.xml"")|}; // done
    }
}", @"using System.Xml.Linq;
using AtomicWrite;

class SettingsStore
{
    void Save(XDocument doc)
    {
        // Persist.
        using (var stream = AtomicFile.Create(""settings.xml""))
        {
            doc.Save(stream); // done
            stream.Commit();
        }
    }
}");

    [Fact]
    public Task XElement_Save_with_options_and_XmlDocument_Save_are_fixed_with_fresh_names() => Verify.FixAsync(@"using System.Xml;
using System.Xml.Linq;

class SettingsStore
{
    void Save(XElement element, XmlDocument document, string stream)
    {
        {|AW0001:element.Save(""settings.xml"", SaveOptions.DisableFormatting)|};
        {|AW0001:document.Save(""config.xml"")|};
    }
}", @"using System.Xml;
using System.Xml.Linq;
using AtomicWrite;

class SettingsStore
{
    void Save(XElement element, XmlDocument document, string stream)
    {
        using (var stream1 = AtomicFile.Create(""settings.xml""))
        {
            element.Save(stream1, SaveOptions.DisableFormatting);
            stream1.Commit();
        }
        using (var stream2 = AtomicFile.Create(""config.xml""))
        {
            document.Save(stream2);
            stream2.Commit();
        }
    }
}");

    // ------------------------------------------------------------------ no fix: the stream escapes or the scope has several exits

    [Fact]
    public Task No_fix_for_a_returned_stream() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    Stream Open() => {|AW0001:File.Create(""tokens.bin"")|};

    Stream OpenInUsing()
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            return stream;
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_stream_stored_in_a_field() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    private Stream? _current;

    void Save(byte[] data)
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            _current = stream;
            stream.Write(data, 0, data.Length);
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_stream_captured_by_a_lambda() => Verify.NoFixAsync(@"using System;
using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            Action write = () => stream.Write(data, 0, data.Length);
            write();
        }
    }
}");

    [Fact]
    public Task No_fix_for_an_early_return_inside_the_scope() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    bool Save(byte[] data)
    {
        using (var stream = {|AW0001:File.Create(""tokens.bin"")|})
        {
            if (data.Length == 0)
            {
                return false;
            }

            stream.Write(data, 0, data.Length);
        }

        return true;
    }
}");

    [Fact]
    public Task No_fix_for_break_or_continue_leaving_the_scope() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            using var stream = {|AW0001:File.Create(""tokens.bin"")|};
            if (chunk.Length == 0)
            {
                continue;
            }

            stream.Write(chunk, 0, chunk.Length);
        }
    }
}");

    [Fact]
    public Task Stacked_stream_and_StreamWriter_become_one_atomic_writer() => Verify.FixAsync(@"using System.IO;

class SettingsStore
{
    void Save(string json)
    {
        // Write the settings.
        using (var stream = {|AW0001:new FileStream(""settings.json"", FileMode.Create, FileAccess.Write)|})
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }
    }
}", @"using System.IO;
using AtomicWrite;

class SettingsStore
{
    void Save(string json)
    {
        // Write the settings.
        using (var writer = AtomicFile.CreateText(""settings.json""))
        {
            writer.Write(json);
            writer.Commit();
        }
    }
}");

    [Fact]
    public Task Adjacent_stream_and_StreamWriter_declarations_become_one_atomic_writer_with_the_encoding() => Verify.FixAsync(@"using System.IO;
using System.Text;
using System.Threading.Tasks;

class SettingsStore
{
    async Task SaveAsync(string json)
    {
        using var stream = {|AW0001:File.Create(""settings.json"")|};
        using StreamWriter writer = new StreamWriter(stream, Encoding.UTF8);
        await writer.WriteAsync(json).ConfigureAwait(false);
    }
}", @"using System.IO;
using System.Text;
using System.Threading.Tasks;
using AtomicWrite;

class SettingsStore
{
    async Task SaveAsync(string json)
    {
        using AtomicStreamWriter writer = AtomicFile.CreateText(""settings.json"", Encoding.UTF8);
        await writer.WriteAsync(json).ConfigureAwait(false);
        await writer.CommitAsync().ConfigureAwait(false);
    }
}");

    [Fact]
    public Task Stream_with_the_writer_declared_first_in_its_using_body_becomes_one_atomic_writer() => Verify.FixAsync(@"using System.IO;
using System.Text;

class ConfigWriter
{
    void Save(string text, Encoding encoding)
    {
        using (var fs = {|AW0001:new FileStream(""settings.json"", FileMode.Create, FileAccess.Write)|})
        {
            using var writer = new StreamWriter(fs, encoding);
            writer.Write(text);
        }

        using (var fs = {|AW0001:File.Create(""settings.json"")|})
        {
            using (var writer = new StreamWriter(fs))
            {
                writer.Write(text);
            }
        }
    }
}", @"using System.IO;
using System.Text;
using AtomicWrite;

class ConfigWriter
{
    void Save(string text, Encoding encoding)
    {
        {
            using var writer = AtomicFile.CreateText(""settings.json"", encoding);
            writer.Write(text);
            writer.Commit();
        }

        {
            using (var writer = AtomicFile.CreateText(""settings.json""))
            {
                writer.Write(text);
                writer.Commit();
            }
        }
    }
}");

    [Fact]
    public Task No_fix_when_the_stream_is_used_before_its_writer_in_the_using_body() => Verify.NoFixAsync(@"using System.IO;
using System.Text;

class ConfigWriter
{
    void Save(string text, Encoding encoding)
    {
        using (var fs = {|AW0001:new FileStream(""settings.json"", FileMode.Create, FileAccess.Write)|})
        {
            fs.WriteByte(1);
            using var writer = new StreamWriter(fs, encoding);
            writer.Write(text);
        }

        using (var fs = {|AW0001:File.Create(""settings.json"")|})
        {
            var header = 1;
            using var writer = new StreamWriter(fs);
            writer.Write(header);
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_stream_wrapped_by_another_stream_or_used_beside_its_writer() => Verify.NoFixAsync(@"using System.IO;
using System.IO.Compression;

class SettingsStore
{
    void Save(string json, byte[] data)
    {
        using (var stream = {|AW0001:new FileStream(""settings.json"", FileMode.Create)|})
        using (var zip = new GZipStream(stream, CompressionLevel.Optimal))
        {
            zip.Write(data, 0, data.Length);
        }

        using (var stream = {|AW0001:File.Create(""settings.json"")|})
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
            stream.Flush();
        }
    }
}");

    [Fact]
    public Task No_fix_outside_a_using_or_with_FileStream_only_members() => Verify.NoFixAsync(@"using System.IO;

class TokenStore
{
    void Save(byte[] data)
    {
        var stream = {|AW0001:File.Create(""tokens.bin"")|};
        stream.Write(data, 0, data.Length);
        stream.Dispose();

        using (var fs = {|AW0001:new FileStream(""tokens.bin"", FileMode.Create, FileAccess.Write)|})
        {
            fs.Write(data, 0, data.Length);
            fs.Flush(flushToDisk: true);
        }
    }
}");

    [Fact]
    public Task Expression_bodied_saves_get_a_block_body_with_a_committed_atomic_stream() => Verify.FixAsync(@"using System;
using System.Xml;
using System.Xml.Linq;

class SettingsStore
{
    readonly XDocument _doc = new XDocument(new XElement(""settings""));

    void Save() => {|AW0001:_doc.Save(""settings.xml"")|};

    Action<XElement> Saver => element => {|AW0001:element.Save(""settings.xml"", SaveOptions.DisableFormatting)|};

    XmlDocument Document
    {
        set => {|AW0001:value.Save(""settings.xml"")|};
    }

    void SaveLocally()
    {
        Write();

        void Write() => {|AW0001:_doc.Save(""settings.xml"")|};
    }
}", @"using System;
using System.Xml;
using System.Xml.Linq;
using AtomicWrite;

class SettingsStore
{
    readonly XDocument _doc = new XDocument(new XElement(""settings""));

    void Save()
    {
        using (var stream = AtomicFile.Create(""settings.xml""))
        {
            _doc.Save(stream);
            stream.Commit();
        }
    }

    Action<XElement> Saver => element =>
    {
        using (var stream = AtomicFile.Create(""settings.xml""))
        {
            element.Save(stream, SaveOptions.DisableFormatting);
            stream.Commit();
        }
    };

    XmlDocument Document
    {
        set
        {
            using (var stream = AtomicFile.Create(""settings.xml""))
            {
                value.Save(stream);
                stream.Commit();
            }
        }
    }

    void SaveLocally()
    {
        Write();

        void Write()
        {
            using (var stream = AtomicFile.Create(""settings.xml""))
            {
                _doc.Save(stream);
                stream.Commit();
            }
        }
    }
}");

    [Fact]
    public Task No_fix_for_a_save_behind_a_null_conditional() => Verify.NoFixAsync(@"using System.Xml.Linq;

class SettingsStore
{
    void Save(XDocument? doc) => doc?{|AW0001:.Save(""settings.xml"")|};
}");

    [Fact]
    public async Task Reason_names_why_each_stream_has_no_fix()
    {
        var reasons = await Verify.NoFixReasonsAsync(@"using System;
using System.IO;

class TokenStore
{
    private Stream? _current;

    void Field() { using (var s = File.Create(""tokens.bin"")) { _current = s; } }
    void Lambda(byte[] d) { using (var s = File.Create(""tokens.bin"")) { Action a = () => s.WriteByte(1); a(); } }
    bool Early(byte[] d) { using (var s = File.Create(""tokens.bin"")) { if (d.Length == 0) return false; s.Write(d, 0, d.Length); } return true; }
    void Member() { using (var s = new FileStream(""tokens.bin"", FileMode.Create)) { s.Flush(true); } }
}");
        Assert.Equal(4, reasons.Length);
        Assert.StartsWith("Escapes:", reasons[0]);
        Assert.StartsWith("Captured:", reasons[1]);
        Assert.StartsWith("EarlyExit:", reasons[2]);
        Assert.StartsWith("UnsupportedMember:", reasons[3]);
    }
}
