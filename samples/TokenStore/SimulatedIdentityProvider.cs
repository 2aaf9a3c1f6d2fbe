using System.Security.Cryptography;
using System.Text;

namespace TokenStoreSample;

/// <summary>Where refreshed tokens come from.</summary>
public interface ITokenEndpoint
{
    /// <summary>Exchanges a refresh token for a new token set.</summary>
    OAuthToken Refresh(string refreshToken);
}

/// <summary>
/// A stand-in for a real OAuth server, so the sample runs offline and prints the same output every time:
/// token values are derived from a seed and a counter, and expiry times from a simulated clock.
/// </summary>
public sealed class SimulatedIdentityProvider : ITokenEndpoint
{
    private readonly string _seed;
    private readonly SimulatedClock _clock;
    private readonly TimeSpan _lifetime;
    private int _issued;

    public SimulatedIdentityProvider(string seed, SimulatedClock clock, TimeSpan lifetime)
    {
        _seed = seed;
        _clock = clock;
        _lifetime = lifetime;
    }

    /// <summary>How many token sets have been issued so far.</summary>
    public int Issued => Volatile.Read(ref _issued);

    /// <summary>Issues the first token set (the result of an authorization-code exchange).</summary>
    public OAuthToken Authorize(string scope) => Issue(scope);

    /// <inheritdoc />
    public OAuthToken Refresh(string refreshToken)
    {
        if (!refreshToken.StartsWith("rt-", StringComparison.Ordinal))
        {
            throw new ArgumentException("not a refresh token issued here", nameof(refreshToken));
        }

        return Issue("profile tokens.read tokens.write");
    }

    private OAuthToken Issue(string scope)
    {
        int n = Interlocked.Increment(ref _issued);
        return new OAuthToken(
            "at-" + Derive("access", n),
            "rt-" + Derive("refresh", n),
            _clock.Now + _lifetime,
            scope);
    }

    private string Derive(string kind, int n)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}/{kind}/{n}"));
        return Convert.ToHexStringLower(hash, 0, 12);
    }
}

/// <summary>A clock that only moves when told to.</summary>
public sealed class SimulatedClock
{
    private long _ticks;

    public SimulatedClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
