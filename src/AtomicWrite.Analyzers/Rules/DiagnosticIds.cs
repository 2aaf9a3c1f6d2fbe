namespace AtomicWrite.Analyzers.Rules;

/// <summary>The diagnostic IDs reported by the AtomicWrite analyzers.</summary>
public static class DiagnosticIds
{
    /// <summary>AW0001: an in-place (truncate-then-write) write to a file that holds credentials, settings or state.</summary>
    public const string InPlaceWriteToSensitiveFile = "AW0001";

    /// <summary>AW0002: a hand-rolled temp-and-rename replace that is not crash-safe.</summary>
    public const string HandRolledReplaceNotCrashSafe = "AW0002";

    /// <summary>AW0003: an in-place overwrite of any file (disabled by default).</summary>
    public const string InPlaceOverwrite = "AW0003";

    /// <summary>AW0004: an AtomicFile stream or writer disposed without Commit on some path.</summary>
    public const string UncommittedAtomicStream = "AW0004";

    /// <summary>AW0005: a malformed <c>atomic_write.*</c> configuration value.</summary>
    public const string MalformedConfiguration = "AW0005";
}
