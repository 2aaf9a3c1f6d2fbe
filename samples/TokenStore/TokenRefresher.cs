namespace TokenStoreSample;

/// <summary>
/// Refreshes the stored tokens before they expire. A timer checks them every <c>period</c> and rewrites
/// <c>tokens.json</c> whenever it refreshes them, which is exactly when a crash hurts most.
/// </summary>
public sealed class TokenRefresher : IDisposable
{
    private readonly TokenStore _store;
    private readonly ITokenEndpoint _endpoint;
    private readonly Func<DateTimeOffset> _now;
    private readonly TimeSpan _skew;
    private readonly object _gate = new();
    private Timer? _timer;

    public TokenRefresher(TokenStore store, ITokenEndpoint endpoint, Func<DateTimeOffset> now, TimeSpan skew)
    {
        _store = store;
        _endpoint = endpoint;
        _now = now;
        _skew = skew;
    }

    /// <summary>Raised after each refresh with the new tokens (on the timer's thread when started by the timer).</summary>
    public event Action<OAuthToken>? Refreshed;

    /// <summary>Refreshes and saves the tokens if they expire within the skew. Returns the tokens in force.</summary>
    public OAuthToken RefreshIfDue()
    {
        lock (_gate)
        {
            OAuthToken current = _store.Load() ?? throw new InvalidOperationException("not logged in");
            if (!current.ExpiresWithin(_skew, _now()))
            {
                return current;
            }

            OAuthToken next = _endpoint.Refresh(current.RefreshToken);
            _store.Save(next);
            Refreshed?.Invoke(next);
            return next;
        }
    }

    /// <summary>Starts checking every <paramref name="period"/>.</summary>
    public void Start(TimeSpan period)
    {
        lock (_gate)
        {
            _timer ??= new Timer(_ => Tick(), null, period, period);
        }
    }

    /// <summary>Stops the timer; a check already running finishes first.</summary>
    public void Stop()
    {
        Timer? timer;
        lock (_gate)
        {
            timer = _timer;
            _timer = null;
        }

        if (timer is not null)
        {
            using var done = new ManualResetEvent(false);
            timer.Dispose(done);
            done.WaitOne();
        }
    }

    public void Dispose() => Stop();

    private void Tick()
    {
        lock (_gate)
        {
            if (_timer is null)
            {
                return;
            }

            RefreshIfDue();
        }
    }
}
