using System.Runtime.CompilerServices;

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

    /// <summary><c>tmp.MoveTo(target, overwrite)</c> (or <c>MoveToAsync</c>) on a project's own path type.</summary>
    PathType,
}

/// <summary>A write that creates or fills a (temp) file.</summary>
/// <param name="Key">The path written.</param>
/// <param name="Operation">The call or object creation that writes.</param>
/// <param name="Open">How the file is opened.</param>
/// <param name="WriteThrough">Whether the bytes reach the disk as they are written (<c>FileOptions.WriteThrough</c>, or a helper that flushes).</param>
/// <param name="IsBaseStream">The base constructor call of a class that derives from FileStream.</param>
internal sealed record AW0002Writer(AW0002PathKey Key, IOperation Operation, AW0002OpenKind Open, bool WriteThrough, bool IsBaseStream)
{
    public AW0002MethodFacts Method { get; set; } = null!;

    /// <summary>Written by a method that returns the path (<c>var tmp = WriteTemp(data)</c>): not enough to make a copy of it a publish.</summary>
    public bool ReturnedByHelper { get; set; }

    /// <summary>Each write is a fact of its own: equal to itself only, as a value-equal write is still another write.</summary>
    public bool Equals(AW0002Writer? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}

/// <summary>A move, replace or copy of one file onto another.</summary>
/// <param name="Operation">The call that moves, replaces or copies.</param>
/// <param name="SourceExpression">The argument that gives the source path.</param>
/// <param name="DestinationExpression">The argument that gives the destination path.</param>
/// <param name="Source">The source path.</param>
/// <param name="Destination">The destination path.</param>
/// <param name="Overwrites">Whether an existing destination is overwritten.</param>
internal sealed record AW0002Replace(IOperation Operation, IOperation SourceExpression, IOperation DestinationExpression, AW0002PathKey Source, AW0002PathKey Destination, bool Overwrites)
{
    /// <summary>A copy (File.Copy, FileInfo.CopyTo): the source stays, so a removal before it alone is no evidence of a temp.</summary>
    public bool IsCopy { get; set; }

    /// <summary>The replace is the commit method of another object (<c>writer.Commit()</c>), whose own code flushes the temp to disk.</summary>
    public bool Flushes { get; set; }

    /// <summary>Each replace is a fact of its own: equal to itself only, as a value-equal replace is still another replace.</summary>
    public bool Equals(AW0002Replace? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
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

    /// <summary>A stream is cut to its length (<c>SetLength</c>) in this body: a temp opened without truncation keeps no stale tail.</summary>
    public bool CutsToLength { get; set; }

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
