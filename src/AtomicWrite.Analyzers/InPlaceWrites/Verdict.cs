namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>The weighed evidence about the file an in-place write targets.</summary>
/// <param name="Sensitive">True when the evidence says the file must not be corrupted (AW0001).</param>
/// <param name="Score">The total weight (for tests and tuning).</param>
/// <param name="Target">How the file is named in messages: 'tokens.json', 'tokenPath', or "the file".</param>
/// <param name="Evidence">The evidence as a sentence part, e.g. "'tokens.json' looks like a credentials file".</param>
internal sealed record Verdict(bool Sensitive, int Score, string Target, string Evidence);
