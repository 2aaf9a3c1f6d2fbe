using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>AW0001 on System.IO.Abstractions, resolved by name (a minimal copy of the interfaces' shape in source).</summary>
public class AW0001AbstractionsTests
{
    private const string Interfaces = @"
namespace System.IO.Abstractions
{
    public interface IFileSystem { IFile File { get; } IFileInfoFactory FileInfo { get; } IFileStreamFactory FileStream { get; } }
    public interface IFile
    {
        void WriteAllText(string path, string? contents);
        System.Threading.Tasks.Task WriteAllBytesAsync(string path, byte[] bytes, System.Threading.CancellationToken cancellationToken = default);
        System.IO.Stream Create(string path);
        System.IO.Stream Open(string path, System.IO.FileMode mode);
        System.IO.StreamWriter CreateText(string path);
        void AppendAllText(string path, string? contents);
        string ReadAllText(string path);
        void Move(string sourceFileName, string destFileName, bool overwrite);
    }
    public interface IFileInfo { System.IO.Stream OpenWrite(); System.IO.Stream Create(); System.IO.Stream Open(System.IO.FileMode mode); string FullName { get; } }
    public interface IFileInfoFactory { IFileInfo New(string fileName); }
    public interface IFileStreamFactory { System.IO.Stream New(string path, System.IO.FileMode mode); }
    public abstract class FileBase : IFile
    {
        public abstract void WriteAllText(string path, string? contents);
        public abstract System.Threading.Tasks.Task WriteAllBytesAsync(string path, byte[] bytes, System.Threading.CancellationToken cancellationToken = default);
        public abstract System.IO.Stream Create(string path);
        public abstract System.IO.Stream Open(string path, System.IO.FileMode mode);
        public abstract System.IO.StreamWriter CreateText(string path);
        public abstract void AppendAllText(string path, string? contents);
        public abstract string ReadAllText(string path);
        public abstract void Move(string sourceFileName, string destFileName, bool overwrite);
    }
}
";

    [Fact]
    public Task IFile_sinks_are_reported() => Verify.AnalyzersAsync(Verify.Usings + Interfaces + @"
class SettingsUtils
{
    private readonly System.IO.Abstractions.IFileSystem _fs;
    public SettingsUtils(System.IO.Abstractions.IFileSystem fs) { _fs = fs; }
    public async Task M(string dir, string json, byte[] key)
    {
        {|AW0001:_fs.File.WriteAllText(Path.Combine(dir, ""settings.json""), json)|};
        await {|AW0001:_fs.File.WriteAllBytesAsync(Path.Combine(dir, ""signing.key""), key)|};
        using var a = {|AW0001:_fs.File.Create(Path.Combine(dir, ""tokens.json""))|};
        using var b = {|AW0001:_fs.File.Open(Path.Combine(dir, ""app.ini""), FileMode.Truncate)|};
        using var c = {|AW0001:_fs.File.CreateText(Path.Combine(dir, ""user.config""))|};
        using var d = {|AW0001:_fs.FileInfo.New(Path.Combine(dir, ""secrets.json"")).OpenWrite()|};
        using var e = {|AW0001:_fs.FileStream.New(Path.Combine(dir, ""state.json""), FileMode.Create)|};
    }
}");

    [Fact]
    public Task IFile_quiet_cases() => Verify.AnalyzersAsync(Verify.Usings + Interfaces + @"
class C
{
    public void M(System.IO.Abstractions.IFileSystem fs, string dir, string json)
    {
        fs.File.AppendAllText(Path.Combine(dir, ""settings.json""), json);
        fs.File.ReadAllText(Path.Combine(dir, ""settings.json""));
        using var a = fs.File.Open(Path.Combine(dir, ""settings.json""), FileMode.CreateNew);
        fs.File.WriteAllText(Path.Combine(dir, ""app.log""), json);
        var tmp = Path.Combine(dir, ""settings.json.tmp"");
        fs.File.WriteAllText(tmp, json);
        fs.File.Move(tmp, Path.Combine(dir, ""settings.json""), true);
    }
}");

    [Fact]
    public Task Implementation_class_of_IFile_is_a_sink_too() => Verify.AnalyzersAsync(Verify.Usings + Interfaces + @"
class C { void M(System.IO.Abstractions.FileBase file, string json) => {|AW0001:file.WriteAllText(""credentials.json"", json)|}; }");

    [Fact]
    public async Task Sink_property_is_Abstraction()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + Interfaces + @"
class C { void M(System.IO.Abstractions.IFileSystem fs, string json) => fs.File.WriteAllText(""settings.json"", json); }");
        var d = Assert.Single(diagnostics);
        Assert.Equal("Abstraction", d.Properties["Sink"]);
        Assert.StartsWith("IFile.WriteAllText overwrites 'settings.json' in place", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
