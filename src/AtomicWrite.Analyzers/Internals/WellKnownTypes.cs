using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.Internals;

/// <summary>
/// The framework and AtomicWrite types every rule needs, resolved once per compilation (<see cref="For"/>). Any of
/// them may be null (for example in a compilation without System.Xml or without the AtomicWrite runtime).
/// </summary>
internal sealed class WellKnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Instances = new();

    private WellKnownTypes(Compilation compilation)
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
        AbstractionsFile = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFile");
        AbstractionsFileInfo = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileInfo");
        AbstractionsFileStreamFactory = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileStreamFactory");
        AbstractionsFileInfoFactory = compilation.GetTypeByMetadataName("System.IO.Abstractions.IFileInfoFactory");
        FileOptions = compilation.GetTypeByMetadataName("System.IO.FileOptions");
        Directory = compilation.GetTypeByMetadataName("System.IO.Directory");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Random = compilation.GetTypeByMetadataName("System.Random");
        RandomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
        DateTime = compilation.GetTypeByMetadataName("System.DateTime");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        Stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
        Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        Process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
        XmlWriter = compilation.GetTypeByMetadataName("System.Xml.XmlWriter");
        MethodImplAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplAttribute");
        AtomicFile = compilation.GetTypeByMetadataName("AtomicWrite.AtomicFile");
        AtomicFileStream = compilation.GetTypeByMetadataName("AtomicWrite.AtomicFileStream");
        AtomicStreamWriter = compilation.GetTypeByMetadataName("AtomicWrite.AtomicStreamWriter");
        String = compilation.GetSpecialType(SpecialType.System_String);
        XmlTextWriter = compilation.GetTypeByMetadataName("System.Xml.XmlTextWriter");
        ZipFileExtensions = compilation.GetTypeByMetadataName("System.IO.Compression.ZipFileExtensions");
        FileSystemAclExtensions = compilation.GetTypeByMetadataName("System.IO.FileSystemAclExtensions");
    }

    /// <summary>The table of a compilation, built on first use and shared by every analyzer.</summary>
    public static WellKnownTypes For(Compilation compilation) => Instances.GetValue(compilation, c => new WellKnownTypes(c));

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

    public INamedTypeSymbol? AbstractionsFile { get; }

    public INamedTypeSymbol? AbstractionsFileInfo { get; }

    public INamedTypeSymbol? AbstractionsFileStreamFactory { get; }

    public INamedTypeSymbol? AbstractionsFileInfoFactory { get; }

    public INamedTypeSymbol? FileOptions { get; }

    public INamedTypeSymbol? Directory { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Random { get; }

    public INamedTypeSymbol? RandomNumberGenerator { get; }

    public INamedTypeSymbol? DateTime { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? Stopwatch { get; }

    public INamedTypeSymbol? Interlocked { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? Process { get; }

    public INamedTypeSymbol? XmlWriter { get; }

    public INamedTypeSymbol? MethodImplAttribute { get; }

    public INamedTypeSymbol? AtomicFile { get; }

    public INamedTypeSymbol? AtomicFileStream { get; }

    public INamedTypeSymbol? AtomicStreamWriter { get; }

    public INamedTypeSymbol String { get; }

    public INamedTypeSymbol? XmlTextWriter { get; }

    public INamedTypeSymbol? ZipFileExtensions { get; }

    public INamedTypeSymbol? FileSystemAclExtensions { get; }

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


    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (expected is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Types whose members produce a name that differs on every call.</summary>
    public bool IsRandomnessSource(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (Is(type, Guid))
        {
            return member.Name == "NewGuid" || member.Name == "CreateVersion7";
        }

        if (Is(type, Path))
        {
            return member.Name == "GetRandomFileName";
        }

        if (DerivesFrom(type, Random) || DerivesFrom(type, RandomNumberGenerator) || Is(type, Interlocked) || Is(type, Stopwatch))
        {
            return true;
        }

        if (Is(type, Environment))
        {
            return member.Name == "ProcessId" || member.Name == "TickCount" || member.Name == "TickCount64" || member.Name == "CurrentManagedThreadId";
        }

        if (Is(type, DateTime) || Is(type, DateTimeOffset))
        {
            return member.Name == "Now" || member.Name == "UtcNow" || member.Name == "Ticks";
        }

        if (Is(type, Thread))
        {
            return member.Name == "ManagedThreadId";
        }

        if (Is(type, Process))
        {
            return member.Name == "Id";
        }

        return false;
    }
}
