using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>Bad input gets the exception type File throws, the original stays untouched and no temp is left.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _original;

    public BadInputTests()
    {
        _original = _dir.File("original.txt");
        File.WriteAllText(_original, "keep me");
        File.WriteAllText(_dir.File("plain-file"), "not a directory");
        Directory.CreateDirectory(_dir.File("subdir"));
    }

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> BadPaths()
    {
        yield return new object[] { "empty", "" };
        yield return new object[] { "nul", "a\0b" };
        yield return new object[] { "directory", "{dir}/subdir" };
        yield return new object[] { "trailing-slash", "{dir}/new/" };
        yield return new object[] { "missing-directory", "{dir}/missing/file.txt" };
        yield return new object[] { "file-as-directory", "{dir}/plain-file/x.txt" };
        yield return new object[] { "long-name", "{dir}/" + new string('n', 300) };
        yield return new object[] { "long-path", "{dir}/" + string.Join("/", Enumerable.Repeat(new string('p', 200), 25)) };
    }

    private void AssertUntouched()
    {
        Assert.Equal("keep me", File.ReadAllText(_original));
        Assert.Equal(new[] { "original.txt", "plain-file", "subdir" }, _dir.Entries().Where(e => e != "pipe").ToArray());
        Assert.Empty(_dir.Temps());
    }

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Every_overload_throws_what_File_throws(string label, string rawPath)
    {
        string path = rawPath.Replace("{dir}", _dir.Path);
        var pairs = new (Action File, Action Atomic)[]
        {
            (() => File.WriteAllText(path, "x"), () => AtomicFile.WriteAllText(path, "x")),
            (() => File.WriteAllText(path, "x", Encoding.UTF8), () => AtomicFile.WriteAllText(path, "x", Encoding.UTF8)),
            (() => File.WriteAllText(path, "x".AsSpan()), () => AtomicFile.WriteAllText(path, "x".AsSpan())),
            (() => File.WriteAllBytes(path, new byte[1]), () => AtomicFile.WriteAllBytes(path, new byte[1])),
            (() => File.WriteAllBytes(path, new ReadOnlySpan<byte>(new byte[1])), () => AtomicFile.WriteAllBytes(path, new ReadOnlySpan<byte>(new byte[1]))),
            (() => File.WriteAllLines(path, new[] { "x" }), () => AtomicFile.WriteAllLines(path, new[] { "x" })),
            (() => File.WriteAllLines(path, new List<string> { "x" }, Encoding.Unicode), () => AtomicFile.WriteAllLines(path, new List<string> { "x" }, Encoding.Unicode)),
            (() => File.Create(path).Dispose(), () => AtomicFile.Create(path).Dispose()),
            (() => File.CreateText(path).Dispose(), () => AtomicFile.CreateText(path).Dispose()),
            (() => File.WriteAllTextAsync(path, "x").GetAwaiter().GetResult(), () => AtomicFile.WriteAllTextAsync(path, "x").GetAwaiter().GetResult()),
            (() => File.WriteAllBytesAsync(path, new byte[1]).GetAwaiter().GetResult(), () => AtomicFile.WriteAllBytesAsync(path, new byte[1]).GetAwaiter().GetResult()),
            (() => File.WriteAllLinesAsync(path, new[] { "x" }).GetAwaiter().GetResult(), () => AtomicFile.WriteAllLinesAsync(path, new[] { "x" }).GetAwaiter().GetResult()),
        };

        foreach (var (file, atomic) in pairs)
        {
            Exception expected = Assert.ThrowsAny<Exception>(file);
            Exception actual = Assert.ThrowsAny<Exception>(atomic);
            Assert.True(expected.GetType() == actual.GetType(), $"{label}: File threw {expected.GetType().Name}, AtomicFile threw {actual.GetType().Name}: {actual.Message}");
            AssertUntouched();
        }
    }

    [Fact]
    public void Null_arguments_throw_ArgumentNullException_naming_the_parameter()
    {
        string p = _dir.File("n");
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllText(null!, "x")).ParamName);
        Assert.Equal("encoding", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllText(p, "x", (Encoding)null!)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllBytes(p, (byte[])null!)).ParamName);
        Assert.Equal("contents", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllLines(p, (string[])null!)).ParamName);
        Assert.Equal("contents", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllLines(p, (IEnumerable<string>)null!, Encoding.UTF8)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllText(p, "x", (AtomicWriteOptions)null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => AtomicFile.Create(p, null!)).ParamName);

        // The async forms validate synchronously, like File's.
        Assert.Throws<ArgumentNullException>(() => { _ = AtomicFile.WriteAllTextAsync(null!, "x"); });
        Assert.Throws<ArgumentNullException>(() => { _ = AtomicFile.WriteAllBytesAsync(p, (byte[])null!); });
        Assert.Throws<ArgumentNullException>(() => { _ = AtomicFile.WriteAllLinesAsync(p, null!); });
        Assert.Throws<ArgumentException>(() => { _ = AtomicFile.WriteAllTextAsync("", "x"); });
        Assert.False(File.Exists(p));
        AssertUntouched();
    }

    [Fact]
    public void A_fifo_is_not_replaced_by_a_regular_file()
    {
        string fifo = _dir.File("pipe");
        Sh.Run("mkfifo", fifo).EnsureOk();
        var e = Assert.Throws<AtomicWriteException>(() => AtomicFile.WriteAllText(fifo, "x"));
        Assert.Equal(AtomicWriteFailure.NotARegularFile, e.Reason);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal("p", Sh.Run("stat", "-c", "%A", fifo).EnsureOk().Stdout.Trim().Substring(0, 1));
        Assert.Empty(_dir.Temps());
    }

    [Fact]
    public void Messages_name_the_path_the_OS_error_and_the_untouched_original()
    {
        string path = _dir.File("missing/file.txt");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains(path, e.Message);
        Assert.Contains("ENOENT", e.Message);
        Assert.Contains("original file is unchanged", e.Message);
    }

    [Fact]
    public async Task A_cancelled_write_publishes_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Task t = AtomicFile.WriteAllTextAsync(_original, "changed", cts.Token);
        Assert.True(t.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAllBytesAsync(_original, new byte[3], cts.Token));

        // Cancelled while the lines are being written.
        using var mid = new CancellationTokenSource();
        IEnumerable<string> Lines()
        {
            yield return "one";
            yield return "two";
            mid.Cancel();
            yield return "three";
            yield return "four";
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAllLinesAsync(_original, Lines(), mid.Token));
        AssertUntouched();
    }

    [Fact]
    public void An_exception_from_the_lines_enumerator_publishes_nothing()
    {
        IEnumerable<string> Lines()
        {
            yield return "one";
            throw new InvalidOperationException("producer failed");
        }

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAllLines(_original, Lines()));
        AssertUntouched();
    }
}
