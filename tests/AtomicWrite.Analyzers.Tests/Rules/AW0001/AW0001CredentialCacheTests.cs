using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: secrets beat quiet words. A token, credential, cookie or session cache is a credential file even when it is
/// called a cache; other caches stay quiet.
/// </summary>
public class AW0001CredentialCacheTests
{
    [Theory]
    [InlineData("token_cache.json")]
    [InlineData("msal.cache")]
    [InlineData("TokenCache.bin")]
    [InlineData("session.cache")]
    [InlineData("cookies.cache")]
    [InlineData("uniqueid.cache")]
    [InlineData("deviceid_cache.txt")]
    public Task Credential_cache_file_names_are_reported(string fileName) => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string dir, byte[] b) => {|AW0001:File.WriteAllBytes(Path.Combine(dir, """ + fileName + @"""), b)|}; }");

    [Fact]
    public Task Credential_file_in_a_cache_folder_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void M(string home, string json) => {|AW0001:File.WriteAllText(Path.Combine(home, "".cache"", ""app"", ""tokens.json""), json)|};
    void N(string cacheDir, string json) => {|AW0001:File.WriteAllText(Path.Combine(cacheDir, ""credentials.json""), json)|};
}");

    [Fact]
    public Task Token_cache_identifier_and_type_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class TokenCache { public string Access = """"; }
class TokenCacheStore
{
    private readonly string _tokenCachePath;
    private readonly string _file;
    public TokenCacheStore(string tokenCachePath, string file) { _tokenCachePath = tokenCachePath; _file = file; }
    public void Save(byte[] b) => {|AW0001:File.WriteAllBytes(_tokenCachePath, b)|};
    public void SaveCache(TokenCache cache) => {|AW0001:File.WriteAllText(_file, System.Text.Json.JsonSerializer.Serialize(cache))|};
}");

    [Fact]
    public Task A_msal_cache_saved_by_a_cache_helper_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class MsalCacheHelper
{
    public void SaveCache(string dir, byte[] b) => {|AW0001:File.WriteAllBytes(Path.Combine(dir, ""msal.cache""), b)|};
}");

    [Fact]
    public Task Session_and_identity_cache_identifiers_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Store
{
    private readonly string _sessionCacheFile;
    private readonly string _uniqueIdCachePath;
    public Store(string a, string b) { _sessionCacheFile = a; _uniqueIdCachePath = b; }
    public void A(string s) => {|AW0001:File.WriteAllText(_sessionCacheFile, s)|};
    public void B(string s) => {|AW0001:File.WriteAllText(_uniqueIdCachePath, s)|};
}");

    [Fact]
    public Task Other_caches_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class ImageCache { public string Url = """"; }
class CacheWriter
{
    private readonly string _cachePath = ""index.dat"";
    void A(string dir, byte[] b) => File.WriteAllBytes(Path.Combine(dir, ""thumbs.cache""), b);
    void B(string dir, byte[] b) => File.WriteAllBytes(Path.Combine(dir, ""cache"", ""avatars.json""), b);
    void C(byte[] b) => File.WriteAllBytes(_cachePath, b);
    void D(string dir, ImageCache c) => File.WriteAllText(Path.Combine(dir, ""images.json""), System.Text.Json.JsonSerializer.Serialize(c));
    void E(string dir, string s) => File.WriteAllText(Path.Combine(dir, ""sessionlog.txt""), s);
    void F(string dir, string s) => File.WriteAllText(Path.Combine(dir, ""itemid.cache""), s);
    void G(string dir, string s) => File.WriteAllText(Path.Combine(dir, ""device.cache""), s);
}");

    [Fact]
    public Task Other_quiet_words_still_quiet_a_credential_name() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void A(string dir, string s) => File.WriteAllText(Path.Combine(dir, ""token.log""), s);
    void B(string tokenExportPath, string s) => File.WriteAllText(tokenExportPath, s);
}");
}
