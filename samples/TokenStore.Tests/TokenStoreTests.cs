using Xunit;

namespace TokenStoreSample.Tests;

public sealed class TokenStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_returns_null_when_nothing_was_saved()
    {
        Assert.Null(new TokenStore(_dir.Path).Load());
    }

    [Fact]
    public void Save_then_load_round_trips_every_field()
    {
        var token = new OAuthToken("at-1", "rt-1", Start.AddMinutes(90), "profile tokens.read");
        var store = new TokenStore(_dir.Path);

        store.Save(token);

        Assert.Equal(token, new TokenStore(_dir.Path).Load());
        Assert.Contains("\"refresh_token\": \"rt-1\"", File.ReadAllText(store.TokenPath));
    }

    [Fact]
    public void Save_replaces_longer_content_completely()
    {
        var store = new TokenStore(_dir.Path);
        store.Save(new OAuthToken(new string('a', 500), "rt-long", Start, "profile"));
        var shorter = new OAuthToken("at-2", "rt-2", Start.AddHours(1), "profile");

        store.Save(shorter);

        Assert.Equal(shorter, store.Load());
    }

    [SkippableFact]
    public void Saved_token_file_is_readable_by_its_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new TokenStore(_dir.Path);

        store.Save(new OAuthToken("at-1", "rt-1", Start, "profile"));

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(store.TokenPath));
    }

    [SkippableFact]
    public void Saving_over_a_world_readable_file_tightens_it_to_0600()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new TokenStore(_dir.Path);
        File.WriteAllText(store.TokenPath, "{}");
        File.SetUnixFileMode(store.TokenPath, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.Save(new OAuthToken("at-1", "rt-1", Start, "profile"));

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(store.TokenPath));
    }

    [SkippableFact]
    public void Backup_holds_the_same_tokens_with_mode_0600_and_leaves_no_temp_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new TokenStore(_dir.Path);
        store.Save(new OAuthToken("at-9", "rt-9", Start, "profile"));
        string backup = Path.Combine(_dir.Path, "tokens.json.bak");

        store.Backup(backup);

        Assert.Equal(File.ReadAllBytes(store.TokenPath), File.ReadAllBytes(backup));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
        Assert.Equal(new[] { "tokens.json", "tokens.json.bak" }, Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [SkippableFact]
    public void Credentials_round_trip_with_mode_0600()
    {
        var cache = new CredentialCache(_dir.Path);
        var credentials = new ClientCredentials("client", "secret", "https://id.example.test/token");

        cache.Save(credentials);

        Assert.Equal(credentials, new CredentialCache(_dir.Path).Load());
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(cache.CredentialsPath));
    }
}
