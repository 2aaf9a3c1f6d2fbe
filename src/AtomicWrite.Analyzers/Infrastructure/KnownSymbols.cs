using Microsoft.CodeAnalysis;

namespace AtomicWrite.Analyzers;

/// <summary>The framework symbols the analyzers need, resolved once per compilation. Any of them may be null.</summary>
internal sealed class KnownSymbols
{
    public KnownSymbols(Compilation compilation)
    {
        File = compilation.GetTypeByMetadataName("System.IO.File");
        FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        FileStreamOptions = compilation.GetTypeByMetadataName("System.IO.FileStreamOptions");
        StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
        Path = compilation.GetTypeByMetadataName("System.IO.Path");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        XDocument = compilation.GetTypeByMetadataName("System.Xml.Linq.XDocument");
        XElement = compilation.GetTypeByMetadataName("System.Xml.Linq.XElement");
        XmlDocument = compilation.GetTypeByMetadataName("System.Xml.XmlDocument");
        String = compilation.GetSpecialType(SpecialType.System_String);
        AbstractionsFile = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFile");
        AbstractionsFileInfo = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileInfo");
        AbstractionsFileStreamFactory = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileStreamFactory");
        AbstractionsFileInfoFactory = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileInfoFactory");
    }

    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? FileInfo { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? FileStreamOptions { get; }
    public INamedTypeSymbol? StreamWriter { get; }
    public INamedTypeSymbol? FileMode { get; }
    public INamedTypeSymbol? FileAccess { get; }
    public INamedTypeSymbol? Path { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? XDocument { get; }
    public INamedTypeSymbol? XElement { get; }
    public INamedTypeSymbol? XmlDocument { get; }
    public INamedTypeSymbol String { get; }
    public INamedTypeSymbol? AbstractionsFile { get; }
    public INamedTypeSymbol? AbstractionsFileInfo { get; }
    public INamedTypeSymbol? AbstractionsFileStreamFactory { get; }
    public INamedTypeSymbol? AbstractionsFileInfoFactory { get; }

    /// <summary>True when <paramref name="type"/> is <paramref name="target"/> or derives from / implements it.</summary>
    public static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol? target)
    {
        if (type is null || target is null)
        {
            return false;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, target))
            {
                return true;
            }
        }

        if (target.TypeKind == TypeKind.Interface)
        {
            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, target))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True for a type of namespace System.IO.Abstractions that is, or implements, the interface named <paramref name="interfaceName"/>.</summary>
    public static bool IsAbstraction(ITypeSymbol? type, INamedTypeSymbol? resolved, string interfaceName)
    {
        if (type is null)
        {
            return false;
        }

        if (resolved is not null)
        {
            return IsOrInherits(type, resolved);
        }

        // Not resolvable by metadata name (e.g. duplicate definitions): match by name.
        if (IsAbstractionsName(type, interfaceName))
        {
            return true;
        }

        foreach (var i in type.AllInterfaces)
        {
            if (IsAbstractionsName(i, interfaceName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAbstractionsName(ITypeSymbol type, string name) =>
        type.Name == name && IsAbstractionsNamespace(type.ContainingNamespace);

    /// <summary>True for the namespace System.IO.Abstractions (compared name by name, without building a string).</summary>
    public static bool IsAbstractionsNamespace(INamespaceSymbol? ns) =>
        ns is { Name: "Abstractions" }
        && ns.ContainingNamespace is { Name: "IO" } io
        && io.ContainingNamespace is { Name: "System" } system
        && system.ContainingNamespace is { IsGlobalNamespace: true };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> _abstractionsFamily = new(SymbolEqualityComparer.Default);

    /// <summary>True for a type that is or implements System.IO.Abstractions' IFile, IFileInfo or IFileStreamFactory; cached per type.</summary>
    public bool InAbstractionsFamily(INamedTypeSymbol type)
    {
        if (type.AllInterfaces.Length == 0 && type.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        return _abstractionsFamily.GetOrAdd(type, t =>
            IsAbstraction(t, AbstractionsFile, "IFile")
            || IsAbstraction(t, AbstractionsFileInfo, "IFileInfo")
            || IsAbstraction(t, AbstractionsFileStreamFactory, "IFileStreamFactory"));
    }
}
