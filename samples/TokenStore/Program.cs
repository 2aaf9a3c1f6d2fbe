using System.Security.Cryptography;
using TokenStoreSample;

// A deterministic run of the token manager: the same output and the same files every time.
//   dotnet run --project samples/TokenStore -- <data-directory>
string dataDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : "token-data");
const int Refreshes = 3;

var clock = new SimulatedClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
var provider = new SimulatedIdentityProvider("token-store-sample", clock, TimeSpan.FromHours(1));

var credentials = new CredentialCache(dataDirectory);
credentials.Save(new ClientCredentials("token-store-sample", "s3cr3t-0f9e8d7c", "https://id.example.test/oauth2/token"));
Console.WriteLine($"client registered: {credentials.Load()?.ClientId}");

var store = new TokenStore(dataDirectory);
store.Save(provider.Authorize("profile tokens.read"));
Console.WriteLine($"logged in: {Describe(store.Load()!)}");

var log = new List<string>();
using var done = new ManualResetEventSlim(false);
using (var refresher = new TokenRefresher(store, provider, () => clock.Now, TimeSpan.FromMinutes(5)))
{
    refresher.Refreshed += token =>
    {
        log.Add($"refreshed #{log.Count + 1}: {Describe(token)}");
        if (log.Count < Refreshes)
        {
            clock.Advance(TimeSpan.FromHours(1)); // the next token is due at the next tick
        }
        else
        {
            done.Set();
        }
    };

    clock.Advance(TimeSpan.FromHours(1));
    refresher.Start(TimeSpan.FromMilliseconds(20));
    if (!done.Wait(TimeSpan.FromSeconds(30)))
    {
        Console.Error.WriteLine("the refresh timer did not fire");
        return 1;
    }
}

log.ForEach(Console.WriteLine);
store.Backup(Path.Combine(dataDirectory, "tokens.json.bak"));

Console.WriteLine($"tokens issued: {provider.Issued}");
foreach (string file in Directory.GetFiles(dataDirectory).Order(StringComparer.Ordinal))
{
    byte[] bytes = File.ReadAllBytes(file);
    string mode = OperatingSystem.IsWindows() ? "-" : Convert.ToString((int)File.GetUnixFileMode(file), 8).PadLeft(4, '0');
    Console.WriteLine($"{Path.GetFileName(file)} {mode} {bytes.Length} bytes sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}");
}

return 0;

static string Describe(OAuthToken token) => $"{token.AccessToken} expires {token.ExpiresAt:yyyy-MM-ddTHH:mm}Z";
