using System.Text.Json;
using AtomicWrite;

namespace TokenStoreSample;

/// <summary>
/// Keeps the user's OAuth tokens in <c>tokens.json</c>, readable by the owner only (0600).
/// Every save writes a temp file in the same directory (created 0600, so the secret is never readable by others),
/// flushes it to disk, renames it over <c>tokens.json</c> and flushes the directory: a crash at any point leaves
/// either the old tokens or the new ones, never an empty or half-written file.
/// </summary>
public sealed class TokenStore
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Owner read/write from the first byte on, whatever the umask or the old file's mode.</summary>
    internal static readonly AtomicWriteOptions OwnerOnly = new()
    {
        UnixCreateMode = UnixPermissions.UserRead | UnixPermissions.UserWrite,
        PreserveExistingPermissions = false,
    };

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

    /// <summary>Saves the tokens atomically and durably, owner-only. (Whole-file form.)</summary>
    public void Save(OAuthToken token)
    {
        string json = JsonSerializer.Serialize(token, JsonOptions);
        AtomicFile.WriteAllText(_tokenPath, json, OwnerOnly);
    }

    /// <summary>Copies the current tokens to <paramref name="backupPath"/>; no hand-rolled temp file needed.</summary>
    public void Backup(string backupPath)
    {
        OAuthToken token = Load() ?? throw new InvalidOperationException("nothing to back up");
        AtomicFile.WriteAllText(backupPath, JsonSerializer.Serialize(token, JsonOptions), OwnerOnly);
    }
}
