namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Read-back across the compilation: a written path that reaches, by the same field, property, constant or
/// path-returning method, or by the same constant file name, a read anywhere in the compilation (often in another
/// type) is state the program relies on.
/// <para>
/// The reads are indexed once per compilation, on first need, without walking every syntax node: the source text of
/// each tree is searched for the names a read has (<c>Read</c>, <c>Load</c>, <c>Deserialize</c>, <c>From…File</c>,
/// <c>OpenText</c>, <c>FileMode.Open</c>, <c>FileAccess.Read</c>), and only at a hit that looks like a call is the
/// token looked up in the tree. Designer and generated files (<c>*.Designer.cs</c>, <c>*.g.cs</c>) are not searched. Each read is indexed by the names and constant file names of its path arguments
/// (syntax only). A write then binds only the few reads whose names match one of its own path symbols.
/// </para>
/// </summary>
internal sealed partial class ReadBackIndex
{
    private const int MaxSitesPerKey = 32;

    /// <summary>Reads through another instance bound at most per write (each binds the reading method's body).</summary>
    private const int MaxBindsPerWrite = 4;

    // "Read" also finds FileAccess.Read, OpenRead and StreamReader; "Open" finds OpenText and FileMode.Open.
    private static readonly string[] Markers = { "Read", "Load", "Deserialize", "From", "Open" };

    private readonly Compilation _compilation;
    private readonly object _sitesLock = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private ReadSites? _sites;
    private OperationTracing? _ownTracing;

    private sealed class ReadSite
    {
        public ReadSite(SyntaxNode read, ExpressionSyntax? named)
        {
            Read = read;
            Named = named;
        }

        /// <summary>The read call or creation.</summary>
        public SyntaxNode Read { get; }

        /// <summary>The expression that names the symbol (null for a file name).</summary>
        public ExpressionSyntax? Named { get; }
    }

    private sealed class ReadSites
    {
        public Dictionary<string, List<ReadSite>> ByName { get; } = new(System.StringComparer.Ordinal);

        public Dictionary<string, List<ReadSite>> ByFileName { get; } = new(System.StringComparer.OrdinalIgnoreCase);

        public int Count { get; set; }
    }

    /// <summary>The number of read calls indexed in the compilation (for tests).</summary>
    internal int IndexedReads(CancellationToken cancellationToken) => Sites(cancellationToken).Count;

