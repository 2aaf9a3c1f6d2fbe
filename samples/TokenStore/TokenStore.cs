using System.Text.Json;

namespace TokenStoreSample;

/// <summary>
/// Keeps the user's OAuth tokens in <c>tokens.json</c>, readable by the owner only (0600).
/// Written the naive way: every save truncates the file and then writes it, so a crash, power cut or full disk
/// in between leaves an empty or half-written token file and the user is logged out.
/// </summary>
public sealed class TokenStore
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly string _tokenPath;

    public TokenStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _tokenPath = Path.Combine(directory, "tokens.json");
    }

    /// <summary>Full path of the token file.</summary>
    public string TokenPath => _tokenPath;

    /// <summary>Loads the saved tokens, or null when none were saved.</summary>
    public OAuthToken? Load()
    {
        if (!File.Exists(_tokenPath))
        {
            return null;
        }

        string json = File.ReadAllText(_tokenPath);
        return JsonSerializer.Deserialize<OAuthToken>(json, JsonOptions)
            ?? throw new InvalidDataException($"{_tokenPath} holds no token");
    }

    /// <summary>Saves the tokens and restricts the file to its owner.</summary>
    public void Save(OAuthToken token)
    {
        string json = JsonSerializer.Serialize(token, JsonOptions);
        File.WriteAllText(_tokenPath, json);
        RestrictToOwner(_tokenPath);
    }

    /// <summary>
    /// Copies the current tokens to <paramref name="backupPath"/> with a hand-rolled "safe write":
    /// a fixed temp name and a rename, but no flush to disk before the rename.
    /// </summary>
    public void Backup(string backupPath)
    {
        OAuthToken token = Load() ?? throw new InvalidOperationException("nothing to back up");
        string tempPath = backupPath + ".tmp";
        File.WriteAllText(tempPath, JsonSerializer.Serialize(token, JsonOptions));
        File.Move(tempPath, backupPath, overwrite: true);
        RestrictToOwner(backupPath);
    }

    internal static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
