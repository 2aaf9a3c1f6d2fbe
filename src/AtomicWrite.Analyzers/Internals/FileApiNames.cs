using System;
using System.Collections.Immutable;

namespace AtomicWrite.Analyzers.Internals;

/// <summary>The names of the file APIs the rules and code fixes recognise, written once.</summary>
internal static class FileApiNames
{
    /// <summary>File.WriteAllText, WriteAllBytes, WriteAllLines and their async forms: each replaces a whole file.</summary>
    public static readonly ImmutableHashSet<string> WholeFileWrites = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "WriteAllText", "WriteAllBytes", "WriteAllLines", "WriteAllTextAsync", "WriteAllBytesAsync", "WriteAllLinesAsync");

    /// <summary>True for a whole-file write that takes bytes (<c>WriteAllBytes</c>, <c>WriteAllBytesAsync</c>).</summary>
    public static bool TakesBytes(string name) => name == "WriteAllBytes" || name == "WriteAllBytesAsync";
}
