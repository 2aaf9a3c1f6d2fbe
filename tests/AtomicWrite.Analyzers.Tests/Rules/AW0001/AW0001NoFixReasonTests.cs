using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// The reason no fix is offered shows where users look: as the end of the message, " (no code fix: Code)", for the
/// reasons the analyzer can see without planning the fix. Each case is also checked against the planner
/// (Verify.CheckFixOutlookAsync, through NoFixReasonsAsync).
/// </summary>
public sealed class AW0001NoFixReasonTests
{
    [Theory]
    [InlineData("void M() { var s = new FileStream(\"settings.json\", FileMode.Create); s.WriteByte(1); s.Dispose(); }", "NotInUsing")]
    [InlineData("Stream M() => File.Open(\"settings.json\", FileMode.Create, FileAccess.Write);", "NotInUsing")]
    [InlineData("void M() { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.ReadWrite)) { s.WriteByte(1); } }", "UnsupportedArguments")]
    [InlineData("void M() { using var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose); s.WriteByte(1); }", "UnsupportedArguments")]
    [InlineData("void M(byte[] data) { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, System.Math.Max(4096, data.Length))) { s.Write(data, 0, data.Length); } }", null)]
    [InlineData("void M(string text) { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, text.Length * 2 + 1)) { s.WriteByte(1); } }", null)]
    [InlineData("void M(byte[] data) { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, System.Math.Max(4096, Next()))) { s.Write(data, 0, data.Length); } } int Next() => 1;", "UnsupportedArguments")]
    [InlineData("void M(byte[]? data) { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, data.Length)) { s.WriteByte(1); } }", "UnsupportedArguments")]
    [InlineData("void M(string text) { using (var s = new FileStream(\"settings.json\", FileMode.Create, FileAccess.Write, FileShare.None, checked(text.Length * 2))) { s.WriteByte(1); } }", "UnsupportedArguments")]
    [InlineData("void M() { using (var w = new StreamWriter(\"settings.json\", false, System.Text.Encoding.UTF8)) { w.Write(1); } }", null)]
    [InlineData("void M(System.Xml.Linq.XDocument? doc) { doc?.Save(\"settings.xml\"); }", "NotAStatement")]
    [InlineData("bool M(System.Xml.Linq.XDocument doc) { doc.Save(\"settings.xml\"); return true; }", null)]
    [InlineData("void M() { using (var s = File.Create(\"settings.json\")) { s.WriteByte(1); } }", null)]
    public async Task The_message_ends_with_the_reason_the_planner_gives(string member, string? expected)
    {
        var source = "#nullable enable\nusing System.IO;\nclass SettingsStore\n{\n    " + member + "\n}\n";
        var diagnostics = await Verify.FixerDiagnosticsAsync(source);
        var planned = await Verify.NoFixReasonsAsync(source);
        var diagnostic = Assert.Single(diagnostics);
        var reason = Assert.Single(planned);
        if (expected is null)
        {
            Assert.DoesNotContain("(no code fix:", diagnostic.GetMessage());
        }
        else
        {
            Assert.EndsWith("(no code fix: " + expected + ")", diagnostic.GetMessage());
            Assert.StartsWith(expected + ":", reason);
        }
    }

    [Fact]
    public async Task A_call_to_a_wrapper_says_that_the_fix_is_inside_it()
    {
        var diagnostics = await Verify.FixerDiagnosticsAsync(@"using System.IO;
static class Disk { public static void Put(string path, string text) => File.WriteAllText(path, text); }
class SettingsStore { void Save(string json) => Disk.Put(""settings.json"", json); }");
        var call = diagnostics.Single(d => d.GetMessage().StartsWith("Disk.Put", System.StringComparison.Ordinal));
        Assert.EndsWith("(no code fix: WrapperCall)", call.GetMessage());
        var inner = diagnostics.Single(d => d != call);
        Assert.DoesNotContain("(no code fix:", inner.GetMessage());
    }
}
