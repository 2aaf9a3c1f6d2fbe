
namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>The weighed evidence about the file an in-place write targets.</summary>
internal sealed class Verdict
{
    public Verdict(bool sensitive, int score, string target, string evidence)
    {
        Sensitive = sensitive;
        Score = score;
        Target = target;
        Evidence = evidence;
    }

    /// <summary>True when the evidence says the file must not be corrupted (AW0001).</summary>
    public bool Sensitive { get; }

    /// <summary>The total weight (for tests and tuning).</summary>
    public int Score { get; }

    /// <summary>How the file is named in messages: 'tokens.json', 'tokenPath', or "the file".</summary>
    public string Target { get; }

    /// <summary>The evidence as a sentence part, e.g. "'tokens.json' looks like a credentials file".</summary>
    public string Evidence { get; }
}
