using System.Threading.Tasks;
using AtomicWrite.Analyzers.InPlaceWrites;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: names glued together in one case (<c>hardwarekey</c>, <c>apitoken</c>, <c>CONFIGFILE</c>) are split into
/// the words of the vocabulary, without making new false words of "monkey", "keyboard", "tokenizer" or "donkey".
/// </summary>
public class AW0001GluedNameTests
{
    [Theory]
    [InlineData("hardwarekey", "hardware key")]
    [InlineData("apitoken", "api token")]
    [InlineData("configfile", "config file")]
    [InlineData("tokencache", "token cache")]
    [InlineData("usersettings", null)]
    [InlineData("errorlog", "error log")]
    [InlineData("authtoken", "auth token")]
    public void Glued_words_split_into_vocabulary_words(string word, string? parts) =>
        Assert.Equal(parts, Vocabulary.Glued(word) is { } split ? string.Join(" ", split) : null);

    [Theory]
    [InlineData("monkey")]
    [InlineData("keyboard")]
    [InlineData("tokenizer")]
    [InlineData("donkey")]
    [InlineData("turkey")]
    [InlineData("hockey")]
    [InlineData("template")]
    [InlineData("statement")]
    [InlineData("authority")]
    [InlineData("catalog")]
    [InlineData("dialog")]
    [InlineData("login")]
    [InlineData("logout")]
    [InlineData("android")]
    [InlineData("invalid")]
    [InlineData("latest")]
    [InlineData("concert")]
    [InlineData("keynote")]
    [InlineData("profiler")]
    public void Ordinary_words_do_not_split(string word) => Assert.Null(Vocabulary.Glued(word));

    [Fact]
    public void Constant_names_in_upper_case_split_too() =>
        Assert.Equal(new[] { "configfile", "config", "file" }, Vocabulary.Words("CONFIGFILE"));

    [Theory]
    [InlineData("hardwarekey.txt")]
    [InlineData("apitoken.dat")]
    [InlineData("tokencache.dat")]
    [InlineData("appconfig.json")]
    public Task Glued_file_names_are_reported(string fileName) => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string dir, string s) => {|AW0001:File.WriteAllText(Path.Combine(dir, """ + fileName + @"""), s)|}; }");

    [Fact]
    public Task Glued_identifiers_and_constant_names_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    private const string CONFIGFILE = ""app.dat"";
    private readonly string _apitokenpath;
    public C(string apitokenpath) { _apitokenpath = apitokenpath; }
    void A(string dir, string s) => {|AW0001:File.WriteAllText(Path.Combine(dir, CONFIGFILE), s)|};
    void B(string s) => {|AW0001:File.WriteAllText(_apitokenpath, s)|};
}");

    [Theory]
    [InlineData("monkey.txt")]
    [InlineData("keyboard.json")]
    [InlineData("tokenizer.json")]
    [InlineData("donkey.dat")]
    [InlineData("errorlog.json")]
    public Task Ordinary_and_quiet_glued_file_names_stay_quiet(string fileName) => Verify.AnalyzersAsync(Verify.Usings + @"
class C { void M(string dir, string s) => File.WriteAllText(Path.Combine(dir, """ + fileName + @"""), s); }");

    [Fact]
    public Task Ordinary_identifiers_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    private readonly string _monkeypath = ""a.dat"";
    private readonly string _keyboardlayout = ""b.dat"";
    private readonly string _tokenizerfile = ""c.dat"";
    void A(string s) => File.WriteAllText(_monkeypath, s);
    void B(string s) => File.WriteAllText(_keyboardlayout, s);
    void D(string s) => File.WriteAllText(_tokenizerfile, s);
}");
}
