using System;
using System.IO;

namespace SettingsApp;

// A tiny application written for checking the corpus tool itself: each labelled line in rows.tsv
// has a known expected outcome (expected_outcome column).
public static class SettingsStore
{
    private static readonly string SettingsPath = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "settings-app", "settings.json");

    public static void Save(string json)
    {
        File.WriteAllText(SettingsPath, json);
    }

    public static void AppendLog(string line)
    {
        File.AppendAllText("settings-app.log", line + Environment.NewLine);
    }

    public static void SaveToken(string token)
    {
        var target = "token.json";
        var temp = target + ".tmp";
        File.WriteAllText(temp, token);
        File.Delete(target);
        File.Move(temp, target);
    }

    public static void SaveState(byte[] data)
    {
        var dir = AppContext.BaseDirectory;
        var target = Path.Combine(dir, "state.bin");
        var temp = Path.Combine(dir, "state." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(data, 0, data.Length);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
    }

    public static int Count(string text)
    {
        return text.Length;
    }

    // A flawed replace labelled on its move, four lines below the temp write where AW0002 is reported: the report
    // names the move as its additional location, which the tool's AW0002_naming column must show.
    public static void SaveAccounts(string accounts)
    {
        var target = "accounts.json";
        var temp = target + ".tmp";
        File.WriteAllText(temp, accounts);
        Console.WriteLine("accounts written");
        Console.WriteLine("now publishing");
        Console.WriteLine("them");
        File.Move(temp, target, true);
    }
}
