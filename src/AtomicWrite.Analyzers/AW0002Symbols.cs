using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AtomicWrite.Analyzers
{
    /// <summary>
    /// The framework symbols AW0002 needs, resolved once per compilation. Any of them may be missing
    /// (for example in a compilation without System.Xml); every use checks for null.
    /// </summary>
    internal sealed class AW0002Symbols
    {
        private AW0002Symbols(Compilation compilation)
        {
            File = compilation.GetTypeByMetadataName("System.IO.File");
            FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
            FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
            FileStreamOptions = compilation.GetTypeByMetadataName("System.IO.FileStreamOptions");
            FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
            FileOptions = compilation.GetTypeByMetadataName("System.IO.FileOptions");
            Path = compilation.GetTypeByMetadataName("System.IO.Path");
            Directory = compilation.GetTypeByMetadataName("System.IO.Directory");
            StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
            Random = compilation.GetTypeByMetadataName("System.Random");
            RandomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
            Environment = compilation.GetTypeByMetadataName("System.Environment");
            DateTime = compilation.GetTypeByMetadataName("System.DateTime");
            DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            Stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
            Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            Process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
            XDocument = compilation.GetTypeByMetadataName("System.Xml.Linq.XDocument");
            XElement = compilation.GetTypeByMetadataName("System.Xml.Linq.XElement");
            XmlDocument = compilation.GetTypeByMetadataName("System.Xml.XmlDocument");
            XmlWriter = compilation.GetTypeByMetadataName("System.Xml.XmlWriter");
            MethodImplAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplAttribute");
        }

        public INamedTypeSymbol? File { get; }

        public INamedTypeSymbol? FileInfo { get; }

        public INamedTypeSymbol? FileStream { get; }

        public INamedTypeSymbol? FileStreamOptions { get; }

        public INamedTypeSymbol? FileMode { get; }

        public INamedTypeSymbol? FileOptions { get; }

        public INamedTypeSymbol? Path { get; }

        public INamedTypeSymbol? Directory { get; }

        public INamedTypeSymbol? StreamWriter { get; }

        public INamedTypeSymbol? Guid { get; }

        public INamedTypeSymbol? Random { get; }

        public INamedTypeSymbol? RandomNumberGenerator { get; }

        public INamedTypeSymbol? Environment { get; }

        public INamedTypeSymbol? DateTime { get; }

        public INamedTypeSymbol? DateTimeOffset { get; }

        public INamedTypeSymbol? Stopwatch { get; }

        public INamedTypeSymbol? Interlocked { get; }

        public INamedTypeSymbol? Thread { get; }

        public INamedTypeSymbol? Process { get; }

        public INamedTypeSymbol? XDocument { get; }

        public INamedTypeSymbol? XElement { get; }

        public INamedTypeSymbol? XmlDocument { get; }

        public INamedTypeSymbol? XmlWriter { get; }

        public INamedTypeSymbol? MethodImplAttribute { get; }

        public static AW0002Symbols? Create(Compilation compilation)
        {
            var symbols = new AW0002Symbols(compilation);
            return symbols.File is null ? null : symbols;
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

        internal static readonly ImmutableHashSet<string> TempMarkers =
            ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "tmp", "temp", "~", ".new", ".part", ".partial", ".swp", ".$$$");

        internal static bool HasTempMarker(string? text)
        {
            if (text is null)
            {
                return false;
            }

            foreach (var marker in TempMarkers)
            {
                if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
