using System.Linq;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Serialized-type round trips: the types of the program that the compilation deserializes from a file it reads
/// (<c>JsonSerializer.Deserialize&lt;T&gt;(File.ReadAllText(path))</c>, <c>Deserialize&lt;T&gt;(stream)</c> over a
/// <c>File.OpenRead</c> stream, <c>(T)new XmlSerializer(typeof(T)).Deserialize(reader)</c> over a
/// <c>StreamReader(path)</c>, <c>DataContractSerializer.ReadObject</c>). A program that writes a serialization of such
/// a type saves state it loads back from disk, whatever the path is called.
/// <para>
/// Built once per compilation, on first need, without walking every node: the source text of each tree is searched
/// for <c>Deserialize</c> and <c>ReadObject</c>, and only at a hit that looks like a call is the tree consulted. The
/// deserialized type and the file read are read from the syntax; a site is bound (its type syntax only) when a write
/// asks for a type of that name.
/// </para>
/// </summary>
internal sealed partial class ReadBackIndex
{
    /// <summary>Deserializing sites bound at most per write to confirm the type.</summary>
    private const int MaxTypeBindsPerWrite = 4;

    private static readonly string[] DeserializeMarkers = { "Deserialize", "ReadObject" };

    private readonly object _loadedLock = new();
    private Dictionary<string, List<LoadedSite>>? _loaded;
    private readonly ConcurrentDictionary<IParameterSymbol, bool> _serializedParameters = new(SymbolEqualityComparer.Default);

    /// <summary>How a value is serialized: the type itself, a sequence of it, or a dictionary of it.</summary>
    internal enum SerializedShape
    {
        Single,
        Sequence,
        Map,
    }

    /// <summary>A deserialization from a file read.</summary>
    /// <param name="Call">The deserializing call.</param>
    /// <param name="Type">The type syntax of the deserialized type (its core, without collections), or a <c>JsonTypeInfo</c> expression.</param>
    /// <param name="Shape">How the type is serialized.</param>
    /// <param name="FileName">The constant file name of the file read, when the syntax shows one.</param>
    private sealed record LoadedSite(SyntaxNode Call, SyntaxNode Type, SerializedShape Shape, string? FileName);

