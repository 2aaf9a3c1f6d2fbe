using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>AtomicFile writes exactly the bytes System.IO.File writes, for every overload and encoding.</summary>
public sealed class ByteIdentityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object?[]> Encodings() => EncodingCases.Select(e => new object?[] { e });

    public static readonly string[] EncodingCases =
    {
        "utf8-bom", "utf8-nobom", "utf16le", "utf16be", "utf32", "ascii", "latin1", "utf16le-nobom",
    };

    internal static Encoding Enc(string name) => name switch
    {
        "utf8-bom" => Encoding.UTF8,
        "utf8-nobom" => new UTF8Encoding(false),
        "utf16le" => Encoding.Unicode,
        "utf16be" => Encoding.BigEndianUnicode,
        "utf32" => Encoding.UTF32,
        "ascii" => Encoding.ASCII,
        "latin1" => Encoding.Latin1,
        "utf16le-nobom" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Texts: empty, null, ASCII, accents, astral characters, and a long text whose surrogate pairs straddle encoder chunks.</summary>
    public static readonly string?[] Texts =
    {
        null,
        "",
        "hello",
        "héllo wörld, ünïcödé\r\nline two\n",
        "emoji 😀 and 𝄞 clef",
        string.Concat(Enumerable.Range(0, 12000).Select(i => i % 7 == 0 ? "😀" : ((char)('a' + (i % 26))).ToString())),
    };

    private (string Expected, string Actual) Paths(string label)
    {
        return (_dir.File("file-" + label), _dir.File("atomic-" + label));
    }

    private static void AssertSameBytes(string expected, string actual)
    {
        byte[] e = File.ReadAllBytes(expected);
        byte[] a = File.ReadAllBytes(actual);
        Assert.Equal(e.Length, a.Length);
        Assert.True(e.AsSpan().SequenceEqual(a), $"content differs from File's ({e.Length} bytes)");
    }

    [Fact]
    public void WriteAllText_default_encoding_matches_File()
    {
        for (int i = 0; i < Texts.Length; i++)
        {
            var (f, a) = Paths("t" + i);
            File.WriteAllText(f, Texts[i]);
            AtomicFile.WriteAllText(a, Texts[i]);
            AssertSameBytes(f, a);
        }

        // The default is UTF-8 without a byte order mark.
        AtomicFile.WriteAllText(_dir.File("bom"), "x");
        Assert.Equal(new byte[] { (byte)'x' }, File.ReadAllBytes(_dir.File("bom")));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void WriteAllText_with_encoding_matches_File(string encoding)
    {
        Encoding enc = Enc(encoding);
        for (int i = 0; i < Texts.Length; i++)
        {
            string? text = Texts[i];
            var (f, a) = Paths(encoding + i);
            File.WriteAllText(f, text, enc);
            AtomicFile.WriteAllText(a, text, enc);
            AssertSameBytes(f, a);

            var (f2, a2) = Paths(encoding + i + "-span");
            File.WriteAllText(f2, text.AsSpan(), enc);
            AtomicFile.WriteAllText(a2, text.AsSpan(), enc);
            AssertSameBytes(f2, a2);

            var (f3, a3) = Paths(encoding + i + "-opt");
            File.WriteAllText(f3, text, enc);
            AtomicFile.WriteAllText(a3, text, enc, new AtomicWriteOptions { Durability = AtomicDurability.None });
            AssertSameBytes(f3, a3);
        }
    }

    [Fact]
    public void Empty_text_with_a_bom_encoding_writes_only_the_preamble_like_File()
    {
        var (f, a) = Paths("empty-bom");
        File.WriteAllText(f, "", Encoding.UTF8);
        AtomicFile.WriteAllText(a, "", Encoding.UTF8);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(a));
        AssertSameBytes(f, a);

        var (f2, a2) = Paths("empty-nobom");
        File.WriteAllText(f2, "");
        AtomicFile.WriteAllText(a2, "");
        Assert.Empty(File.ReadAllBytes(a2));
        AssertSameBytes(f2, a2);
    }

    [Fact]
    public void WriteAllText_span_default_matches_File()
    {
        for (int i = 0; i < Texts.Length; i++)
        {
            var (f, a) = Paths("s" + i);
            File.WriteAllText(f, Texts[i].AsSpan());
            AtomicFile.WriteAllText(a, Texts[i].AsSpan());
            AssertSameBytes(f, a);
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task WriteAllTextAsync_matches_File(string encoding)
    {
        Encoding enc = Enc(encoding);
        for (int i = 0; i < Texts.Length; i++)
        {
            string? text = Texts[i];
            var (f, a) = Paths("a" + encoding + i);
            await File.WriteAllTextAsync(f, text, enc);
            await AtomicFile.WriteAllTextAsync(a, text, enc);
            AssertSameBytes(f, a);

            var (f2, a2) = Paths("am" + encoding + i);
            await File.WriteAllTextAsync(f2, text.AsMemory(), enc);
            await AtomicFile.WriteAllTextAsync(a2, text.AsMemory(), enc);
            AssertSameBytes(f2, a2);

            var (f3, a3) = Paths("ad" + i);
            await File.WriteAllTextAsync(f3, text);
            await AtomicFile.WriteAllTextAsync(a3, text);
            AssertSameBytes(f3, a3);

            var (f4, a4) = Paths("adm" + i);
            await File.WriteAllTextAsync(f4, text.AsMemory());
            await AtomicFile.WriteAllTextAsync(a4, text.AsMemory(), AtomicWriteOptions.Default);
            AssertSameBytes(f4, a4);
        }
    }

    public static readonly byte[][] ByteCases =
    {
        Array.Empty<byte>(),
        new byte[] { 0 },
        Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray(),
        Enumerable.Range(0, 3 * 1024 * 1024 + 17).Select(i => (byte)(i * 31)).ToArray(),
    };

    [Fact]
    public async Task WriteAllBytes_every_overload_matches_File()
    {
        for (int i = 0; i < ByteCases.Length; i++)
        {
            byte[] bytes = ByteCases[i];
            var (f, a) = Paths("b" + i);
            File.WriteAllBytes(f, bytes);
            AtomicFile.WriteAllBytes(a, bytes);
            AssertSameBytes(f, a);

            var (f2, a2) = Paths("bs" + i);
            File.WriteAllBytes(f2, new ReadOnlySpan<byte>(bytes));
            AtomicFile.WriteAllBytes(a2, new ReadOnlySpan<byte>(bytes));
            AssertSameBytes(f2, a2);

            var (f3, a3) = Paths("ba" + i);
            await File.WriteAllBytesAsync(f3, bytes);
            await AtomicFile.WriteAllBytesAsync(a3, bytes);
            AssertSameBytes(f3, a3);

            var (f4, a4) = Paths("bam" + i);
            await File.WriteAllBytesAsync(f4, bytes.AsMemory());
            await AtomicFile.WriteAllBytesAsync(a4, bytes.AsMemory(), new AtomicWriteOptions { Durability = AtomicDurability.AtomicOnly });
            AssertSameBytes(f4, a4);
        }
    }

    public static readonly string[][] LineCases =
    {
        Array.Empty<string>(),
        new[] { "" },
        new[] { "one", "two", "three" },
        new[] { "ünï", null!, "😀 astral", "" },
        Enumerable.Range(0, 5000).Select(i => "line " + i + (i % 3 == 0 ? " 😀" : "")).ToArray(),
    };

    [Fact]
    public async Task WriteAllLines_every_overload_matches_File()
    {
        foreach (string? encoding in EncodingCases.Prepend(null))
        {
            for (int i = 0; i < LineCases.Length; i++)
            {
                string[] lines = LineCases[i];
                IEnumerable<string> lazy = lines.Select(l => l);
                string label = (encoding ?? "default") + i;
                var (f, a) = Paths("l" + label);
                var (f2, a2) = Paths("le" + label);
                var (f3, a3) = Paths("la" + label);
                if (encoding is null)
                {
                    File.WriteAllLines(f, lines);
                    AtomicFile.WriteAllLines(a, lines);
                    File.WriteAllLines(f2, lazy);
                    AtomicFile.WriteAllLines(a2, lazy);
                    await File.WriteAllLinesAsync(f3, lazy);
                    await AtomicFile.WriteAllLinesAsync(a3, lazy);
                }
                else
                {
                    Encoding enc = Enc(encoding);
                    File.WriteAllLines(f, lines, enc);
                    AtomicFile.WriteAllLines(a, lines, enc);
                    File.WriteAllLines(f2, lazy, enc);
                    AtomicFile.WriteAllLines(a2, lazy, enc, AtomicWriteOptions.Default);
                    await File.WriteAllLinesAsync(f3, lazy, enc);
                    await AtomicFile.WriteAllLinesAsync(a3, lazy, enc);
                }

                AssertSameBytes(f, a);
                AssertSameBytes(f2, a2);
                AssertSameBytes(f3, a3);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("utf8-bom")]
    [InlineData("utf16be")]
    public async Task CreateText_matches_File_CreateText_and_StreamWriter(string? encoding)
    {
        foreach (string? text in Texts)
        {
            var (f, a) = Paths("ct" + encoding + text?.Length);
            if (encoding is null)
            {
                using (StreamWriter w = File.CreateText(f))
                {
                    w.Write(text);
                    w.WriteLine(42);
                }

                using (AtomicStreamWriter w = AtomicFile.CreateText(a))
                {
                    w.Write(text);
                    w.WriteLine(42);
                    w.Commit();
                }
            }
            else
            {
                Encoding enc = Enc(encoding);
                using (var w = new StreamWriter(f, false, enc))
                {
                    await w.WriteAsync(text);
                }

                await using (AtomicStreamWriter w = AtomicFile.CreateText(a, enc))
                {
                    await w.WriteAsync(text);
                    await w.CommitAsync();
                }
            }

            AssertSameBytes(f, a);
        }
    }

    [Fact]
    public void Create_stream_writes_what_File_Create_writes()
    {
        var (f, a) = Paths("stream");
        var random = new Random(7);
        byte[] data = new byte[200_000];
        random.NextBytes(data);
        using (FileStream s = File.Create(f))
        {
            s.Write(data, 0, 1000);
            s.WriteByte(9);
            s.Write(data.AsSpan(1000));
            s.Position = 10;
            s.Write(new byte[] { 1, 2, 3 });
        }

        using (AtomicFileStream s = AtomicFile.Create(a))
        {
            s.Write(data, 0, 1000);
            s.WriteByte(9);
            s.Write(data.AsSpan(1000));
            s.Position = 10;
            s.Write(new byte[] { 1, 2, 3 });
            Assert.Equal(data.Length + 1, s.Length);
            s.Commit();
            Assert.True(s.IsCommitted);
        }

        AssertSameBytes(f, a);
    }

    [Fact]
    public void Invalid_surrogate_throws_like_File_and_publishes_nothing()
    {
        var (f, a) = Paths("surrogate");
        File.WriteAllText(a, "original");
        string bad = "ok \uD800 lone";
        Exception fileError = Assert.ThrowsAny<Exception>(() => File.WriteAllText(f, bad));
        Exception atomicError = Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(a, bad));
        Assert.Equal(fileError.GetType(), atomicError.GetType());
        Assert.Equal("original", File.ReadAllText(a));
        Assert.Empty(_dir.Temps());

        // With an encoding that replaces instead of throwing, both write the replacement character.
        var (f2, a2) = Paths("surrogate-replace");
        File.WriteAllText(f2, bad, Encoding.UTF8);
        AtomicFile.WriteAllText(a2, bad, Encoding.UTF8);
        AssertSameBytes(f2, a2);
    }

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void Each_build_of_the_library_writes_what_File_writes(string build)
    {
        ProcResult r = Child.RunBuild(build, Array.Empty<string>(), "identity", _dir.Path);
        Assert.Equal("identical 40", r.Stdout.Trim());
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Replacing_a_longer_file_leaves_no_tail()
    {
        string a = _dir.File("shrink");
        AtomicFile.WriteAllText(a, new string('x', 10_000));
        AtomicFile.WriteAllText(a, "short");
        Assert.Equal("short", File.ReadAllText(a));
        Assert.Empty(_dir.Temps());
    }
}
