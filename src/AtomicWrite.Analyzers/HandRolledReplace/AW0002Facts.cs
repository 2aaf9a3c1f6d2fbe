namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>Identifies a path value: a local, parameter, field or property, or else the expression's text.</summary>
internal sealed class AW0002PathKey : IEquatable<AW0002PathKey>
{
    private AW0002PathKey(ISymbol? symbol, string? text)
    {
        Symbol = symbol;
        Text = text;
    }

    public ISymbol? Symbol { get; }

    public string? Text { get; }

    public bool IsMember => Symbol is IFieldSymbol || Symbol is IPropertySymbol;

    public static AW0002PathKey ForSymbol(ISymbol symbol) => new AW0002PathKey(symbol.OriginalDefinition, null);

    public static AW0002PathKey ForText(string text) => new AW0002PathKey(null, text);

    public bool Equals(AW0002PathKey? other)
    {
        if (other is null)
        {
            return false;
        }

        if (Symbol is not null || other.Symbol is not null)
        {
            return SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);
        }

        return string.Equals(Text, other.Text, StringComparison.Ordinal);
    }

    public override bool Equals(object? obj) => Equals(obj as AW0002PathKey);

    public override int GetHashCode()
        => Symbol is not null ? SymbolEqualityComparer.Default.GetHashCode(Symbol) : StringComparer.Ordinal.GetHashCode(Text ?? string.Empty);
}

/// <summary>How a temp file is opened.</summary>
internal enum AW0002OpenKind
{
    /// <summary>Not known.</summary>
    Unknown,

    /// <summary>Created new (fails if it exists).</summary>
    CreateNew,

    /// <summary>Created or truncated.</summary>
    Truncating,

    /// <summary>Opened or appended without truncation: stale bytes of an old temp can remain.</summary>
    Stale,
}

/// <summary>Which kind of move, replace, copy or rename a called method is (see <see cref="AW0002FactBuilder.ClassifyReplace"/>).</summary>
internal enum AW0002ReplaceKind
{
    /// <summary>Not a move, replace, copy or rename.</summary>
    None,

    /// <summary><c>File.Move</c>, <c>File.Replace</c> or <c>File.Copy</c>.</summary>
    File,

    /// <summary><c>FileInfo.MoveTo</c>, <c>FileInfo.Replace</c> or <c>FileInfo.CopyTo</c>.</summary>
    FileInfo,

    /// <summary>A P/Invoke of <c>MoveFile</c>, <c>MoveFileEx</c>, <c>MoveFileTransacted</c>, <c>ReplaceFile</c>, <c>rename</c> or <c>_wrename</c>.</summary>
    PlatformInvoke,

    /// <summary>A user-defined (or System.IO.Abstractions) move, rename or replace helper taking two strings.</summary>
    Wrapper,
}

/// <summary>A write that creates or fills a (temp) file.</summary>
internal sealed class AW0002Writer
{
    public AW0002Writer(AW0002PathKey key, IOperation operation, AW0002OpenKind open, bool writeThrough, bool isBaseStream)
    {
        Key = key;
        Operation = operation;
        Open = open;
        WriteThrough = writeThrough;
        IsBaseStream = isBaseStream;
    }

    public AW0002PathKey Key { get; }

    public IOperation Operation { get; }

    public AW0002OpenKind Open { get; }

    public bool WriteThrough { get; }

    /// <summary>The base constructor call of a class that derives from FileStream.</summary>
    public bool IsBaseStream { get; }

    public AW0002MethodFacts Method { get; set; } = null!;
}

/// <summary>A move, replace or copy of one file onto another.</summary>
internal sealed class AW0002Replace
{
    public AW0002Replace(IOperation operation, IOperation sourceExpression, IOperation destinationExpression, AW0002PathKey source, AW0002PathKey destination, bool overwrites)
    {
        Operation = operation;
        SourceExpression = sourceExpression;
        DestinationExpression = destinationExpression;
        Source = source;
        Destination = destination;
        Overwrites = overwrites;
    }

    public IOperation Operation { get; }

    public IOperation SourceExpression { get; }

    public IOperation DestinationExpression { get; }

    public AW0002PathKey Source { get; }

    public AW0002PathKey Destination { get; }

    public bool Overwrites { get; }

    /// <summary>A copy (File.Copy, FileInfo.CopyTo): the source stays, so a removal before it alone is no evidence of a temp.</summary>
    public bool IsCopy { get; set; }
}

/// <summary>Everything AW0002 records about one member body.</summary>
internal sealed class AW0002MethodFacts
{
    public AW0002MethodFacts(ISymbol owner)
    {
        Owner = owner;
    }

    public ISymbol Owner { get; }

    public bool IsDisposeLike { get; set; }

    public bool IsConstructor { get; set; }

    public bool IsSynchronized { get; set; }

    public bool FlushesToDisk { get; set; }

    public List<AW0002Writer> Writers { get; } = new List<AW0002Writer>();

    public List<AW0002Replace> Replaces { get; } = new List<AW0002Replace>();

    /// <summary>Deletes of a path, and moves of a path elsewhere: both leave it missing.</summary>
    public List<(AW0002PathKey Key, IOperation Operation)> Removals { get; } = new List<(AW0002PathKey, IOperation)>();

    /// <summary>Calls to methods of the same type.</summary>
    public List<(IMethodSymbol Target, IOperation Operation)> OwnCalls { get; } = new List<(IMethodSymbol, IOperation)>();

    public Dictionary<ILocalSymbol, List<IOperation>> LocalValues { get; } = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);

    public List<(ISymbol Member, IOperation Value)> MemberValues { get; } = new List<(ISymbol, IOperation)>();

    public List<(IParameterSymbol Parameter, ISymbol Member)> ParameterAliases { get; } = new List<(IParameterSymbol, ISymbol)>();

    /// <summary>Locals and members set to <c>true</c> in this body (candidate success flags).</summary>
    public HashSet<ISymbol> SetTrue { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
}
