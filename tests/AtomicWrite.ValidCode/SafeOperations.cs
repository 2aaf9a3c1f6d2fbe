using System.IO;
using System.Text.Json;

namespace AtomicWrite.ValidCode;

public sealed class AppSettings
{
    public string Language { get; set; } = "en";
}

/// <summary>Reads of settings, creation of new unique files, and first-time defaults (nothing to corrupt).</summary>
public sealed class SafeOperations
{
    private readonly string _settingsPath;

    public SafeOperations(string directory)
    {
        _settingsPath = Path.Combine(directory, "settings.json");
    }

    public AppSettings Load() =>
        JsonSerializer.Deserialize<AppSettings>(File.ReadAllText(_settingsPath)) ?? new AppSettings();

    public void CreateDefaultsOnFirstRun()
    {
        if (!File.Exists(_settingsPath))
        {
            File.WriteAllText(_settingsPath, JsonSerializer.Serialize(new AppSettings()));
        }
    }

    public void CreateDefaultsExclusively()
    {
        using var stream = new FileStream(_settingsPath, FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(stream, new AppSettings());
    }

    public Stream OpenSettingsForReading() => File.Open(_settingsPath, FileMode.Open, FileAccess.Read);

    public Stream OpenOrCreateForReading() => new FileStream(_settingsPath, FileMode.OpenOrCreate, FileAccess.Read);

    public void AppendAudit(string line)
    {
        using var stream = new FileStream(Path.Combine(Path.GetDirectoryName(_settingsPath)!, "audit.log"), FileMode.Append, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(line);
    }
}
