using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a method that reads a file from the same local, parameter or member path and writes back content made from
/// what it read (an entry updated, the text encrypted or decrypted) rewrites the only copy of that data in place. A read
/// that only decides whether to write (an unchanged-content check) is not such a rewrite.
/// </summary>
public class AW0001ReadModifyWriteTests
{
    [Fact]
    public Task Text_read_transformed_and_written_back_to_the_same_parameter() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Crypto
{
    public static string Encrypt(string text) => text;
}
class Vault
{
    public void EncryptInPlace(string file)
    {
        var text = File.ReadAllText(file);
        var encrypted = Crypto.Encrypt(text);
        {|AW0001:File.WriteAllText(file, encrypted)|};
    }
}");

    [Fact]
    public Task Bytes_decoded_and_written_back_through_a_stream() => Verify.AnalyzersAsync(Verify.Usings + @"
class Scrambler
{
    public void Toggle(string dir)
    {
        var path = Path.Combine(dir, ""n.x"");
        var data = File.ReadAllBytes(path);
        for (var i = 0; i < data.Length; i++) data[i] ^= 0x5A;
        using var stream = {|AW0001:File.Create(path)|};
        stream.Write(data, 0, data.Length);
    }
}");

    [Fact]
    public Task Lines_reassigned_and_written_back_inline() => Verify.AnalyzersAsync(Verify.Usings + @"
class Hosts
{
    private readonly string _target;
    public Hosts(string target) { _target = target; }
    public void Remove(string host)
    {
        {|AW0001:File.WriteAllLines(_target, System.Linq.Enumerable.Where(File.ReadAllLines(_target), l => l != host))|};
    }
}");

    [Fact]
    public async Task Message_names_the_read()
    {
        var diagnostics = await Verify.DiagnosticsAsync(Verify.Usings + @"
class Editor
{
    public void Upper(string file)
    {
        var text = File.ReadAllText(file);
        text = text.ToUpperInvariant();
        File.WriteAllText(file, text);
    }
}");
        var d = Assert.Single(diagnostics);
        Assert.Contains("its old content is read by 'File.ReadAllText' and rewritten in place", d.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task Unchanged_content_check_before_rewriting_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Generator
{
    public void Emit(string file, string generated)
    {
        if (File.Exists(file) && File.ReadAllText(file) == generated) return;
        File.WriteAllText(file, generated);
    }
    public void EmitIfChanged(string file, string generated)
    {
        var old = File.ReadAllText(file);
        var same = old == generated;
        if (!same) File.WriteAllText(file, generated);
    }
}");

    [Fact]
    public Task Another_path_a_later_read_or_a_quiet_name_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class Converter
{
    public void Convert(string source, string target)
    {
        var text = File.ReadAllText(source);
        File.WriteAllText(target, text.ToUpperInvariant());
    }
    public string Roundtrip(string file, string text)
    {
        File.WriteAllText(file, text);
        return File.ReadAllText(file);
    }
    public void RotateLog(string logFile)
    {
        var text = File.ReadAllText(logFile);
        File.WriteAllText(logFile, text.Substring(text.Length / 2));
    }
}");
}
