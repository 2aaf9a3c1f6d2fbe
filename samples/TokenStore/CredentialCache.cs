using System.Text.Json;

namespace TokenStoreSample;

/// <summary>Caches the client registration (id and secret) in <c>client-credentials.json</c>.</summary>
public sealed class CredentialCache
{
    private readonly string _credentialsPath;

    public CredentialCache(string directory)
    {
        Directory.CreateDirectory(directory);
        _credentialsPath = Path.Combine(directory, "client-credentials.json");
    }

    /// <summary>Full path of the credentials file.</summary>
    public string CredentialsPath => _credentialsPath;

    /// <summary>Writes the credentials, streaming the JSON straight into the file.</summary>
    public void Save(ClientCredentials credentials)
    {
        using (var stream = new FileStream(_credentialsPath, FileMode.Create))
        {
            JsonSerializer.Serialize(stream, credentials, TokenStore.JsonOptions);
        }

        TokenStore.RestrictToOwner(_credentialsPath);
    }

    /// <summary>Reads the credentials back, or null when none were saved.</summary>
    public ClientCredentials? Load()
    {
        if (!File.Exists(_credentialsPath))
        {
            return null;
        }

        using var stream = File.OpenRead(_credentialsPath);
        return JsonSerializer.Deserialize<ClientCredentials>(stream, TokenStore.JsonOptions);
    }
}
