using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.CodeFixes.Tests;

public class AW0001CodeFixTests
{
    [Fact]
    public Task WriteAllText_becomes_AtomicFile_and_using_is_added() => Verify.FixAsync(@"using System.IO;

class C
{
    void M(string json)
    {
        {|AW0001:File.WriteAllText(""tokens.json"", json)|};
    }
}", @"using System.IO;
using AtomicWrite;

class C
{
    void M(string json)
    {
        AtomicFile.WriteAllText(""tokens.json"", json);
    }
}");
}
