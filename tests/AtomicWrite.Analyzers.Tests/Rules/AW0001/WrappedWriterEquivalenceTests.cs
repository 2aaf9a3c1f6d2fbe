using System;
using System.IO;
using System.Text;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// The fix turns <c>using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write)) { using var writer =
/// new StreamWriter(fs[, encoding]); ... }</c> into one <c>AtomicFile.CreateText(path[, encoding])</c> writer.
/// These tests run both forms against real files and require byte-identical output (encoding, BOM, text).
/// </summary>
public sealed class WrappedWriterEquivalenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aw-wrapped-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string?> Encodings => new()
    {
        null,
        "utf-8-bom",
        "utf-8-nobom",
        "utf-16",
        "utf-16BE",
        "utf-32",
        "iso-8859-1",
        "us-ascii",
    };

    private static Encoding? EncodingOf(string? name) => name switch
    {
        null => null,
        "utf-8-bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        "utf-8-nobom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        _ => Encoding.GetEncoding(name),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Atomic_writer_writes_the_same_bytes_as_a_StreamWriter_over_a_FileStream(string? name)
    {
        var encoding = EncodingOf(name);
        var text = "key = välue ß €\r\nnext=line\n" + new string('x', 5000) + "\u4e2d";
        var direct = Path.Combine(_dir, "direct.ini");
        var atomic = Path.Combine(_dir, "atomic.ini");
        File.WriteAllText(direct, new string('o', 20000));
        File.WriteAllText(atomic, new string('o', 20000));

        using (var fs = new FileStream(direct, FileMode.Create, FileAccess.Write))
        {
            using var writer = encoding is null ? new StreamWriter(fs) : new StreamWriter(fs, encoding);
            writer.Write(text);
            writer.WriteLine(42);
        }

        {
            using var writer = encoding is null ? AtomicFile.CreateText(atomic) : AtomicFile.CreateText(atomic, encoding);
            writer.Write(text);
            writer.WriteLine(42);
            writer.Commit();
        }

        var expected = File.ReadAllBytes(direct);
        Assert.True(expected.Length > 5000);
        Assert.Equal(expected, File.ReadAllBytes(atomic));
    }
}
