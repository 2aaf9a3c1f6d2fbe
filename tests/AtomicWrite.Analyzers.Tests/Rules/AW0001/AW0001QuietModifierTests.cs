using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: a quiet word that only modifies the noun after it in the file name ("output" in OutputSlots.xml, "log" in
/// LogSettings.dat) does not make the file an output or a log when the program reads the file back; a quiet head word,
/// a temp or cache word, or a file nobody reads back stays quiet.
/// </summary>
public class AW0001QuietModifierTests
{
    private static string Store(string fileName, string write, bool reads) => Verify.Usings + @"
using System.Xml;
public static class SlotStore
{
    private const string FILE_NAME = """ + fileName + @""";
    public static string Folder = """";
" + (reads ? @"
    public static bool Load()
    {
        string output_path = Path.Combine(Folder, FILE_NAME);
        var doc = new XmlDocument();
        try { doc.Load(output_path); } catch (UnauthorizedAccessException) { return false; }
        return true;
    }
" : string.Empty) + @"
    public static bool Store()
    {
        var doc = new XmlDocument();
        string output_path = Path.Combine(Folder, FILE_NAME);
        try { " + write + @"; return true; }
        catch (UnauthorizedAccessException) { return false; }
    }
}";

    [Fact]
    public Task Modifier_word_in_a_file_name_read_back_elsewhere_is_reported() =>
        Verify.WithAW0003Async(Store("OutputSlots.xml", "{|AW0001:doc.Save(output_path)|}", reads: true));

    [Fact]
    public Task Modifier_word_in_a_file_name_nobody_reads_back_stays_quiet() =>
        Verify.WithAW0003Async(Store("OutputSlots.xml", "{|AW0003:doc.Save(output_path)|}", reads: false));

    [Fact]
    public Task Quiet_head_word_stays_quiet_even_when_read_back() =>
        Verify.WithAW0003Async(Store("SlotOutput.xml", "{|AW0003:doc.Save(output_path)|}", reads: true));

    [Fact]
    public Task Temp_word_before_a_noun_stays_quiet_even_when_read_back() =>
        Verify.WithAW0003Async(Store("TempSlots.xml", "{|AW0003:doc.Save(output_path)|}", reads: true));

    [Fact]
    public Task Cache_word_before_a_noun_stays_quiet_even_when_read_back() =>
        Verify.WithAW0003Async(Store("CacheIndex.xml", "{|AW0003:doc.Save(output_path)|}", reads: true));

    [Fact]
    public Task Log_settings_read_back_in_the_same_type_are_reported() => Verify.WithAW0003Async(Verify.Usings + @"
class Viewer
{
    private readonly string _file = Path.Combine(AppContext.BaseDirectory, ""LogViewer.dat"");
    public string Restore() => File.ReadAllText(_file);
    public void Keep(string state) => {|AW0001:File.WriteAllText(_file, state)|};
}");

    [Fact]
    public Task Modifier_before_a_number_is_not_a_modifier() =>
        Verify.WithAW0003Async(Store("output_2024.xml", "{|AW0003:doc.Save(output_path)|}", reads: true));
}
