using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// A writer whose only use is to be wrapped by a Newtonsoft <c>JsonTextWriter</c> held by a using: the writer
/// becomes <c>AtomicFile.CreateText</c>, the JsonTextWriter gets <c>CloseOutput = false</c> (so that closing it
/// no longer disposes the atomic writer), and the writer is committed after the JsonTextWriter is closed. The fixed
/// program is compiled against the real AtomicWrite.dll and Newtonsoft.Json, run beside the original, and must
/// leave the same bytes.
/// </summary>
public sealed class AW0001JsonWriterFixTests
{
    [Fact]
    public Task Stacked_using_statements_over_FileInfo_CreateText() => Verify.FixAsync(@"using System.IO;
using Newtonsoft.Json;

class Settings
{
    private readonly JsonSerializer serializer = new JsonSerializer();

    public void Serialize(FileInfo file)
    {
        using (var sw = {|AW0001:file.CreateText()|})
        using (var jw = new JsonTextWriter(sw))
            serializer.Serialize(jw, this);
    }
}", @"using System.IO;
using AtomicWrite;
using Newtonsoft.Json;

class Settings
{
    private readonly JsonSerializer serializer = new JsonSerializer();

    public void Serialize(FileInfo file)
    {
        using (var sw = AtomicFile.CreateText(file.FullName))
        {
            using (var jw = new JsonTextWriter(sw) { CloseOutput = false })
                serializer.Serialize(jw, this);
            sw.Commit();
        }
    }
}");

    [Fact]
    public Task Adjacent_using_declarations_with_an_initializer() => Verify.FixAsync(@"using System.IO;
using Newtonsoft.Json;

static class ConfigurationManager
{
    public static void SaveConfiguration(string root, object configuration)
    {
        var serializer = new JsonSerializer { NullValueHandling = NullValueHandling.Ignore };
        using var streamWriter = {|AW0001:new StreamWriter(Path.Combine(root, ""settings.json""))|};
        using var writer = new JsonTextWriter(streamWriter) { Formatting = Formatting.Indented };
        serializer.Serialize(writer, configuration);
    }
}", @"using System.IO;
using AtomicWrite;
using Newtonsoft.Json;

static class ConfigurationManager
{
    public static void SaveConfiguration(string root, object configuration)
    {
        var serializer = new JsonSerializer { NullValueHandling = NullValueHandling.Ignore };
        using var streamWriter = AtomicFile.CreateText(Path.Combine(root, ""settings.json""));
        using var writer = new JsonTextWriter(streamWriter) { CloseOutput = false, Formatting = Formatting.Indented };
        serializer.Serialize(writer, configuration);
        writer.Close();
        streamWriter.Commit();
    }
}");

    [Fact]
    public Task A_JsonTextWriter_statement_inside_the_writer_block_with_an_encoding() => Verify.FixAsync(@"using System.IO;
using System.Text;
using Newtonsoft.Json;

class Store
{
    void Save(string path, object state)
    {
        using (StreamWriter writer = {|AW0001:new StreamWriter(path + ""/state.json"", false, Encoding.UTF8)|})
        {
            using (var json = new JsonTextWriter(writer))
            {
                json.WriteStartObject();
                json.WritePropertyName(""state"");
                new JsonSerializer().Serialize(json, state);
            }
        }
    }
}", @"using System.IO;
using System.Text;
using AtomicWrite;
using Newtonsoft.Json;

class Store
{
    void Save(string path, object state)
    {
        using (AtomicStreamWriter writer = AtomicFile.CreateText(path + ""/state.json"", Encoding.UTF8))
        {
            using (var json = new JsonTextWriter(writer) { CloseOutput = false })
            {
                json.WriteStartObject();
                json.WritePropertyName(""state"");
                new JsonSerializer().Serialize(json, state);
            }
            writer.Commit();
        }
    }
}");

    [Fact]
    public Task A_multi_line_initializer_gets_the_setting_on_a_line_of_its_own() => Verify.FixAsync(@"using System.IO;
using Newtonsoft.Json;

class Store
{
    void Save(string path, object state)
    {
        using (var sw = {|AW0001:File.CreateText(path + ""/settings.json"")|})
        using (var jw = new JsonTextWriter(sw)
        {
            Formatting = Formatting.Indented,
            Indentation = 4,
        })
        {
            new JsonSerializer().Serialize(jw, state);
        }
    }
}", @"using System.IO;
using AtomicWrite;
using Newtonsoft.Json;

class Store
{
    void Save(string path, object state)
    {
        using (var sw = AtomicFile.CreateText(path + ""/settings.json""))
        {
            using (var jw = new JsonTextWriter(sw)
            {
                CloseOutput = false,
                Formatting = Formatting.Indented,
                Indentation = 4,
            })
            {
                new JsonSerializer().Serialize(jw, state);
            }
            sw.Commit();
        }
    }
}");

    [Fact]
    public Task A_stream_a_StreamWriter_and_a_JsonTextWriter_in_three_usings() => Verify.FixAsync(@"using System.IO;
using Newtonsoft.Json;

class SettingsBase
{
    void SaveInternal(string filePath)
    {
        using (FileStream fileStream = {|AW0001:new FileStream(filePath + ""/settings.json"", FileMode.Create, FileAccess.Write, FileShare.Read)|})
        using (StreamWriter streamWriter = new StreamWriter(fileStream))
        using (JsonTextWriter jsonWriter = new JsonTextWriter(streamWriter))
        {
            JsonSerializer serializer = new JsonSerializer();
            serializer.Formatting = Formatting.Indented;
            serializer.Serialize(jsonWriter, this);
            jsonWriter.Flush();
        }
    }
}", @"using System.IO;
using AtomicWrite;
using Newtonsoft.Json;

class SettingsBase
{
    void SaveInternal(string filePath)
    {
        using (AtomicStreamWriter streamWriter = AtomicFile.CreateText(filePath + ""/settings.json""))
        {
            using (JsonTextWriter jsonWriter = new JsonTextWriter(streamWriter) { CloseOutput = false })
            {
                JsonSerializer serializer = new JsonSerializer();
                serializer.Formatting = Formatting.Indented;
                serializer.Serialize(jsonWriter, this);
                jsonWriter.Flush();
            }
            streamWriter.Commit();
        }
    }
}");

    [Fact]
    public async Task JsonTextWriters_that_decide_closing_themselves_or_escape_get_no_fix()
    {
        var reasons = await Verify.NoFixReasonsAsync(@"using System.IO;
using Newtonsoft.Json;

class Store
{
    object? kept;

    void Save(string path, object state)
    {
        // CloseOutput is already set by the code.
        using (var sw = File.CreateText(path + ""/settings-a.json""))
        using (var jw = new JsonTextWriter(sw) { CloseOutput = true })
        {
            new JsonSerializer().Serialize(jw, state);
        }

        // The JsonTextWriter is closed by hand.
        using (var sw = File.CreateText(path + ""/settings-b.json""))
        using (var jw = new JsonTextWriter(sw))
        {
            new JsonSerializer().Serialize(jw, state);
            jw.Close();
        }

        // The JsonTextWriter is kept.
        using (var sw = File.CreateText(path + ""/settings-c.json""))
        using (var jw = new JsonTextWriter(sw))
        {
            kept = jw;
        }

        // The writer is used beside its JsonTextWriter.
        using (var sw = File.CreateText(path + ""/settings-d.json""))
        using (var jw = new JsonTextWriter(sw))
        {
            sw.Write(' ');
            new JsonSerializer().Serialize(jw, state);
        }

        // The JsonTextWriter goes to a method that may keep it.
        using (var sw = File.CreateText(path + ""/settings-e.json""))
        using (var jw = new JsonTextWriter(sw))
        {
            Keep(jw);
        }
    }

    void Keep(object writer) => kept = writer;
}");
        Assert.Equal(5, reasons.Length);
        Assert.StartsWith("Escapes:", reasons[0]);
        Assert.StartsWith("UnsupportedMember:", reasons[1]);
        Assert.StartsWith("Escapes:", reasons[2]);
        Assert.StartsWith("Escapes:", reasons[3]);
        Assert.StartsWith("Escapes:", reasons[4]);
    }

    public static TheoryData<string> Programs => new()
    {
        // The OpenTabletDriver shape: stacked usings over FileInfo.CreateText, a serializer, an existing longer file.
        "var file = new FileInfo(Path.Combine(dir, \"settings.json\")); File.WriteAllText(file.FullName, new string('o', 9000)); using (var sw = file.CreateText()) using (var jw = new JsonTextWriter(sw)) new JsonSerializer { Formatting = Formatting.Indented }.Serialize(jw, new { Name = \"välue €\", Items = new[] { 1, 2, 3 } });",
        // The SoundSwitch shape: adjacent using declarations, an initializer.
        "var serializer = new JsonSerializer { NullValueHandling = NullValueHandling.Ignore }; using var streamWriter = new StreamWriter(Path.Combine(dir, \"config.json\")); using var writer = new JsonTextWriter(streamWriter) { Formatting = Formatting.Indented, Indentation = 4 }; serializer.Serialize(writer, new { A = (string?)null, B = \"\\u4e2d\" });",
        // Open tokens completed by the JsonTextWriter's close; UTF-8 with a BOM.
        "using (var w = new StreamWriter(Path.Combine(dir, \"state.json\"), false, new UTF8Encoding(true))) { using (var j = new JsonTextWriter(w)) { j.WriteStartObject(); j.WritePropertyName(\"list\"); j.WriteStartArray(); j.WriteValue(\"ß\"); } }",
        // A stream, its StreamWriter and a JsonTextWriter in three stacked usings, over an existing longer file.
        "var p = Path.Combine(dir, \"settings.json\"); File.WriteAllText(p, new string('o', 9000)); using (FileStream fs = new FileStream(p, FileMode.Create, FileAccess.Write, FileShare.Read)) using (StreamWriter sw = new StreamWriter(fs, Encoding.UTF8)) using (JsonTextWriter jw = new JsonTextWriter(sw)) { new JsonSerializer { Formatting = Formatting.Indented }.Serialize(jw, new[] { \"a\", \"ß\" }); jw.Flush(); }",
        // A using declaration of the JsonTextWriter that ends with the writer's block, open tokens, UTF-16.
        "using (var w = new StreamWriter(Path.Combine(dir, \"profile.json\"), false, Encoding.Unicode)) { using var j = new JsonTextWriter(w); j.WriteStartObject(); j.WritePropertyName(\"k\"); j.WriteValue(new string('x', 5000)); }",
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task The_fixed_program_writes_the_same_bytes(string body)
    {
        var source = FixedProgram.WithRunBody(body, "Newtonsoft.Json");
        var fixedSource = await FixedProgram.RunBothAndCompareAsync(source);
        Assert.Contains("AtomicFile.CreateText(", fixedSource);
        Assert.Contains("CloseOutput = false", fixedSource);
        Assert.Contains(".Commit();", fixedSource);
    }
}
