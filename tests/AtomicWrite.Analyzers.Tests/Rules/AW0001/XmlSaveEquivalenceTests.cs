using System;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// The XML fix replaces <c>doc.Save(path)</c> with a save into <c>AtomicFile.Create(path)</c> that is then committed.
/// These tests run both forms against real files and require byte-identical output (encoding, BOM, declaration,
/// indentation), so that the fix changes durability and nothing else.
/// </summary>
public sealed class XmlSaveEquivalenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aw-xmlsave-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string?> Documents => new()
    {
        { "<settings><theme>dark</theme><ü>ß</ü></settings>", null },
        { "<?xml version=\"1.0\" encoding=\"utf-16\"?><settings a=\"1\" />", null },
        { "<?xml version=\"1.0\" encoding=\"iso-8859-1\" standalone=\"yes\"?><s>é</s>", null },
        { "<settings>\n  <token>x</token>\n</settings>", "DisableFormatting" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void XDocument_save_through_an_atomic_stream_writes_the_same_bytes(string xml, string? options)
    {
        var doc = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
        var direct = Path.Combine(_dir, "direct.xml");
        var atomic = Path.Combine(_dir, "atomic.xml");
        File.WriteAllText(atomic, "old content that must disappear entirely, longer than the new document");

        if (options is null)
        {
            doc.Save(direct);
            using (var stream = AtomicFile.Create(atomic))
            {
                doc.Save(stream);
                stream.Commit();
            }
        }
        else
        {
            var saveOptions = Enum.Parse<SaveOptions>(options);
            doc.Save(direct, saveOptions);
            using (var stream = AtomicFile.Create(atomic))
            {
                doc.Save(stream, saveOptions);
                stream.Commit();
            }
        }

        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(atomic));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void XElement_save_through_an_atomic_stream_writes_the_same_bytes(string xml, string? options)
    {
        var element = XDocument.Parse(xml).Root!;
        var direct = Path.Combine(_dir, "direct.xml");
        var atomic = Path.Combine(_dir, "atomic.xml");
        var saveOptions = options is null ? SaveOptions.None : Enum.Parse<SaveOptions>(options);

        element.Save(direct, saveOptions);
        using (var stream = AtomicFile.Create(atomic))
        {
            element.Save(stream, saveOptions);
            stream.Commit();
        }

        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(atomic));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void XmlDocument_save_through_an_atomic_stream_writes_the_same_bytes(string xml, string? preserveWhitespace)
    {
        var document = new XmlDocument { PreserveWhitespace = preserveWhitespace != null };
        document.LoadXml(xml);
        var direct = Path.Combine(_dir, "direct.xml");
        var atomic = Path.Combine(_dir, "atomic.xml");

        document.Save(direct);
        using (var stream = AtomicFile.Create(atomic))
        {
            document.Save(stream);
            stream.Commit();
        }

        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(atomic));
        Assert.NotEmpty(File.ReadAllBytes(atomic));
    }

    [Fact]
    public void Without_commit_the_target_keeps_its_old_bytes()
    {
        var target = Path.Combine(_dir, "settings.xml");
        File.WriteAllText(target, "<old />", new UTF8Encoding(false));
        var doc = XDocument.Parse("<new />");

        Action failingSave = () =>
        {
            using (var stream = AtomicFile.Create(target))
            {
                doc.Save(stream);
                throw new InvalidOperationException("failure before the commit");
            }
        };

        Assert.Throws<InvalidOperationException>(failingSave);

        Assert.Equal("<old />", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
