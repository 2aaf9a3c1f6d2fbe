using AtomicWrite.Analyzers.InPlaceWrites;

namespace AtomicWrite.CodeFixes.Planning;

/// <summary>
/// Why the AtomicFile code fix is not offered for a write. The codes decided by the sink, its arguments and its
/// place are stated by the analyzer too (<see cref="FixOutlook"/>: the "NoFixReason" property and the end of the
/// message); the others only the planner finds. Each value is documented in docs/rules/AW0001.md ("Code fix").
/// </summary>
internal static class NoFixReasons
{
    /// <summary>The diagnostic property that carries the reason.</summary>
    public const string PropertyName = InPlaceWrite.NoFixReasonProperty;

    /// <summary><c>AtomicWrite.AtomicFile</c> does not resolve in the compilation (the runtime package is not referenced).</summary>
    public const string RuntimeNotReferenced = FixOutlook.RuntimeNotReferenced;

    /// <summary>The write is not one the fix knows how to rewrite (a wrapper, System.IO.Abstractions, a handle, ...).</summary>
    public const string UnsupportedSink = FixOutlook.UnsupportedSink;

    /// <summary>An argument has no AtomicFile equivalent (FileStreamOptions, append that is not a constant false, FileOptions.DeleteOnClose, ...).</summary>
    public const string UnsupportedArguments = FixOutlook.UnsupportedArguments;

    /// <summary>AtomicFile has no overload that accepts the same arguments.</summary>
    public const string NoMatchingOverload = "NoMatchingOverload";

    /// <summary>The stream or writer is not the single variable of a <c>using</c> statement or declaration, so there is no place where writing provably ends.</summary>
    public const string NotInUsing = FixOutlook.NotInUsing;

    /// <summary>The stream or writer escapes: returned, assigned, stored, wrapped by another object, or passed where it may be kept.</summary>
    public const string Escapes = "Escapes";

    /// <summary>The stream or writer is captured by a lambda, anonymous method or local function.</summary>
    public const string Captured = "Captured";

    /// <summary>Control can leave the scope before its end (return, break, continue, goto, yield), or its end is unreachable.</summary>
    public const string EarlyExit = "EarlyExit";

    /// <summary>The code uses a member the atomic stream or writer does not have, or closes it explicitly.</summary>
    public const string UnsupportedMember = "UnsupportedMember";

    /// <summary>A save call is neither a statement of its own nor a whole expression body (for example <c>doc?.Save(path)</c>), so no <c>using</c> block can be put around it.</summary>
    public const string NotAStatement = FixOutlook.NotAStatement;

    private static readonly Dictionary<string, string> Explanations = new Dictionary<string, string>
    {
        [NoFixReasons.NoMatchingOverload] = "AtomicFile has no overload for these arguments",
        [NoFixReasons.Escapes] = "the stream or writer escapes (returned, stored, wrapped or passed on), so it cannot be committed at the end of its scope",
        [NoFixReasons.Captured] = "the stream or writer is captured by a lambda or local function",
        [NoFixReasons.EarlyExit] = "control can leave the using scope early (return, break, continue, goto or yield)",
        [NoFixReasons.UnsupportedMember] = "the code uses a member the atomic stream or writer does not have, or closes it explicitly",
    };

    /// <summary>"Code: explanation" for a reason code, as docs/rules/AW0001.md lists them.</summary>
    public static string Describe(string code) => code + ": " + (Explanations.TryGetValue(code, out var text) ? text : FixOutlook.Explain(code));
}
