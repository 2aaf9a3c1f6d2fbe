using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a generic helper of the program serializes its <c>T</c> parameter into the file its path parameter names,
/// and the program loads the same type back through a generic helper that reads a file. The round trip is decided by
/// the type argument of the call site.
/// </summary>
public class AW0001GenericHelperRoundTripTests
{
    /// <summary>A minimal Newtonsoft-shaped API (the real package is not referenced in these compilations).</summary>
    private const string Newtonsoft = @"
namespace Newtonsoft.Json
{
    public enum Formatting { None, Indented }
    public static class JsonConvert
    {
        public static string SerializeObject(object? value, Formatting formatting = Formatting.None) => """";
        public static T? DeserializeObject<T>(string value) => default;
    }
}
";

    /// <summary>The helpers; <paramref name="reported"/> marks SaveJson's own write, reported when a call site is.</summary>
    private static string Helpers(bool reported) => @"
public interface IRule { string Name { get; } }
static class JsonHelpers
{
    public static void SaveJson<T>(T obj, string path, bool indented = true)
    {
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(obj, indented ? Newtonsoft.Json.Formatting.Indented : Newtonsoft.Json.Formatting.None);
        WRITE;
    }
    public static void ExportJson<T>(T obj, string path) => File.WriteAllText(path, Newtonsoft.Json.JsonConvert.SerializeObject(obj));
    public static T? LoadJson<T>(string path)
    {
        var text = File.ReadAllText(path);
        return Newtonsoft.Json.JsonConvert.DeserializeObject<T>(text);
    }
    public static T? FromJson<T>(string json) => Newtonsoft.Json.JsonConvert.DeserializeObject<T>(json);
}
".Replace("WRITE", reported ? "{|AW0001:File.WriteAllText(path, json)|}" : "File.WriteAllText(path, json)", System.StringComparison.Ordinal);

    [Fact]
    public Task Saved_through_a_generic_helper_and_loaded_through_its_generic_counterpart() => Verify.AnalyzersAsync(Verify.Usings + Newtonsoft + Helpers(reported: true) + @"
class RuleStore
{
    public void Save(System.Collections.Generic.IList<IRule> rules, string path) => {|AW0001:JsonHelpers.SaveJson(rules, path)|};
    public System.Collections.Generic.IList<IRule>? Load(string path) => JsonHelpers.LoadJson<System.Collections.Generic.IList<IRule>>(path);
}");

    [Fact]
    public Task The_loaders_type_argument_is_read_from_its_call_site() => Verify.AnalyzersAsync(Verify.Usings + Newtonsoft + Helpers(reported: true) + @"
public class Profile { public string Name { get; set; } = """"; }
class ProfileStore
{
    private readonly string _dir = AppContext.BaseDirectory;
    public void Save(Profile[] profiles, string id) => {|AW0001:JsonHelpers.SaveJson(profiles, Path.Combine(_dir, id + "".dat""))|};
    public System.Collections.Generic.List<Profile>? Load(string id) => JsonHelpers.LoadJson<System.Collections.Generic.List<Profile>>(Path.Combine(_dir, id + "".dat""));
}");

    // ---- Negatives ----

    [Fact]
    public Task An_export_helper_is_quiet_though_the_type_is_loaded_back() => Verify.AnalyzersAsync(Verify.Usings + Newtonsoft + Helpers(reported: false) + @"
class RuleStore
{
    public void Export(System.Collections.Generic.IList<IRule> rules, string path) => JsonHelpers.ExportJson(rules, path);
    public System.Collections.Generic.IList<IRule>? Load(string path) => JsonHelpers.LoadJson<System.Collections.Generic.IList<IRule>>(path);
}");

    [Fact]
    public Task A_type_never_loaded_back_or_loaded_in_another_shape_or_from_text_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + Newtonsoft + Helpers(reported: false) + @"
public class Stats { public int Count { get; set; } }
public class Snapshot { public int Id { get; set; } }
public class Payload { public int Id { get; set; } }
class Writers
{
    public void SaveStats(Stats stats, string path) => JsonHelpers.SaveJson(stats, path);
    public void SaveRules(System.Collections.Generic.IList<IRule> rules, string path) => JsonHelpers.SaveJson(rules, path);
    public void SaveSnapshots(Snapshot[] snapshots, string path) => JsonHelpers.SaveJson(snapshots, path);
    public void SavePayload(Payload payload, string path) => JsonHelpers.SaveJson(payload, path);
}
class Readers
{
    public IRule? One(string path) => JsonHelpers.LoadJson<IRule>(path);
    public Snapshot? Single(string path) => JsonHelpers.LoadJson<Snapshot>(path);
    public Payload? Parse(string body) => JsonHelpers.FromJson<Payload>(body);
}");
}
