using System.Threading.Tasks;
using Xunit;

namespace AtomicWrite.Analyzers.Tests.Rules.AW0001;

/// <summary>
/// AW0001: saved game or program data (a save slot, save data, a save file) is the user's progress. "save" counts
/// as that noun only before a save noun or glued to one, and only in the names along the path and in file names: a
/// method named SaveData is the verb.
/// </summary>
public class AW0001SaveDataTests
{
    [Fact]
    public Task Save_file_path_from_a_method_is_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
static class Slots
{
    public static string GetSaveFilePath(string name) => Path.Combine(AppContext.BaseDirectory, ""Saves"", name);
    public static void Write(int index, byte[] data)
    {
        string path = GetSaveFilePath(index + ""-modsave"");
        using (FileStream stream = {|AW0001:File.OpenWrite(path)|})
        {
            stream.Write(data, 0, data.Length);
        }
    }
}");

    [Fact]
    public Task Save_game_file_names_and_save_slot_locals_are_reported() => Verify.AnalyzersAsync(Verify.Usings + @"
class Game
{
    void M(string dir, int slot, byte[] data)
    {
        {|AW0001:File.WriteAllBytes(Path.Combine(dir, ""savegame.dat""), data)|};
        var saveSlotPath = Path.Combine(dir, slot + "".bin"");
        {|AW0001:File.WriteAllBytes(saveSlotPath, data)|};
    }
}");

    [Fact]
    public Task Save_as_a_verb_is_not_save_data() => Verify.AnalyzersAsync(Verify.Usings + @"
class Editor
{
    void SaveData(string dir, string text)
    {
        File.WriteAllText(Path.Combine(dir, ""notes.txt""), text);
        string savePath = Path.Combine(dir, ""out.png"");
        File.WriteAllText(savePath, text);
        string saveFileName = Path.Combine(dir, ""report.csv"");
        File.WriteAllText(saveFileName, text);
    }
}");
}