    /// <summary>
    /// The first of <paramref name="serializedTypes"/> (types of the program, or arrays, lists and dictionaries of them)
    /// that the compilation deserializes, in the same shape, from a file it reads; with the reading member. Null when none.
    /// Reads in test code do not count.
    /// </summary>
    public (string Type, string Reader)? LoadedFromFile(IReadOnlyList<ITypeSymbol> serializedTypes, string? writtenFileName, CancellationToken cancellationToken)
    {
        var binds = 0;
        foreach (var serialized in serializedTypes)
        {
            if (Core(serialized, out var shape) is not { } core)
            {
                continue;
            }

            var index = LoadedSites(cancellationToken);
            if (!index.TryGetValue(core.Name, out var sites))
            {
                continue;
            }

            foreach (var site in sites)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A read of another named file (defaults shipped as "presets.json") is not this file's reader.
                if (site.Shape != shape || Model(site.Call.SyntaxTree) is not { } model
                    || (writtenFileName is not null && site.FileName is not null && !string.Equals(writtenFileName, site.FileName, System.StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (++binds > MaxTypeBindsPerWrite)
                {
                    return null;
                }

                if (!SameType(model, site.Type, core, cancellationToken))
                {
                    continue;
                }

                var reader = ReaderSymbol(model, site.Call, cancellationToken);
                if (TestCode.Contains(reader))
                {
                    continue;
                }

                return (serialized.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), QualifiedReaderName(reader));
            }
        }

        return null;
    }

    /// <summary>
    /// The type of the program whose serialization <paramref name="type"/> is, and its shape: the type itself, the
    /// element of an array or of a framework collection with one type argument, or the value of a framework dictionary.
    /// Null for framework types and type parameters.
    /// </summary>
    internal static INamedTypeSymbol? Core(ITypeSymbol type, out SerializedShape shape)
    {
        shape = SerializedShape.Single;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            shape = SerializedShape.Sequence;
            type = array.ElementType;
        }
        else if (type is INamedTypeSymbol { IsGenericType: true } generic && IsFrameworkType(generic))
        {
            if (generic.TypeArguments.Length == 1 && (generic.Name == "IEnumerable" || generic.AllInterfaces.Any(i => i.Name == "IEnumerable")))
            {
                shape = SerializedShape.Sequence;
                type = generic.TypeArguments[0];
            }
            else if (generic.TypeArguments.Length == 2 && generic.Name.IndexOf("Dictionary", System.StringComparison.Ordinal) >= 0)
            {
                shape = SerializedShape.Map;
                type = generic.TypeArguments[1];
            }
            else
            {
                return null;
            }
        }

        return type is INamedTypeSymbol named && !IsFrameworkType(named) && named.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
            && named.DeclaringSyntaxReferences.Length > 0
            ? named.OriginalDefinition
            : null;
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        if (type.SpecialType != SpecialType.None)
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal)
            || ns.StartsWith("Newtonsoft", System.StringComparison.Ordinal);
    }

    /// <summary>The site's type syntax binds to <paramref name="core"/>; a type syntax that binds to nothing counts by its name.</summary>
    private static bool SameType(SemanticModel model, SyntaxNode type, INamedTypeSymbol core, CancellationToken cancellationToken)
    {
        ITypeSymbol? bound;
        if (type is TypeSyntax typeSyntax)
        {
            var info = model.GetSymbolInfo(typeSyntax, cancellationToken);
            bound = (info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null)) as ITypeSymbol;
            if (bound is null)
            {
                return info.CandidateSymbols.IsEmpty; // unbound: the name decides
            }
        }
        else
        {
            // A source-generated JsonTypeInfo<T> (Context.Default.T).
            var typeInfo = model.GetTypeInfo(type, cancellationToken).Type as INamedTypeSymbol;
            if (typeInfo is null || typeInfo.TypeKind == TypeKind.Error)
            {
                return true;
            }

            bound = typeInfo.Name == "JsonTypeInfo" && typeInfo.TypeArguments.Length == 1 ? typeInfo.TypeArguments[0] : null;
            if (bound is null)
            {
                return false;
            }

            return Core(bound, out _) is { } boundCore && SymbolEqualityComparer.Default.Equals(boundCore, core);
        }

        return bound.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, core);
    }

    /// <summary>The method of <paramref name="parameter"/> passes it to a serializer call (<c>…Serialize…(stream, items)</c>, <c>ToJson(items)</c>); found once per parameter by syntax.</summary>
    public bool SerializesParameter(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        _serializedParameters.GetOrAdd(parameter.OriginalDefinition, p => FindSerializedParameter(p, cancellationToken));

    private static bool FindSerializedParameter(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var invocation in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => string.Empty,
                };
                if (name.IndexOf("Serialize", System.StringComparison.Ordinal) < 0 && name is not ("ToJson" or "ToXml" or "ToYaml"))
                {
                    continue;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (argument.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == parameter.Name)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // ---- The index of deserializations from files ----

    private Dictionary<string, List<LoadedSite>> LoadedSites(CancellationToken cancellationToken)
    {
        var loaded = Volatile.Read(ref _loaded);
        if (loaded is not null)
        {
            return loaded;
        }

        lock (_loadedLock)
        {
            if (_loaded is null)
            {
                var built = new Dictionary<string, List<LoadedSite>>(System.StringComparer.Ordinal);
                var loaders = new List<GenericLoader>();
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    IndexDeserializations(tree, built, loaders, cancellationToken);
                }

                if (loaders.Count > 0)
                {
                    foreach (var tree in _compilation.SyntaxTrees)
                    {
                        IndexGenericLoaderCalls(tree, loaders, built, cancellationToken);
                    }
                }

                Volatile.Write(ref _loaded, built);
            }

            return _loaded!;
        }
    }

    private static void IndexDeserializations(SyntaxTree tree, Dictionary<string, List<LoadedSite>> index, List<GenericLoader> loaders, CancellationToken cancellationToken)
    {
        foreach (var (token, _) in MarkerTokens(tree, DeserializeMarkers, cancellationToken))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax name
                || !(name.Identifier.ValueText.StartsWith("Deserialize", System.StringComparison.Ordinal) || name.Identifier.ValueText == "ReadObject"))
            {
                continue;
            }

            SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (callee.Parent is not InvocationExpressionSyntax call || call.Expression != callee || call.ArgumentList.Arguments.Count == 0)
            {
                continue;
            }

            if (!(ReadsAFile(call, out var readPath) || HelperReadsAFile(call, name, out readPath)) || DeserializedType(call, name) is not { } type)
            {
                continue;
            }

            if (GenericLoader.Of(call, type, readPath) is { } loader)
            {
                // Deserializes its own type parameter: the type is the one each call site names.
                if (loaders.Count < MaxGenericLoaders && !loaders.Contains(loader))
                {
                    loaders.Add(loader);
                }

                continue;
            }

            AddLoaded(index, call, type, readPath);
        }
    }

    /// <summary>
    /// The tokens of a tree (not a generated file) at which one of <paramref name="markers"/> starts a word of its text,
    /// with the marker's index: the text is searched, and the tree parsed only at a hit. A hit inside a longer name
    /// (<c>JsonDeserialize…</c>, <c>TryReadObject</c>) is skipped.
    /// </summary>
    private static IEnumerable<(SyntaxToken Token, int Marker)> MarkerTokens(SyntaxTree tree, IReadOnlyList<string> markers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsGeneratedFileName(tree.FilePath))
        {
            yield break;
        }

        var text = tree.GetText(cancellationToken).ToString();
        SyntaxNode? root = null;
        for (var m = 0; m < markers.Count; m++)
        {
            var marker = markers[m];
            for (var at = text.IndexOf(marker, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, System.StringComparison.Ordinal))
            {
                if (at == 0 || !IsIdentifierChar(text[at - 1]))
                {
                    root ??= tree.GetRoot(cancellationToken);
                    yield return (root.FindToken(at), m);
                }
            }
        }
    }

    /// <summary>Adds a deserialization of the type syntax <paramref name="type"/> from a file read at <paramref name="readPath"/> (when known).</summary>
    private static void AddLoaded(Dictionary<string, List<LoadedSite>> index, InvocationExpressionSyntax call, SyntaxNode type, ExpressionSyntax? readPath)
    {
        var (core, shape) = CoreSyntax(type);
        var key = core switch
        {
            TypeSyntax typeSyntax => TypeName(typeSyntax),
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => string.Empty,
        };
        if (key.Length == 0)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            list = new List<LoadedSite>();
            index.Add(key, list);
        }

        if (list.Count < MaxSitesPerKey && !list.Exists(site => site.Call == call))
        {
            list.Add(new LoadedSite(call, core, shape, readPath is null ? null : ConstantFileName(readPath, 0)));
        }
    }

    /// <summary>Generic loaders of the program recorded at most per compilation.</summary>
    private const int MaxGenericLoaders = 16;

    /// <summary>
    /// A generic method of the program that deserializes its own type parameter from a file it reads
    /// (<c>T LoadJson&lt;T&gt;(string path) =&gt; JsonConvert.DeserializeObject&lt;T&gt;(File.ReadAllText(path))</c>).
    /// </summary>
    /// <param name="Name">The method's name.</param>
    /// <param name="Arity">How many type parameters it has.</param>
    /// <param name="TypeOrdinal">The type parameter it deserializes.</param>
    /// <param name="PathOrdinal">The parameter that is the path read, or -1 when the path is not one of its parameters.</param>
    private readonly record struct GenericLoader(string Name, int Arity, int TypeOrdinal, int PathOrdinal)
    {
        /// <summary>The loader a deserializing call makes of its enclosing method, when <paramref name="type"/> names one of that method's type parameters.</summary>
        public static GenericLoader? Of(InvocationExpressionSyntax call, SyntaxNode type, ExpressionSyntax? readPath)
        {
            if (type is not IdentifierNameSyntax typeName || call.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { TypeParameterList.Parameters: { Count: > 0 } typeParameters } method)
            {
                return null;
            }

            var typeOrdinal = -1;
            for (var i = 0; i < typeParameters.Count; i++)
            {
                if (typeParameters[i].Identifier.ValueText == typeName.Identifier.ValueText)
                {
                    typeOrdinal = i;
                }
            }

            if (typeOrdinal < 0)
            {
                return null;
            }

            var pathOrdinal = -1;
            if (readPath is IdentifierNameSyntax pathName)
            {
                var parameters = method.ParameterList.Parameters;
                for (var i = 0; i < parameters.Count; i++)
                {
                    if (parameters[i].Identifier.ValueText == pathName.Identifier.ValueText)
                    {
                        pathOrdinal = i;
                    }
                }
            }

            return new GenericLoader(method.Identifier.ValueText, typeParameters.Count, typeOrdinal, pathOrdinal);
        }
    }

    /// <summary>
    /// The calls of <paramref name="loaders"/> with explicit type arguments (<c>LoadJson&lt;IList&lt;IRule&gt;&gt;(path)</c>):
    /// each deserializes its type argument from a file, read from the path argument.
    /// </summary>
    private static void IndexGenericLoaderCalls(SyntaxTree tree, List<GenericLoader> loaders, Dictionary<string, List<LoadedSite>> index, CancellationToken cancellationToken)
    {
        foreach (var (token, which) in MarkerTokens(tree, loaders.ConvertAll(loader => loader.Name + "<"), cancellationToken))
        {
            var loader = loaders[which];
            if (token.Parent is not GenericNameSyntax { TypeArgumentList.Arguments: var typeArguments } generic
                || generic.Identifier.ValueText != loader.Name || typeArguments.Count != loader.Arity)
            {
                continue;
            }

            SyntaxNode callee = generic.Parent is MemberAccessExpressionSyntax access && access.Name == generic ? access : generic;
            if (callee.Parent is not InvocationExpressionSyntax call || call.Expression != callee)
            {
                continue;
            }

            var arguments = call.ArgumentList.Arguments;
            var readPath = loader.PathOrdinal >= 0 && loader.PathOrdinal < arguments.Count && arguments[loader.PathOrdinal].NameColon is null
                ? arguments[loader.PathOrdinal].Expression
                : null;
            AddLoaded(index, call, typeArguments[loader.TypeOrdinal], readPath);
        }
    }

    /// <summary>
    /// The syntax of the type a deserializing call makes: its type argument (<c>Deserialize&lt;T&gt;</c>), a cast or
    /// <c>as</c> around it, a <c>typeof(T)</c> argument, the <c>typeof(T)</c> its serializer was made with (a local or a
    /// field of the type), or a source-generated type info (<c>Context.Default.T</c>).
    /// </summary>
    private static SyntaxNode? DeserializedType(InvocationExpressionSyntax call, SimpleNameSyntax name)
    {
        if (name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic)
        {
            return generic.TypeArgumentList.Arguments[0];
        }

        SyntaxNode outer = call;
        while (outer.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            outer = outer.Parent;
        }

        switch (outer.Parent)
        {
            case CastExpressionSyntax cast:
                return cast.Type;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression, Right: TypeSyntax asType }:
                return asType;
        }

        foreach (var argument in call.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case TypeOfExpressionSyntax typeOf:
                    return typeOf.Type;
                case MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Default" } } typeInfo:
                    return typeInfo;
            }
        }

        if (call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax serializer })
        {
            var made = LocalInitializer(serializer) ?? FieldInitializer(serializer);
            if (made is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } madeWith }
                && madeWith[0].Expression is TypeOfExpressionSyntax serializerType)
            {
                return serializerType.Type;
            }
        }

        return null;
    }

    /// <summary>The initializer of a field of that name declared in the enclosing type, or null.</summary>
    private static ExpressionSyntax? FieldInitializer(IdentifierNameSyntax identifier)
    {
        if (identifier.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        foreach (var member in type.Members)
        {
            if (member is FieldDeclarationSyntax field && Declared(field.Declaration, identifier.Identifier.ValueText) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The program's type inside a deserialized type syntax, and how it is wrapped: <c>T[]</c>, <c>List&lt;T&gt;</c>, <c>Dictionary&lt;K, T&gt;</c>.</summary>
    private static (SyntaxNode Core, SerializedShape Shape) CoreSyntax(SyntaxNode type)
    {
        if (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        switch (type)
        {
            case ArrayTypeSyntax { RankSpecifiers.Count: 1 } array:
                return (array.ElementType, SerializedShape.Sequence);
            case GenericNameSyntax generic when generic.TypeArgumentList.Arguments.Count == 1 && SequenceNames.Contains(generic.Identifier.ValueText):
                return (generic.TypeArgumentList.Arguments[0], SerializedShape.Sequence);
            case GenericNameSyntax generic when generic.TypeArgumentList.Arguments.Count == 2 && generic.Identifier.ValueText.IndexOf("Dictionary", System.StringComparison.Ordinal) >= 0:
                return (generic.TypeArgumentList.Arguments[1], SerializedShape.Map);
            case QualifiedNameSyntax { Right: GenericNameSyntax right }:
                return CoreSyntax(right);
            default:
                return (type, SerializedShape.Single);
        }
    }

    private static readonly HashSet<string> SequenceNames = new(System.StringComparer.Ordinal)
    {
        "List", "IList", "IEnumerable", "ICollection", "IReadOnlyList", "IReadOnlyCollection", "Collection",
        "ObservableCollection", "HashSet", "ISet", "SortedSet", "LinkedList", "Queue", "Stack", "ImmutableArray", "ImmutableList",
        "BindingList", "ConcurrentBag",
    };

    /// <summary>
    /// Some argument of the deserializing call is content read from a file: <c>File.ReadAll…</c>, <c>File.OpenRead</c>,
    /// <c>File.OpenText</c>, a read-mode <c>File.Open</c>/<c>FileStream</c>, a <c>StreamReader</c>, <c>XmlReader</c> or
    /// <c>XmlTextReader</c> on a path, a reader over such a stream, <c>ReadToEnd()</c> of such a reader, directly or
    /// through locals.
    /// </summary>
    private static bool ReadsAFile(InvocationExpressionSyntax call, out ExpressionSyntax? path)
    {
        path = null;
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (FileContent(argument.Expression, 0, ref path))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FileContent(ExpressionSyntax expression, int depth, ref ExpressionSyntax? path)
    {
        if (depth > 4)
        {
            return false;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return FileContent(parenthesized.Expression, depth + 1, ref path);
            case AwaitExpressionSyntax awaited:
                return FileContent(awaited.Expression, depth + 1, ref path);
            case CastExpressionSyntax cast:
                return FileContent(cast.Expression, depth + 1, ref path);
            case IdentifierNameSyntax identifier:
                return LocalInitializer(identifier) is { } initializer && FileContent(initializer, depth + 1, ref path);
            case InvocationExpressionSyntax invocation:
            {
                var callee = CalleeName(invocation.Expression);
                var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression : null;
                var arguments = invocation.ArgumentList.Arguments;
                switch (callee)
                {
                    case "ConfigureAwait" when receiver is not null:
                        return FileContent(receiver, depth + 1, ref path);
                    case "ReadAllText" or "ReadAllTextAsync" or "ReadAllBytes" or "ReadAllBytesAsync" or "ReadAllLines" or "ReadAllLinesAsync" or "OpenRead" or "OpenText"
                        when receiver is IdentifierNameSyntax { Identifier.ValueText: "File" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "File" }:
                        path = arguments.Count > 0 ? arguments[0].Expression : null;
                        return arguments.Count > 0;
                    case "OpenRead" or "OpenText" when arguments.Count == 0 && receiver is not null:
                        return true; // fileInfo.OpenRead()
                    case "Open" when receiver is IdentifierNameSyntax { Identifier.ValueText: "File" } && arguments.Count > 1:
                        path = arguments[0].Expression;
                        return OpensExisting(invocation.ArgumentList) || ReadAccess(invocation.ArgumentList);
                    case "ReadToEnd" or "ReadToEndAsync" when receiver is not null:
                        return FileContent(receiver, depth + 1, ref path);
                    case "Create" when receiver is IdentifierNameSyntax { Identifier.ValueText: "XmlReader" } && arguments.Count > 0:
                        return PathOrFile(arguments[0].Expression, depth + 1, ref path);
                    default:
                        return false;
                }
            }

            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } creation:
                switch (TypeName(creation.Type))
                {
                    case "FileStream":
                        path = arguments[0].Expression;
                        return OpensExisting(creation.ArgumentList!) || ReadAccess(creation.ArgumentList!);
                    case "StreamReader" or "XmlTextReader":
                        return PathOrFile(arguments[0].Expression, depth + 1, ref path);
                    case "JsonTextReader" or "BinaryReader" or "GZipStream" or "BufferedStream" or "DeflateStream" or "BrotliStream":
                        return FileContent(arguments[0].Expression, depth + 1, ref path);
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    /// <summary>A reader's first argument: a file stream or reader as above, or a path (a literal, an interpolation, <c>Path.Combine</c>, a concatenation, or a name that says path or file).</summary>
    private static bool PathOrFile(ExpressionSyntax expression, int depth, ref ExpressionSyntax? path)
    {
        if (FileContent(expression, depth, ref path))
        {
            return true;
        }

        path = expression;

        switch (expression)
        {
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression }:
            case InterpolatedStringExpressionSyntax:
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression }:
                return true;
            case InvocationExpressionSyntax invocation:
                return CalleeName(invocation.Expression) is "Combine" or "Join" or "GetFullPath";
            case IdentifierNameSyntax identifier when LocalInitializer(identifier) is { } initializer:
                return depth < 4 && PathOrFile(initializer, depth + 1, ref path);
            case IdentifierNameSyntax identifier when DeclaredParameter(identifier)?.Type is { } parameterType:
                return (parameterType is NullableTypeSyntax nullableType ? nullableType.ElementType : parameterType) is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword };
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
            {
                var name = expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : ((IdentifierNameSyntax)expression).Identifier.ValueText;
                return name.IndexOf("stream", System.StringComparison.OrdinalIgnoreCase) < 0
                    && (name.IndexOf("path", System.StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("file", System.StringComparison.OrdinalIgnoreCase) >= 0
                        || name.EndsWith("Name", System.StringComparison.Ordinal) || name == "name");
            }

            default:
                return false;
        }
    }

    /// <summary>
    /// A project helper named <c>Deserialize…</c> (<c>Utils.DeserializeJson&lt;T&gt;(fileName)</c>) given one argument that
    /// is plainly a path: <c>Path.Combine</c>/<c>Join</c>, a literal or interpolation ending in a file name with an
    /// extension, or a name that says path or file (and not JSON, XML, text or content), also through a local.
    /// </summary>
    private static bool HelperReadsAFile(InvocationExpressionSyntax call, SimpleNameSyntax name, out ExpressionSyntax? path)
    {
        path = null;
        if (call.ArgumentList.Arguments.Count != 1 || name.Identifier.ValueText is "Deserialize" or "DeserializeAsync" or "DeserializeObject" or "DeserializeXmlNode"
            || call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "JsonSerializer" or "JsonConvert" } })
        {
            return false;
        }

        var argument = call.ArgumentList.Arguments[0].Expression;
        if (!PlainPath(argument, 0))
        {
            return false;
        }

        path = argument;
        return true;
    }

    private static bool PlainPath(ExpressionSyntax expression, int depth)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax invocation:
                return CalleeName(invocation.Expression) is "Combine" or "Join";
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                return Vocabulary.Extension(Vocabulary.FileName(literal.Token.ValueText)).Length > 1;
            case InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated:
                return interpolated.Contents[interpolated.Contents.Count - 1] is InterpolatedStringTextSyntax text
                    && Vocabulary.Extension(Vocabulary.FileName(text.TextToken.ValueText)).Length > 1;
            case IdentifierNameSyntax identifier when LocalInitializer(identifier) is { } initializer:
                return depth < 3 && PlainPath(initializer, depth + 1);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
            {
                var named = expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : ((IdentifierNameSyntax)expression).Identifier.ValueText;
                var lower = named.ToLowerInvariant();
                return (lower.Contains("path") || lower.Contains("file"))
                    && !(lower.Contains("json") || lower.Contains("xml") || lower.Contains("text") || lower.Contains("content") || lower.Contains("stream"));
            }

            default:
                return false;
        }
    }

    /// <summary>The constant file name at the end of a read path (a literal, the last part of <c>Path.Combine</c>, a concatenation or interpolation, through locals), or null.</summary>
    private static string? ConstantFileName(ExpressionSyntax path, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        switch (path)
        {
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                return Named(Vocabulary.FileName(literal.Token.ValueText));
            case InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated
                when interpolated.Contents[interpolated.Contents.Count - 1] is InterpolatedStringTextSyntax text:
                return Named(Vocabulary.FileName(text.TextToken.ValueText));
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary:
                return ConstantFileName(binary.Right, depth + 1);
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } invocation when CalleeName(invocation.Expression) is "Combine" or "Join":
                return ConstantFileName(invocation.ArgumentList.Arguments[invocation.ArgumentList.Arguments.Count - 1].Expression, depth + 1);
            case IdentifierNameSyntax identifier when LocalInitializer(identifier) is { } initializer:
                return ConstantFileName(initializer, depth + 1);
            default:
                return null;
        }

        static string? Named(string fileName) => IsSpecificFileName(fileName) && fileName.IndexOf('.') > 0 ? fileName : null;
    }

    private static bool ReadAccess(ArgumentListSyntax arguments) => HasEnumArgument(arguments, "FileAccess", "Read");
}
