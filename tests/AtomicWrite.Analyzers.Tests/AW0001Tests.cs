using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests;

public class AW0001Tests
{
    [Fact]
    public Task WriteAllText_to_tokens_json_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class C
{
    void M(string json) => {|AW0001:File.WriteAllText(""tokens.json"", json)|};
}");
}
