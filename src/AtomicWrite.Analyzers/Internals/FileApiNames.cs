namespace AtomicWrite.Analyzers.Internals;

/// <summary>The names of the file APIs the rules and code fixes recognise, written once.</summary>
internal static class FileApiNames
{
    /// <summary>File.WriteAllText, WriteAllBytes, WriteAllLines and their async forms: each replaces a whole file.</summary>
    public static readonly ImmutableHashSet<string> WholeFileWrites = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "WriteAllText", "WriteAllBytes", "WriteAllLines", "WriteAllTextAsync", "WriteAllBytesAsync", "WriteAllLinesAsync");

    /// <summary>
    /// The names of the methods that may overwrite a file by its path, on whatever type (File, FileInfo, the
    /// System.IO.Abstractions interfaces, XDocument/XElement/XmlDocument.Save): the in-place write rules look at a
    /// call by symbol only when it has one of these names, and skip code that names none of them.
    /// </summary>
    public static readonly ImmutableHashSet<string> SinkMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "WriteAllText", "WriteAllTextAsync", "WriteAllLines", "WriteAllLinesAsync", "WriteAllBytes", "WriteAllBytesAsync",
        "Create", "CreateText", "OpenWrite", "Open", "OpenHandle", "Save", "New", "ExtractToFile",
        "WriteJson", "WriteJsonAsync", "WriteXml", "WriteXmlAsync", "WriteYaml", "WriteYamlAsync");

    private static readonly HashSet<string> SinkMethodSet = new(SinkMethods, StringComparer.Ordinal);

    /// <summary>True for a name in <see cref="SinkMethods"/> (a plain hash set: it runs for every call).</summary>
    public static bool IsSinkMethod(string name) => SinkMethodSet.Contains(name);

    /// <summary>The types whose constructors open a file for writing by its path (<c>new FileStream(path, …)</c>, <c>new StreamWriter(path)</c>).</summary>
    public static readonly ImmutableHashSet<string> WriterTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "FileStream", "StreamWriter", "XmlTextWriter");

    /// <summary>True for a whole-file write that takes bytes (<c>WriteAllBytes</c>, <c>WriteAllBytesAsync</c>).</summary>
    public static bool TakesBytes(string name) => name == "WriteAllBytes" || name == "WriteAllBytesAsync";
}