    /// <summary>
    /// A read anywhere in the compilation of the file that <paramref name="path"/> names, by a shared symbol of the
    /// path's file part (a field, property, constant or method without parameters) or by a shared constant file name;
    /// null when none. Reads in test code do not count.
    /// </summary>
    public ReadBack? Across(IOperation? path, PathFacts facts, IOperation writingSite, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        var symbols = new List<ISymbol>();
        var fileNames = new List<string>();
        foreach (var candidate in facts.Candidates)
        {
            AddFileName(fileNames, Vocabulary.FileName(candidate));
        }

        WriteKeys(path, 0, symbols, fileNames, cancellationToken);
        if (symbols.Count == 0 && fileNames.Count == 0)
        {
            return null;
        }

        var sites = Sites(cancellationToken);
        var writeSyntax = writingSite.Syntax;
        var binds = 0;
        ISymbol? directory = null;
        var directoryKnown = false;
        foreach (var fileName in fileNames)
        {
            if (!sites.ByFileName.TryGetValue(fileName, out var reads))
            {
                continue;
            }

            foreach (var site in reads)
            {
                if (site.Read == writeSyntax || Model(site.Read.SyntaxTree) is not { } model)
                {
                    continue;
                }

                var reader = ReaderSymbol(model, site.Read, cancellationToken);
                if (!TestCode.Contains(reader))
                {
                    return new ReadBack(QualifiedReaderName(reader), null, fileName);
                }
            }
        }

        foreach (var symbol in symbols)
        {
            if (!sites.ByName.TryGetValue(symbol.Name, out var reads))
            {
                continue;
            }

            var sameTypeOnly = !symbol.IsStatic && symbol is not IFieldSymbol { IsConst: true } && IsGenericPathName(symbol.Name);
            foreach (var site in reads)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (site.Read == writeSyntax || site.Named is null || Model(site.Read.SyntaxTree) is not { } model)
                {
                    continue;
                }

                // Most reads name the member through its type (Paths.Slots) or from inside its type: matched by syntax,
                // so that no method body is bound for it. Only a read through another instance is bound.
                var syntactic = SyntacticMatch(site.Named, symbol);
                if (syntactic == false)
                {
                    continue;
                }

                // A member named only "a path" of another instance (entry.FileName) names the same file when the read puts
                // it under the same directory member as the write (Library.Root + entry.FileName written and read).
                var sharedDirectory = false;
                if (syntactic is null)
                {
                    // Binding another method body costs: not for a member named only "a path" outside its own type (it
                    // would not count unless under the same directory), and at most a few times per write.
                    if (sameTypeOnly && symbol.ContainingType is { } own && !InTypeNamed(site.Read, own.Name))
                    {
                        if (!directoryKnown)
                        {
                            directory = WriteDirectory(path, cancellationToken);
                            directoryKnown = true;
                        }

                        if (directory is null || ++binds > MaxBindsPerWrite
                            || ReadDirectory(site.Named) is not { } readDirectory
                            || !Matches(model.GetSymbolInfo(readDirectory, cancellationToken), directory))
                        {
                            continue;
                        }

                        sharedDirectory = true;
                    }
                    else if (++binds > MaxBindsPerWrite || !Matches(model.GetSymbolInfo(site.Named, cancellationToken), symbol))
                    {
                        continue;
                    }
                }

                var reader = ReaderSymbol(model, site.Read, cancellationToken);
                if (TestCode.Contains(reader))
                {
                    continue;
                }

                if (sharedDirectory)
                {
                    return new ReadBack(QualifiedReaderName(reader), null, directory!.Name + " + " + symbol.Name);
                }

                if (sameTypeOnly && !SymbolEqualityComparer.Default.Equals(reader?.ContainingType?.OriginalDefinition, symbol.ContainingType?.OriginalDefinition))
                {
                    continue;
                }

                // An instance member read back by its own type: a path the type's users give it, as for the load/save
                // pair of the type (medium evidence unless the file is named or serialized).
                var ownType = !symbol.IsStatic && symbol is not IFieldSymbol { IsConst: true }
                    && SymbolEqualityComparer.Default.Equals(reader?.ContainingType?.OriginalDefinition, symbol.ContainingType?.OriginalDefinition);
                return new ReadBack(QualifiedReaderName(reader), null, symbol.Name, ownType);
            }
        }

