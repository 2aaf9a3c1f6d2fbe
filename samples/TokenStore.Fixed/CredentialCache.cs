using System.Text.Json;
using AtomicWrite;

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

    /// <summary>
    /// Streams the JSON into a temp file and publishes it only on <see cref="AtomicFileStream.Commit"/>.
    /// If serialization throws, the stream is disposed uncommitted: the temp file is deleted and the old
    /// credentials stay as they were. (Streaming form.)
    /// </summary>
    public void Save(ClientCredentials credentials)
    {
        using (AtomicFileStream stream = AtomicFile.Create(_credentialsPath, TokenStore.OwnerOnly))
        {
            JsonSerializer.Serialize(stream, credentials, TokenStore.JsonOptions);
            stream.Commit();
        }
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
