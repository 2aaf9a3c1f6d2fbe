using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: content the program encrypts before writing it (an Encrypt…/Protect call, or a CryptoStream over the written
/// stream) is a secret it keeps, whatever the file is called; an encrypted export or backup stays quiet.
/// </summary>
public class AW0001EncryptedContentTests
{
    private const string Crypto = @"
static class Crypto
{
    public static byte[] Encrypt(byte[] data) => data;
    public static byte[] Compress(byte[] data) => data;
}
";

    [Fact]
    public Task Encrypted_bytes_written_to_a_neutral_name_are_reported() => Verify.AnalyzersAsync(Verify.Usings + Crypto + @"
class Store
{
    void Keep(string dir, byte[] data)
    {
        {|AW0001:File.WriteAllBytes(Path.Combine(dir, ""data.bin""), Crypto.Encrypt(data))|};
        var sealedBytes = Crypto.Encrypt(data);
        {|AW0001:File.WriteAllBytes(Path.Combine(dir, ""state.bin""), sealedBytes)|};
        File.WriteAllBytes(Path.Combine(dir, ""blob.bin""), Crypto.Compress(data));
    }
}");

    [Fact]
    public Task Content_local_set_to_its_encrypted_form_in_a_branch_is_reported() => Verify.AnalyzersAsync(Verify.Usings + Crypto + @"
class Store
{
    void Keep(string dir, string id, string json, bool encrypt)
    {
        var content = json;
        if (encrypt)
        {
            var sealedText = Convert.ToBase64String(Crypto.Encrypt(Encoding.UTF8.GetBytes(json)));
            content = sealedText;
        }

        {|AW0001:File.WriteAllText(dir + ""/entries/"" + id + "".entry"", content)|};
        var plain = json;
        plain = plain.Trim();
        File.WriteAllText(dir + ""/entries/"" + id + "".txt"", plain);
    }
}");

    [Fact]
    public Task Stream_handed_to_a_crypto_stream_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
using System.Security.Cryptography;
class Store
{
    void Keep(string dir, byte[] data, Aes aes)
    {
        using var fs = {|AW0001:File.Create(Path.Combine(dir, ""blob.dat""))|};
        using var cs = new CryptoStream(fs, aes.CreateEncryptor(), CryptoStreamMode.Write);
        cs.Write(data, 0, data.Length);
    }
}");

    [Fact]
    public Task Stream_of_a_path_types_open_handed_to_a_protect_helper_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
public readonly struct AbsolutePath
{
    private readonly string _p;
    public AbsolutePath(string p) => _p = p;
    public override string ToString() => _p;
}
public static class Extensions
{
    public static Stream Open(this AbsolutePath file, FileMode mode, FileAccess access = FileAccess.Read) => File.Open(file.ToString(), mode, access);
    public static Stream Protect(this Stream inner, string key) => inner;
}
class Store
{
    void Keep(AbsolutePath target, byte[] data)
    {
        using var fs = {|AW0001:target.Open(FileMode.Create, FileAccess.Write)|};
        using var sealedStream = fs.Protect(""key"");
        sealedStream.Write(data, 0, data.Length);
    }
    void Plain(AbsolutePath target, byte[] data)
    {
        using var fs = target.Open(FileMode.Create, FileAccess.Write);
        fs.Write(data, 0, data.Length);
    }
}");

    [Fact]
    public Task Encrypted_export_or_backup_stays_quiet() => Verify.AnalyzersAsync(Verify.Usings + Crypto + @"
class Store
{
    void Export(string dir, byte[] data)
    {
        File.WriteAllBytes(Path.Combine(dir, ""export.bin""), Crypto.Encrypt(data));
        File.WriteAllBytes(Path.Combine(dir, ""vault.bak""), Crypto.Encrypt(data));
    }
}");
}
