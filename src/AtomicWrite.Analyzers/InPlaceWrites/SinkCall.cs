namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>The kind of in-place write; the value of the "Sink" diagnostic property.</summary>
internal enum SinkKind
{
    /// <summary>File.WriteAll* (whole-file writes).</summary>
    WholeFile,

    /// <summary>File.Create/OpenWrite/Open, new FileStream, FileInfo.*.</summary>
    Stream,

    /// <summary>new StreamWriter(path...), File.CreateText.</summary>
    Writer,

    /// <summary>XDocument/XElement/XmlDocument.Save(string).</summary>
    XmlSave,

    /// <summary>A one-hop wrapper in the same compilation, or a configured wrapper method.</summary>
    Wrapper,

    /// <summary>System.IO.Abstractions equivalents.</summary>
    Abstraction,
}

/// <summary>An invocation or object creation recognised as an in-place overwrite.</summary>
/// <param name="Kind">The sink kind.</param>
/// <param name="ApiName">The API as shown in messages, e.g. "File.WriteAllText".</param>
/// <param name="Path">The operation giving the path (for FileInfo, the FileInfo instance); null when unknown.</param>
/// <param name="Content">The operation giving the content (contents, bytes, the saved document), if any.</param>
/// <param name="Method">The called method or constructor.</param>
internal sealed record SinkCall(SinkKind Kind, string ApiName, IOperation? Path, IOperation? Content, IMethodSymbol? Method);
