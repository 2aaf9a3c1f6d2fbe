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
internal sealed class SinkCall
{
    public SinkCall(SinkKind kind, string apiName, IOperation? path, IOperation? content, IMethodSymbol? method)
    {
        Kind = kind;
        ApiName = apiName;
        Path = path;
        Content = content;
        Method = method;
    }

    /// <summary>The sink kind.</summary>
    public SinkKind Kind { get; }

    /// <summary>The API as shown in messages, e.g. "File.WriteAllText".</summary>
    public string ApiName { get; }

    /// <summary>The operation giving the path (for FileInfo, the FileInfo instance); null when unknown.</summary>
    public IOperation? Path { get; }

    /// <summary>The operation giving the content (contents, bytes, the saved document), if any.</summary>
    public IOperation? Content { get; }

    /// <summary>The called method or constructor.</summary>
    public IMethodSymbol? Method { get; }
}
