using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001 through wrapper chains: an interface method implemented by a method that forwards to an overload of its
/// own, which writes inside a lambda handed to a retry helper of the program.
/// </summary>
public class AW0001WrapperChainTests
{
    private const string Retry = @"
static class Retry
{
    public static void AllowRetries(Action action)
    {
        for (var i = 0; ; i++)
        {
            try { action(); return; }
            catch (IOException) when (i < 3) { }
        }
    }
}
";

    [Fact]
    public Task Write_inside_a_lambda_handed_to_a_retry_helper_makes_a_wrapper() => Verify.AnalyzersAsync(Verify.Usings + Retry + @"
static class Files
{
    public static void WriteFile(string filePath, string fileText) =>
        Retry.AllowRetries(() => { using (var w = {|AW0001:new StreamWriter(filePath)|}) { w.Write(fileText); } });
}
class C
{
    void M(string dir, string s)
    {
        {|AW0001:Files.WriteFile(Path.Combine(dir, ""settings.json""), s)|};
        Files.WriteFile(Path.Combine(dir, ""service.log""), s);
    }
}");

    [Fact]
    public Task Lambda_that_writes_a_path_of_its_own_makes_no_wrapper() => Verify.AnalyzersAsync(Verify.Usings + Retry + @"
static class Files
{
    public static void WriteFile(string filePath, string fileText) =>
        Retry.AllowRetries(() => { var other = Path.Combine(Path.GetTempPath(), ""run.log""); File.WriteAllText(other, fileText + filePath); });
}
class C { void M(string dir, string s) => Files.WriteFile(Path.Combine(dir, ""settings.json""), s); }");

    [Fact]
    public Task Overload_forwarding_makes_a_wrapper() => Verify.AnalyzersAsync(Verify.Usings + @"
class Files
{
    public void WriteFile(string filePath, string fileText) => WriteFile(filePath, fileText, Encoding.UTF8);
    public void WriteFile(string filePath, string fileText, Encoding encoding) => {|AW0001:File.WriteAllText(filePath, fileText, encoding)|};
}
class C
{
    void M(Files files, string dir, string s)
    {
        {|AW0001:files.WriteFile(Path.Combine(dir, ""settings.json""), s)|};
        files.WriteFile(Path.Combine(dir, ""report.txt""), s);
    }
}");

    /// <summary>An interface method implemented by a forwarding overload that writes inside a lambda given to <c>RETRY</c>, and its calls.</summary>
    private static string FileSystemProgram(string retry) => @"
public interface IFileSystem { void WriteFile(string filePath, string fileText); }
public class FileSystem : IFileSystem
{
    public void WriteFile(string filePath, string fileText) => WriteFile(filePath, fileText, Encoding.UTF8);

    public void WriteFile(string filePath, string fileText, Encoding encoding)
    {
        RETRY(() =>
        {
            using (var fs = {|AW0001:File.Open(filePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read)|})
            using (var w = new StreamWriter(fs, encoding))
            {
                w.Write(fileText);
            }
        });
    }
}
class C
{
    void M(IFileSystem fileSystem, string dir, string s)
    {
        {|AW0001:fileSystem.WriteFile(Path.Combine(dir, ""settings.json""), s)|};
        fileSystem.WriteFile(Path.Combine(dir, ""output.log""), s);
    }
}".Replace("RETRY", retry, System.StringComparison.Ordinal);

    [Fact]
    public Task Open_or_create_for_writing_inside_a_retried_lambda_behind_an_interface() =>
        Verify.AnalyzersAsync(Verify.Usings + Retry + FileSystemProgram("Retry.AllowRetries"));

    [Fact]
    public Task Interface_whose_implementation_forwards_to_a_reading_overload_is_quiet() => Verify.AnalyzersAsync(Verify.Usings + Retry + @"
public interface IFileSystem { string ReadFile(string filePath); }
public class FileSystem : IFileSystem
{
    public string ReadFile(string filePath) => ReadFile(filePath, Encoding.UTF8);
    public string ReadFile(string filePath, Encoding encoding)
    {
        string text = null;
        Retry.AllowRetries(() => { text = File.ReadAllText(filePath, encoding); });
        return text;
    }
}
class C { string M(IFileSystem fileSystem, string dir) => fileSystem.ReadFile(Path.Combine(dir, ""settings.json"")); }");

    [Fact]
    public Task Retry_helper_that_does_not_bind_still_makes_a_wrapper() =>
        Verify.AnalyzersAsync(Verify.Usings + FileSystemProgram("{|CS0103:AllowRetries|}"));

    [Fact]
    public Task A_method_that_passes_its_path_on_to_the_interface_is_a_wrapper_too() => Verify.AnalyzersAsync(Verify.Usings + Retry + @"
public interface IFileSystem { void WriteFile(string filePath, string fileText); }
public class FileSystem : IFileSystem
{
    public void WriteFile(string filePath, string fileText) => WriteFile(filePath, fileText, Encoding.UTF8);
    public void WriteFile(string filePath, string fileText, Encoding encoding) =>
        Retry.AllowRetries(() => { using (var w = {|AW0001:new StreamWriter(filePath, false, encoding)|}) { w.Write(fileText); } });
}
class RuleWriter
{
    private readonly IFileSystem _fileSystem;
    public RuleWriter(IFileSystem fileSystem) { _fileSystem = fileSystem; }
    public void Write(string text, string targetPath) => _fileSystem.WriteFile(targetPath, text);
}
class C
{
    void M(RuleWriter writer, string dir, string s)
    {
        {|AW0001:writer.Write(s, Path.Combine(dir, ""settings.json""))|};
        writer.Write(s, Path.Combine(dir, ""rules.txt""));
    }
}");
}
