using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>AW0001: sinks beyond File/FileStream/StreamWriter (XML writers, zip extraction, ACL overloads).</summary>
public class AW0001SinkModelTests
{
    private static Task Reported(string body, string? members = null) =>
        Verify.AnalyzersAsync(Verify.Usings + "using System.Xml;\nusing System.IO.Compression;\npartial class C\n{\n" + (members ?? string.Empty) + "\n    async Task M(string json, byte[] bytes, string dir, ZipArchiveEntry entry, FileInfo info)\n    {\n        " + body + "\n        await Task.CompletedTask;\n    }\n}\n");

    [Fact]
    public Task XmlWriter_Create_with_a_path() => Reported(@"using var w = {|AW0001:XmlWriter.Create(""settings.xml"")|};");

    [Fact]
    public Task XmlWriter_Create_with_a_path_and_settings() => Reported(@"using var w = {|AW0001:XmlWriter.Create(Path.Combine(dir, ""user.config""), new XmlWriterSettings { Indent = true })|};");

    [Fact]
    public Task XmlWriter_Create_over_a_stream_or_writer_is_not_a_sink() => Reported(@"using var w = XmlWriter.Create(new MemoryStream()); using var t = XmlWriter.Create(new StringWriter());");

    [Fact]
    public Task New_XmlTextWriter_with_a_path() => Reported(@"using var w = {|AW0001:new XmlTextWriter(""accounts.xml"", Encoding.UTF8)|};");

    [Fact]
    public Task New_XmlTextWriter_over_a_stream_is_not_a_sink() => Reported(@"using var w = new XmlTextWriter(new MemoryStream(), Encoding.UTF8);");

    [Fact]
    public Task FileInfo_Open_Create() => Reported(@"using var s = {|AW0001:new FileInfo(""settings.json"").Open(FileMode.Create, FileAccess.Write)|};");

    [Fact]
    public Task FileInfo_OpenWrite_Create_CreateText() => Reported(@"var f = new FileInfo(""credentials.json""); using var a = {|AW0001:f.OpenWrite()|}; using var b = {|AW0001:f.Create()|}; using var c = {|AW0001:f.CreateText()|};");

    [Fact]
    public Task ZipArchiveEntry_ExtractToFile_with_overwrite() => Reported(@"{|AW0001:entry.ExtractToFile(""settings.json"", overwrite: true)|};");

    [Fact]
    public Task ZipArchiveEntry_ExtractToFile_without_overwrite_is_quiet() => Reported(@"entry.ExtractToFile(""settings.json""); entry.ExtractToFile(""config.json"", false);");

    [Fact]
    public Task FileSystemAclExtensions_Create_with_FileMode_Create() => Reported(
        @"using var s = {|AW0001:info.Create(FileMode.Create, System.Security.AccessControl.FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, new System.Security.AccessControl.FileSecurity())|};".Replace("info.", "new FileInfo(\"secrets.json\")."));

    [Fact]
    public Task FileSystemAclExtensions_Create_with_CreateNew_is_quiet() => Reported(
        @"using var s = new FileInfo(""secrets.json"").Create(FileMode.CreateNew, System.Security.AccessControl.FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, null);");

    [Fact]
    public async Task NetFramework_File_Create_with_FileSecurity_that_does_not_bind_is_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class C
{
    void M(System.Security.AccessControl.FileSecurity security)
    {
        using var s = File.Create(""tokens.json"", 4096, FileOptions.None, security);
    }
}");
        var d = Assert.Single(diagnostics.Where(x => x.Id == "AW0001"));
        Assert.Contains("File.Create", d.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task NetFramework_FileStream_with_FileSystemRights_that_does_not_bind_is_reported()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
using System.Security.AccessControl;
class C
{
    void M(FileSecurity security)
    {
        using var s = new FileStream(""tokens.json"", FileMode.Create, FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, security);
        using var r = new FileStream(""keys.json"", FileMode.Open, FileSystemRights.Read, FileShare.None, 4096, FileOptions.None, security);
    }
}");
        var d = Assert.Single(diagnostics.Where(x => x.Id == "AW0001"));
        Assert.Contains("tokens.json", d.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unbound_FileInfo_Create_with_ACL_arguments_is_judged_by_its_mode_by_name()
    {
        // The security argument has the wrong type, so the ACL overload does not bind (as on a target without it).
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
using System.Security.AccessControl;
class C
{
    void M(int security)
    {
        using var a = new FileInfo(""tokens.json"").Create(FileMode.Create, FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, security);
        using var b = new FileInfo(""secrets.json"").Create(FileMode.CreateNew, FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, security);
    }
}");
        var d = Assert.Single(diagnostics.Where(x => x.Id == "AW0001"));
        Assert.Contains("tokens.json", d.GetMessage(CultureInfo.InvariantCulture));
    }
}