        return null;
    }

    /// <summary>
    /// The field or property of the program that the directory part of a written path is (<c>Library.Root + name</c>,
    /// <c>Path.Combine(_dir, name)</c>, through a local set from one), or null.
    /// </summary>
    private static ISymbol? WriteDirectory(IOperation path, CancellationToken cancellationToken)
    {
        var value = OperationHelpers.Unwrap(path);
        if (value is ILocalReferenceOperation local && OperationTracing.LocalInitializer(local) is { } initializer)
        {
            value = OperationHelpers.Unwrap(initializer);
        }

        IOperation? directory = value switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => Leftmost(binary),
            IInvocationOperation { TargetMethod.Name: "Combine" or "Join", TargetMethod.ContainingType.Name: "Path", Arguments.Length: > 0 } combine
                when combine.Arguments[0].ArgumentKind != ArgumentKind.ParamArray => combine.Arguments[0].Value,
            _ => null,
        };
        if (directory is null)
        {
            return null;
        }

        directory = OperationHelpers.Unwrap(directory);
        if (directory is ILocalReferenceOperation directoryLocal && OperationTracing.LocalInitializer(directoryLocal) is { } directoryInitializer)
        {
            directory = OperationHelpers.Unwrap(directoryInitializer);
        }

        cancellationToken.ThrowIfCancellationRequested();
        ISymbol? member = directory switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
            _ => null,
        };
        return member is not null && member.DeclaringSyntaxReferences.Length > 0 ? member.OriginalDefinition : null;
    }

    private static IOperation Leftmost(IBinaryOperation binary)
    {
        var left = OperationHelpers.Unwrap(binary.LeftOperand);
        while (left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner)
        {
            left = OperationHelpers.Unwrap(inner.LeftOperand);
        }

        return left;
    }

    /// <summary>
    /// The directory part of the read path that holds <paramref name="named"/> as its file part (<c>dir + named</c>,
    /// <c>Path.Combine(dir, named)</c>), through a local set from a member; null when there is none.
    /// </summary>
    private static ExpressionSyntax? ReadDirectory(ExpressionSyntax named)
    {
        ExpressionSyntax? directory = null;
        switch (named.Parent)
        {
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary when binary.Right == named:
                directory = binary.Left;
                while (directory is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } inner)
                {
                    directory = inner.Left;
                }

                break;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: > 1 } list, Parent.Parent: InvocationExpressionSyntax combine }
                when CalleeName(combine.Expression) is "Combine" or "Join" && list.Arguments[0].Expression != named:
                directory = list.Arguments[0].Expression;
                break;
        }

        if (directory is IdentifierNameSyntax local && LocalInitializer(local) is { } initializer)
        {
            directory = initializer;
        }

        return directory is IdentifierNameSyntax or MemberAccessExpressionSyntax ? directory : null;
    }

    /// <summary>
    /// Whether a read's name is the written path's member, by syntax: true for <c>Type.Member</c> with the member's
    /// own type name, or an unqualified name inside a type of that name that is no local or parameter; false for a
    /// local or parameter of that name; null (bind it) for a member read through another instance or a base type.
    /// </summary>
    private static bool? SyntacticMatch(ExpressionSyntax named, ISymbol symbol)
    {
        var typeName = symbol.ContainingType?.Name;
        if (typeName is null)
        {
            return null;
        }

        var callee = named is InvocationExpressionSyntax invocation ? invocation.Expression : named;
        switch (callee)
        {
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                return InTypeNamed(named, typeName) ? true : null;
            case MemberAccessExpressionSyntax access:
                var receiver = access.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText,
                    _ => null,
                };
                return receiver == typeName ? true : null;
            case IdentifierNameSyntax identifier:
                if (named is IdentifierNameSyntax && (LocalInitializer(identifier) is not null || IsParameter(identifier)))
                {
                    return false;
                }

                return InTypeNamed(named, typeName) ? true : null;
            default:
                return null;
        }
    }

    private static bool InTypeNamed(SyntaxNode node, string typeName)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is BaseTypeDeclarationSyntax type && type.Identifier.ValueText == typeName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsParameter(IdentifierNameSyntax identifier) => DeclaredParameter(identifier) is not null;

    /// <summary>The parameter of the enclosing method, local function or lambda that <paramref name="identifier"/> names, or null.</summary>
    private static ParameterSyntax? DeclaredParameter(IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        for (var node = identifier.Parent; node is not null && node is not BaseTypeDeclarationSyntax; node = node.Parent)
        {
            var parameters = node switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
                _ => default,
            };
            foreach (var parameter in parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return parameter;
                }
            }
        }

        return null;
    }

    /// <summary>The member (or type) whose declaration holds the read, from its declaration alone (no body is bound).</summary>
    private static ISymbol? ReaderSymbol(SemanticModel model, SyntaxNode read, CancellationToken cancellationToken)
    {
        for (var node = read.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AccessorDeclarationSyntax:
                case BaseMethodDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case IndexerDeclarationSyntax:
                case EventDeclarationSyntax:
                case BaseTypeDeclarationSyntax:
                    return model.GetDeclaredSymbol(node, cancellationToken);
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } field:
                    return model.GetDeclaredSymbol(field, cancellationToken);
            }
        }

        return null;
    }

    private static bool Matches(SymbolInfo info, ISymbol symbol)
    {
        if (info.Symbol is { } bound)
        {
            return SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, symbol);
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static string QualifiedReaderName(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        if (symbol is IMethodSymbol { AssociatedSymbol: { } associated })
        {
            symbol = associated;
        }

        if (symbol is null)
        {
            return "the program";
        }

        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
        {
            return symbol.Name;
        }

        if (ReferenceEquals(type, symbol) || symbol.Name.Length == 0 || symbol.Name.StartsWith(".", System.StringComparison.Ordinal))
        {
            return type.Name;
        }

        return type.Name + "." + symbol.Name;
    }

    /// <summary>A member name that says only "a path" (<c>Path</c>, <c>FilePath</c>, <c>FileName</c>): a different file for each instance.</summary>
    internal static bool IsGenericPathName(string name)
    {
        foreach (var word in Vocabulary.Words(name))
        {
            if (!GenericPathWords.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly HashSet<string> GenericPathWords = new(System.StringComparer.Ordinal)
    {
        "get", "path", "paths", "file", "filename", "filepath", "name", "full", "fullname", "location", "dir", "directory",
        "folder", "root", "target", "uri", "url", "value", "current", "data", "local", "absolute", "relative", "default",
        "main", "source", "src", "input", "output", "item", "selected", "new", "old",
    };

    private SemanticModel? Model(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // A read in another tree must be bound to compare its symbol; the model is cached per tree.
        return _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    private OperationTracing Tracing()
    {
        var tracing = _ownTracing;
        if (tracing is null)
        {
            tracing = new OperationTracing(_compilation);
            _ownTracing = tracing;
        }

        return tracing;
    }

    // ---- The written path: the symbols and constant file names of its file part ----

    private void WriteKeys(IOperation operation, int depth, List<ISymbol> symbols, List<string> fileNames, CancellationToken cancellationToken)
    {
        if (depth > 3 || symbols.Count > 8)
        {
            return;
        }

        var value = OperationHelpers.Unwrap(operation);
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            AddFileName(fileNames, Vocabulary.FileName(constant));
            if (value is IFieldReferenceOperation constantField)
            {
                AddSymbol(symbols, constantField.Field);
            }

            return;
        }

        switch (value)
        {
            case ILocalReferenceOperation local when OperationTracing.LocalInitializer(local) is { } initializer:
                WriteKeys(initializer, depth + 1, symbols, fileNames, cancellationToken);
                break;
            case IFieldReferenceOperation field:
                if (AddSymbol(symbols, field.Field))
                {
                    foreach (var assigned in Tracing().MemberValues(field.Field.OriginalDefinition, cancellationToken))
                    {
                        WriteKeys(assigned, depth + 1, symbols, fileNames, cancellationToken);
                    }
                }

                break;
            case IPropertyReferenceOperation property:
                if (property.Property.Name is "FullName" or "Name" && property.Property.ContainingType?.Name is "FileInfo" or "FileSystemInfo" or "IFileInfo" or "IFileSystemInfo")
                {
                    if (property.Instance is { } fileInfo)
                    {
                        WriteKeys(fileInfo, depth + 1, symbols, fileNames, cancellationToken);
                    }
                }
                else if (AddSymbol(symbols, property.Property))
                {
                    foreach (var assigned in Tracing().MemberValues(property.Property.OriginalDefinition, cancellationToken))
                    {
                        WriteKeys(assigned, depth + 1, symbols, fileNames, cancellationToken);
                    }
                }

                break;
            case IInvocationOperation invocation:
                WriteKeysOfCall(invocation, depth, symbols, fileNames, cancellationToken);
                break;
            case IObjectCreationOperation { Constructor.ContainingType.Name: "FileInfo" or "Uri", Arguments.Length: > 0 } creation:
                WriteKeys(creation.Arguments[0].Value, depth + 1, symbols, fileNames, cancellationToken);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                WriteKeys(binary.RightOperand, depth + 1, symbols, fileNames, cancellationToken);
                break;
            case IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0:
                if (interpolated.Parts[interpolated.Parts.Length - 1] is IInterpolationOperation hole)
                {
                    WriteKeys(hole.Expression, depth + 1, symbols, fileNames, cancellationToken);
                }

                break;
            case IConditionalOperation conditional:
                WriteKeys(conditional.WhenTrue, depth + 1, symbols, fileNames, cancellationToken);
                if (conditional.WhenFalse is { } whenFalse)
                {
                    WriteKeys(whenFalse, depth + 1, symbols, fileNames, cancellationToken);
                }

                break;
            case ICoalesceOperation coalesce:
                WriteKeys(coalesce.Value, depth + 1, symbols, fileNames, cancellationToken);
                WriteKeys(coalesce.WhenNull, depth + 1, symbols, fileNames, cancellationToken);
                break;
        }
    }

    private void WriteKeysOfCall(IInvocationOperation invocation, int depth, List<ISymbol> symbols, List<string> fileNames, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        if (method.ContainingType?.Name == "Path" && method.ContainingType.ContainingNamespace?.Name == "IO")
        {
            switch (method.Name)
            {
                case "Combine":
                case "Join":
                    if (LastPart(invocation) is { } last)
                    {
                        WriteKeys(last, depth + 1, symbols, fileNames, cancellationToken);
                    }

                    return;
                case "GetFullPath":
                case "ChangeExtension":
                    if (arguments.Length > 0)
                    {
                        WriteKeys(arguments[0].Value, depth + 1, symbols, fileNames, cancellationToken);
                    }

                    return;
                default:
                    return;
            }
        }

        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return;
        }

        // A method of the project that gives the path: itself when it takes nothing, the constant names it is given.
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.ConstantValue is { HasValue: true, Value: string name })
            {
                AddFileName(fileNames, Vocabulary.FileName(name));
            }
        }

        if (method.Parameters.Length == 0 && AddSymbol(symbols, method))
        {
            foreach (var returned in Tracing().ReturnValues(method.OriginalDefinition, cancellationToken))
            {
                WriteKeys(returned, depth + 1, symbols, fileNames, cancellationToken);
            }
        }
    }

    private static IOperation? LastPart(IInvocationOperation invocation)
    {
        IOperation? last = null;
        foreach (var argument in invocation.Arguments)
        {
            var value = OperationHelpers.Unwrap(argument.Value);
            if (argument.ArgumentKind == ArgumentKind.ParamArray && value is IArrayCreationOperation { Initializer: { } init })
            {
                if (init.ElementValues.Length > 0)
                {
                    last = init.ElementValues[init.ElementValues.Length - 1];
                }
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                last = value;
            }
        }

        return last;
    }

    private static bool AddSymbol(List<ISymbol> symbols, ISymbol symbol)
    {
        symbol = symbol.OriginalDefinition;
        if (symbol.DeclaringSyntaxReferences.Length == 0)
        {
            return false; // a framework member (FileInfo.FullName, Application.StartupPath) names every file
        }

        foreach (var known in symbols)
        {
            if (SymbolEqualityComparer.Default.Equals(known, symbol))
            {
                return false;
            }
        }

        symbols.Add(symbol);
        return true;
    }

    /// <summary>Adds a constant file name that names one file: not empty, not only an extension, with a letter in it.</summary>
    private static void AddFileName(List<string> fileNames, string fileName)
    {
        if (!IsSpecificFileName(fileName))
        {
            return;
        }

        foreach (var known in fileNames)
        {
            if (string.Equals(known, fileName, System.StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        fileNames.Add(fileName);
    }

    private static bool IsSpecificFileName(string fileName)
    {
        if (fileName.Length < 3 || fileName.IndexOf('*') >= 0 || fileName[0] == '.' || fileName.IndexOf(' ') >= 0)
        {
            return false;
        }

        foreach (var c in fileName)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    // ---- The index of reads ----

    private ReadSites Sites(CancellationToken cancellationToken)
    {
        var sites = Volatile.Read(ref _sites);
        if (sites is not null)
        {
            return sites;
        }

        lock (_sitesLock)
        {
            if (_sites is null)
            {
                var built = new ReadSites();
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    IndexTree(tree, built, cancellationToken);
                }

                Volatile.Write(ref _sites, built);
            }

            return _sites!;
        }
    }

    private static void IndexTree(SyntaxTree tree, ReadSites sites, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsGeneratedFileName(tree.FilePath))
        {
            return;
        }

        var text = tree.GetText(cancellationToken).ToString();
        SyntaxNode? root = null;
        HashSet<SyntaxNode>? seen = null;
        foreach (var marker in Markers)
        {
            for (var at = text.IndexOf(marker, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, System.StringComparison.Ordinal))
            {
                if (!LooksLikeRead(text, at, marker))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                if (ReadAt(root, at, marker) is { } read && (seen ??= new HashSet<SyntaxNode>()).Add(read))
                {
                    IndexRead(read, sites);
                }
            }
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsGeneratedFileName(string path) =>
        path.EndsWith(".Designer.cs", System.StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".g.i.cs", System.StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>A cheap test on the text: the marker is part of a called name that a read has, or a read mode.</summary>
    private static bool LooksLikeRead(string text, int at, string marker)
    {
        var end = at + marker.Length;
        var start = at;
        while (start > 0 && IsIdentifierChar(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && IsIdentifierChar(text[end]))
        {
            end++;
        }

        var word = text.Substring(start, end - start);

        // FileMode.Open / FileAccess.Read as a whole name (not OpenOrCreate, ReadWrite): the mode or access of a read.
        if (word is "Open" or "Read")
        {
            var qualifier = word == "Open" ? "FileMode." : "FileAccess.";
            if (start >= qualifier.Length && string.CompareOrdinal(text, start - qualifier.Length, qualifier, 0, qualifier.Length) == 0)
            {
                return true;
            }
        }

        if (!IsReadWord(word))
        {
            return false;
        }

        // A call or creation: the name is followed by '(' or a type argument list, or (XmlReader) by ".Create(".
        while (end < text.Length && char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        if (end >= text.Length)
        {
            return false;
        }

        if (word == "XmlReader")
        {
            return string.CompareOrdinal(text, end, ".Create", 0, 7) == 0;
        }

        return text[end] == '(' || text[end] == '<';
    }

    /// <summary>
    /// Methods of streams and readers that read from an open stream, never from a path (a project's own <c>Read(path)</c>
    /// or <c>ReadString(path)</c> helper is kept, so those names are not listed).
    /// </summary>
    private static readonly HashSet<string> StreamReads = new(System.StringComparer.Ordinal)
    {
        "ReadByte", "ReadLine", "ReadLineAsync", "ReadToEnd", "ReadToEndAsync", "ReadBlock",
        "ReadBlockAsync", "ReadExactly", "ReadExactlyAsync", "ReadAtLeast", "ReadAtLeastAsync", "ReadBytes", "ReadChars",
        "ReadChar", "ReadBoolean", "ReadInt16", "ReadInt32", "ReadInt64", "ReadUInt16", "ReadUInt32",
        "ReadUInt64", "ReadSingle", "ReadDouble", "ReadDecimal", "ReadSByte", "ReadStartElement", "ReadEndElement",
        "ReadElementString", "ReadElementContentAsString", "ReadContentAsString", "ReadInnerXml", "ReadOuterXml",
        "ReadSubtree", "ReadToFollowing", "ReadToDescendant", "ReadToNextSibling", "ReadValueChunk", "ReadAllAsync",
    };

    private static bool IsReadWord(string word)
    {
        if (StreamReads.Contains(word))
        {
            return false;
        }

        if (word.StartsWith("Try", System.StringComparison.Ordinal) && word.Length > 3)
        {
            word = word.Substring(3);
        }

        return word.StartsWith("Read", System.StringComparison.Ordinal)
            || word.StartsWith("Load", System.StringComparison.Ordinal)
            || word.StartsWith("Deserialize", System.StringComparison.Ordinal)
            || (word.StartsWith("From", System.StringComparison.Ordinal) && (word.EndsWith("File", System.StringComparison.Ordinal) || word.EndsWith("FileAsync", System.StringComparison.Ordinal)))
            || word is "OpenRead" or "OpenReadAsync" or "OpenText" or "StreamReader" or "XmlTextReader" or "XmlReader";
    }

    /// <summary>The read call or creation at a marker hit, or null.</summary>
    private static SyntaxNode? ReadAt(SyntaxNode root, int at, string marker)
    {
        var token = root.FindToken(at);
        if (token.Parent is IdentifierNameSyntax { Identifier.ValueText: "Open" or "Read" } modeName
            && modeName.Parent is MemberAccessExpressionSyntax modeAccess
            && modeAccess.Name == modeName
            && CalleeName(modeAccess.Expression) is "FileMode" or "FileAccess")
        {
            // The mode or access argument of File.Open / new FileStream / fileInfo.Open.
            var argument = token.Parent?.FirstAncestorOrSelf<ArgumentSyntax>();
            return argument?.Parent?.Parent switch
            {
                InvocationExpressionSyntax invocation when CalleeName(invocation.Expression) == "Open" => invocation,
                ObjectCreationExpressionSyntax creation when TypeName(creation.Type) == "FileStream" => creation,
                _ => null,
            };
        }

        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        SyntaxNode node = name;
        if (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node)
        {
            node = qualified;
        }

        if (node.Parent is ObjectCreationExpressionSyntax creationOf && creationOf.Type == node)
        {
            return TypeName(creationOf.Type) is "StreamReader" or "XmlTextReader" ? creationOf : null;
        }

        if (name.Identifier.ValueText == "XmlReader")
        {
            // XmlReader.Create(path), also as System.Xml.XmlReader.Create(path)
            if (node.Parent is MemberAccessExpressionSyntax qualifiedReader && qualifiedReader.Name == node)
            {
                node = qualifiedReader;
            }

            return node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" } create && create.Expression == node
                && create.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } createCall
                ? createCall
                : null;
        }

        if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
        {
            if (access.Expression is IdentifierNameSyntax { Identifier.ValueText: "Image" or "Bitmap" or "Icon" or "Assembly" or "Console" or "Font" })
            {
                return null; // images, icons and assemblies are not the program's state
            }

            node = access;
        }
        else if (node.Parent is MemberBindingExpressionSyntax binding && binding.Name == node)
        {
            node = binding;
        }

        return node.Parent is InvocationExpressionSyntax invocationOf && invocationOf.Expression == node && invocationOf.ArgumentList.Arguments.Count > 0
            ? invocationOf
            : null;
    }

    /// <summary>The argument list of a call or an object creation, or null.</summary>
    private static ArgumentListSyntax? ArgumentsOf(SyntaxNode call) => call switch
    {
        InvocationExpressionSyntax invocation => invocation.ArgumentList,
        ObjectCreationExpressionSyntax creation => creation.ArgumentList,
        _ => null,
    };

    private static void IndexRead(SyntaxNode read, ReadSites sites)
    {
        if (ArgumentsOf(read) is not { } arguments)
        {
            return;
        }

        sites.Count++;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is LiteralExpressionSyntax { RawKind: not (int)SyntaxKind.StringLiteralExpression })
            {
                continue;
            }

            ReadKeys(argument.Expression, read, 0, sites);
        }
    }

    /// <summary>The names and constant file names of a read's path argument (syntax only; locals through their initializers).</summary>
    private static void ReadKeys(ExpressionSyntax expression, SyntaxNode read, int depth, ReadSites sites)
    {
        if (depth > 3)
        {
            return;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                ReadKeys(parenthesized.Expression, read, depth + 1, sites);
                break;
            case CastExpressionSyntax cast:
                ReadKeys(cast.Expression, read, depth + 1, sites);
                break;
            case IdentifierNameSyntax identifier:
                AddSite(sites.ByName, identifier.Identifier.ValueText, new ReadSite(read, identifier));
                if (LocalInitializer(identifier) is { } initializer)
                {
                    ReadKeys(initializer, read, depth + 1, sites);
                }

                break;
            case MemberAccessExpressionSyntax access:
                if (access.Name.Identifier.ValueText is "FullName" && access.Expression is ObjectCreationExpressionSyntax or IdentifierNameSyntax)
                {
                    ReadKeys(access.Expression, read, depth + 1, sites);
                }

                AddSite(sites.ByName, access.Name.Identifier.ValueText, new ReadSite(read, access));
                break;
            case InvocationExpressionSyntax invocation:
            {
                var callee = CalleeName(invocation.Expression);
                var callArguments = invocation.ArgumentList.Arguments;
                if (callee is "Combine" or "Join" && callArguments.Count > 0)
                {
                    ReadKeys(callArguments[callArguments.Count - 1].Expression, read, depth + 1, sites);
                    break;
                }

                if (callee is "GetFullPath" or "ChangeExtension" && callArguments.Count > 0)
                {
                    ReadKeys(callArguments[0].Expression, read, depth + 1, sites);
                    break;
                }

                if (callee.Length > 0)
                {
                    AddSite(sites.ByName, callee, new ReadSite(read, invocation));
                }

                foreach (var argument in callArguments)
                {
                    if (argument.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                    {
                        AddFileNameSite(sites, literal.Token.ValueText, read);
                    }
                }

                break;
            }

            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                AddFileNameSite(sites, literal.Token.ValueText, read);
                break;
            case InterpolatedStringExpressionSyntax interpolated when interpolated.Contents.Count > 0:
                switch (interpolated.Contents[interpolated.Contents.Count - 1])
                {
                    case InterpolatedStringTextSyntax text:
                        AddFileNameSite(sites, text.TextToken.ValueText, read);
                        break;
                    case InterpolationSyntax hole:
                        ReadKeys(hole.Expression, read, depth + 1, sites);
                        break;
                }

                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                ReadKeys(binary.Right, read, depth + 1, sites);
                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression):
                ReadKeys(binary.Left, read, depth + 1, sites);
                ReadKeys(binary.Right, read, depth + 1, sites);
                break;
            case ConditionalExpressionSyntax conditional:
                ReadKeys(conditional.WhenTrue, read, depth + 1, sites);
                ReadKeys(conditional.WhenFalse, read, depth + 1, sites);
                break;
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } creationArguments } creation when TypeName(creation.Type) is "FileInfo" or "Uri":
                ReadKeys(creationArguments[0].Expression, read, depth + 1, sites);
                break;
        }
    }

    /// <summary>
    /// The initializer of a local of that name declared by an earlier statement of an enclosing block (or by an
    /// enclosing <c>using</c>), or null. Only the statements of the enclosing blocks are looked at, not every node of
    /// the member.
    /// </summary>
    private static ExpressionSyntax? LocalInitializer(IdentifierNameSyntax identifier)
    {
        if (identifier.Parent is MemberAccessExpressionSyntax { Name: var name } && name == identifier)
        {
            return null;
        }

        var wanted = identifier.Identifier.ValueText;
        for (var node = identifier.Parent; node is not null && node is not MemberDeclarationSyntax; node = node.Parent)
        {
            switch (node)
            {
                case BlockSyntax block:
                    foreach (var statement in block.Statements)
                    {
                        if (statement.SpanStart >= identifier.SpanStart)
                        {
                            break;
                        }

                        if (statement is LocalDeclarationStatementSyntax local && Declared(local.Declaration, wanted) is { } value)
                        {
                            return value;
                        }
                    }

                    break;
                case UsingStatementSyntax { Declaration: { } usingDeclaration } when Declared(usingDeclaration, wanted) is { } usingValue:
                    return usingValue;
            }
        }

        return null;
    }

    private static ExpressionSyntax? Declared(VariableDeclarationSyntax declaration, string name)
    {
        foreach (var declarator in declaration.Variables)
        {
            if (declarator.Identifier.ValueText == name)
            {
                return declarator.Initializer?.Value;
            }
        }

        return null;
    }

    private static void AddFileNameSite(ReadSites sites, string path, SyntaxNode read)
    {
        var fileName = Vocabulary.FileName(path);
        if (IsSpecificFileName(fileName))
        {
            AddSite(sites.ByFileName, fileName, new ReadSite(read, null));
        }
    }

    private static void AddSite(Dictionary<string, List<ReadSite>> index, string key, ReadSite site)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = new List<ReadSite>();
            index.Add(key, list);
        }

        if (list.Count < MaxSitesPerKey)
        {
            list.Add(site);
        }
    }
}
