using Xunit;

namespace TokenStoreSample.Tests;

public sealed class TokenRefresherTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly SimulatedClock _clock = new(Start);
    private readonly SimulatedIdentityProvider _provider;
    private readonly TokenStore _store;

    public TokenRefresherTests()
    {
        _provider = new SimulatedIdentityProvider("tests", _clock, TimeSpan.FromHours(1));
        _store = new TokenStore(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_token_that_is_not_due_is_kept()
    {
        OAuthToken first = _provider.Authorize("profile");
        _store.Save(first);
        using var refresher = new TokenRefresher(_store, _provider, () => _clock.Now, TimeSpan.FromMinutes(5));

        Assert.Equal(first, refresher.RefreshIfDue());
        Assert.Equal(1, _provider.Issued);
    }

    [Fact]
    public void A_token_within_the_skew_is_refreshed_and_the_new_one_is_saved()
    {
        OAuthToken first = _provider.Authorize("profile");
        _store.Save(first);
        _clock.Advance(TimeSpan.FromMinutes(56));
        using var refresher = new TokenRefresher(_store, _provider, () => _clock.Now, TimeSpan.FromMinutes(5));

        OAuthToken next = refresher.RefreshIfDue();

        Assert.NotEqual(first.AccessToken, next.AccessToken);
        Assert.Equal(_clock.Now + TimeSpan.FromHours(1), next.ExpiresAt);
        Assert.Equal(next, new TokenStore(_dir.Path).Load());
    }

    [Fact]
    public void The_timer_rewrites_the_file_on_every_due_refresh_and_stops_cleanly()
    {
        _store.Save(_provider.Authorize("profile"));
        var seen = new List<OAuthToken>();
        using var threeRefreshes = new ManualResetEventSlim(false);
        using var refresher = new TokenRefresher(_store, _provider, () => _clock.Now, TimeSpan.FromMinutes(5));
        refresher.Refreshed += token =>
        {
            seen.Add(token);
            if (seen.Count < 3)
            {
                _clock.Advance(TimeSpan.FromHours(1));
            }
            else
            {
                threeRefreshes.Set();
            }
        };

        _clock.Advance(TimeSpan.FromHours(1));
        refresher.Start(TimeSpan.FromMilliseconds(10));
        Assert.True(threeRefreshes.Wait(TimeSpan.FromSeconds(30)), "the timer never refreshed three times");
        refresher.Stop();

        Assert.Equal(3, seen.Count);
        Assert.Equal(4, _provider.Issued);
        Assert.Equal(seen[^1], new TokenStore(_dir.Path).Load());
    }

    [Fact]
    public void Refreshing_without_a_saved_token_fails()
    {
        using var refresher = new TokenRefresher(_store, _provider, () => _clock.Now, TimeSpan.FromMinutes(5));

        Assert.Throws<InvalidOperationException>(() => refresher.RefreshIfDue());
    }
}
