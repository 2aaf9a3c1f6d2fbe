using System.Threading.Tasks;
using Xunit;
using static AtomicWrite.Analyzers.Tests.Rules.AW0002.AW0002Diagnostics;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0002;

/// <summary>
/// AW0002 through a project's own path type: a temp opened by the type's <c>Open…</c> method with the caller's
/// FileMode, then moved by the type's <c>MoveTo…</c> method (an instance method or an extension on it). Each flawed
/// shape has a correct twin (unique temp, flushed to disk) that stays quiet.
/// </summary>
public class AW0002PathTypeTests
{
    private const string PathType = @"using System;
using System.IO;
using System.Threading.Tasks;
public readonly struct AbsolutePath
{
    private readonly string _p;
    public AbsolutePath(string p) => _p = p;
    public override string ToString() => _p;
    public AbsolutePath WithExtension(string extension) => new AbsolutePath(_p + extension);
    public void MoveTo(AbsolutePath destination, bool overwrite = false) => File.Move(_p, destination.ToString(), overwrite);
}
public static class AbsolutePathExtensions
{
    public static FileStream Open(this AbsolutePath file, FileMode mode, FileAccess access = FileAccess.Read) => File.Open(file.ToString(), mode, access);
    public static ValueTask MoveToAsync(this AbsolutePath source, AbsolutePath destination, bool overwrite)
    {
        File.Move(source.ToString(), destination.ToString(), overwrite);
        return default;
    }
}
";

    [Fact]
    public async Task Temp_opened_and_moved_by_extension_methods_of_a_path_type()
    {
        var d = await Single(PathType + @"class Store
{
    AbsolutePath GetPath(string key) => new AbsolutePath(Path.Combine(""settings"", key + "".json""));
    public async Task Save(string key, byte[] data)
    {
        var tmp = GetPath(key).WithExtension("".tmp"");
        await using (var s = tmp.Open(FileMode.Create, FileAccess.Write))
        {
            s.Write(data, 0, data.Length);
        }

        await tmp.MoveToAsync(GetPath(key), true);
    }
}", 27);
        Assert.Contains("NoFlush", Flaws(d));
        Assert.Equal(32, d.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task Temp_left_with_a_stale_tail_and_moved_by_an_instance_method()
    {
        var d = await Single(PathType + @"class Store
{
    public void Save(AbsolutePath target, byte[] data)
    {
        var tmp = target.WithExtension("".new"");
        using (var s = tmp.Open(FileMode.OpenOrCreate, FileAccess.Write))
        {
            s.Write(data, 0, data.Length);
            s.Flush(true);
        }

        tmp.MoveTo(target, overwrite: true);
    }
}", 26);
        Assert.Contains("stale bytes", Message(d));
    }

    [Fact]
    public Task Unique_flushed_temp_moved_by_the_path_type_is_quiet() => Quiet(PathType + @"class Store
{
    public async Task Save(AbsolutePath target, byte[] data)
    {
        var tmp = target.WithExtension(""."" + Guid.NewGuid().ToString(""N"") + "".tmp"");
        await using (var s = tmp.Open(FileMode.CreateNew, FileAccess.Write))
        {
            s.Write(data, 0, data.Length);
            s.Flush(true);
        }

        await tmp.MoveToAsync(target, true);
    }
}");
}
