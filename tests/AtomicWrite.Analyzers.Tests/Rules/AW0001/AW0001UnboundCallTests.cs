using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001 by shape where a call does not bind because an argument's type is unknown to the compilation (a package
/// that is not referenced): the path is read from the path-first overload candidate.
/// </summary>
public class AW0001UnboundCallTests
{
    [Fact]
    public Task File_writes_and_writer_constructors_with_an_argument_of_an_unknown_type() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void M(string dir, {|CS0246:TomlTable|} model, {|CS0246:Options|} options)
    {
        {|AW0001:File.WriteAllText(Path.Combine(dir, ""settings.json""), {|CS0103:Toml|}.FromModel(model))|};
        {|AW0001:File.WriteAllBytes(Path.Combine(dir, ""secrets.bin""), {|CS0103:Codec|}.Encode(model))|};
        using var a = {|AW0001:new StreamWriter({|CS1503:Path.Combine(dir, ""app.config"")|}, {|CS1503:false|}, {|CS0103:Encodings|}.Utf8NoBom)|};
        using var b = {|AW0001:new FileStream(Path.Combine(dir, ""state.json""), FileMode.Create, FileAccess.Write, FileShare.None, 4096, options)|};
        using var c = {|AW0001:File.Open(Path.Combine(dir, ""tokens.json""), FileMode.Create, FileAccess.Write, options)|};
        using var d = {|AW0001:File.Create(Path.Combine(dir, ""user.config""), 4096, FileOptions.None, {|CS0103:FileSecurity|}.Default)|};
    }
}");

    [Fact]
    public Task Unbound_writes_that_append_read_or_name_quiet_files_stay_quiet() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void M(string dir, {|CS0246:TomlTable|} model, {|CS0246:Options|} options)
    {
        File.AppendAllText(Path.Combine(dir, ""settings.json""), {|CS0103:Toml|}.FromModel(model));
        File.WriteAllText(Path.Combine(dir, ""service.log""), {|CS0103:Toml|}.FromModel(model));
        using var a = new FileStream(Path.Combine(dir, ""state.json""), FileMode.Open, FileAccess.Read, FileShare.None, 4096, options);
        using var b = new StreamWriter({|CS1503:Path.Combine(dir, ""settings.json"")|}, {|CS1503:true|}, {|CS0103:Encodings|}.Utf8NoBom);
    }
}");
}
