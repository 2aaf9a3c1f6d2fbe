using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// A text-only index, built once per compilation, of the names that could lead to a file write: the names of the
/// sinks (<see cref="FileApiNames.SinkMethods"/>, <see cref="FileApiNames.WriterTypes"/>, a target-typed <c>new(…)</c>)
/// and the names of the methods and constructors of the compilation that take a string and whose text names a sink
/// or such a method, up to <see cref="WrapperIndex.MaxHops"/> calls deep. A call can reach a wrapper of the
/// compilation only if the wrapper's name is here, and a code block can hold a sink or a wrapper call only if its
/// text names one of these. Names, not symbols, and text rather than tokens (comments and strings count too): a
/// superset by construction, so it never hides a write, and cheap because nothing is bound or even walked as syntax
/// below the member declarations.
/// </summary>
internal sealed class WriteNameIndex
{
    // The methods a query expression calls without naming them.
    private static readonly string[] QueryMethods =
    {
        "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast",
    };

    // Pseudo-names for calls that the text does not name.
    private const string ImplicitNew = "new()";
    private const string InitializerAdd = "{";
    private const string ConstructorInitializer = "this()";
    private const string PathHolder = "holder()";

    private readonly NameTable _matters;
    private readonly HashSet<string> _writers;
    private readonly ConcurrentDictionary<SyntaxTree, string> _texts;
    private readonly bool _collectionInitializersMatter;
    private readonly bool _queriesMatter;
    private readonly bool _constructorsMatter;

    private WriteNameIndex(HashSet<string> writers, bool constructors, Dictionary<string, List<string>> aliases, Dictionary<SyntaxTree, string> texts)
    {
        _writers = writers;
        _texts = new ConcurrentDictionary<SyntaxTree, string>(texts);
        _collectionInitializersMatter = writers.Contains("Add");
        _constructorsMatter = constructors;
        foreach (var name in QueryMethods)
        {
            _queriesMatter |= writers.Contains(name);
        }

        var names = new List<string>(writers) { "new" };
        foreach (var pair in aliases)
        {
            foreach (var target in pair.Value)
            {
                if (IsSink(target) || writers.Contains(target))
                {
                    names.Add(pair.Key);
                }
            }
        }

        if (_queriesMatter)
        {
            names.Add("from");
        }

        if (_constructorsMatter)
        {
            names.Add("this");
            names.Add("base");
        }

        _matters = new NameTable(names, withSinks: true);
    }

    /// <summary>The names (methods; constructors by their type's name) that could be wrappers of a sink.</summary>
    public IReadOnlyCollection<string> Writers => _writers;

    /// <summary>True when a method or constructor of this name could pass its parameter on to a sink.</summary>
    public bool MayBeWriter(string name) => _writers.Contains(name);

    /// <summary>True when the text of <paramref name="span"/> names a sink, a possible wrapper, or an alias of one.</summary>
    public bool MayWrite(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        if (!_texts.TryGetValue(tree, out var text))
        {
            text = _texts.GetOrAdd(tree, tree.GetText(cancellationToken).ToString());
        }

        var found = false;
        Scan(text, span.Start, System.Math.Min(span.End, text.Length), _matters, name =>
        {
            found = name switch
            {
                InitializerAdd => _collectionInitializersMatter,
                ImplicitNew => true,
                "new" => false, // `new` followed by a type name: the type name is checked itself
                "from" => _queriesMatter,
                _ => true,
            };
            return found;
        });
        return found;
    }

    /// <summary>True for a name that is a sink's name, or the sink type of a constructor.</summary>
    private static bool IsSink(string name) => FileApiNames.IsSinkMethod(name) || FileApiNames.WriterTypes.Contains(name) || name == ImplicitNew || name == PathHolder;

    public static WriteNameIndex Build(Compilation compilation, CancellationToken cancellationToken)
    {
        // 1. The methods and constructors that may take a string, and the using aliases (alias -> the name it stands for).
        var aliases = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
        var declarations = new List<Declaration>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            CollectDeclarations(tree.GetRoot(cancellationToken), declarations, aliases);
        }

        var candidates = new List<string>(aliases.Keys) { "new", "from" };
        foreach (var declaration in declarations)
        {
            if (MayTakeString(declaration.Parameters, aliases))
            {
                declaration.TakesString = true;
                candidates.Add(declaration.Name);
            }
        }

        // 2. The names each of them uses, after its parameter list (body, constructor initializer), from the text.
        var table = new NameTable(candidates, withSinks: true);
        var texts = new Dictionary<SyntaxTree, string>();
        foreach (var declaration in declarations)
        {
            if (!declaration.TakesString)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!texts.TryGetValue(declaration.Tree, out var text))
            {
                text = declaration.Tree.GetText(cancellationToken).ToString();
                texts.Add(declaration.Tree, text);
            }

            var uses = declaration.Uses;
            var braces = false;
            Scan(text, declaration.Start, System.Math.Min(declaration.End, text.Length), table, name =>
            {
                if (name == "from")
                {
                    uses.AddRange(QueryMethods);
                }
                else if (name != InitializerAdd || !braces)
                {
                    braces |= name == InitializerAdd;
                    uses.Add(name);
                }

                return false;
            });
        }

        // 2b. A constructor of a type whose text names a sink may store the path that another member writes
        // (a path-holding type): it counts as using a sink.
        var holders = new Dictionary<SyntaxNode, bool>();
        foreach (var declaration in declarations)
        {
            if (!declaration.TakesString || declaration.Holder is not { } type)
            {
                continue;
            }

            if (!holders.TryGetValue(type, out var namesSink))
            {
                namesSink = false;
                Scan(texts[declaration.Tree], type.SpanStart, System.Math.Min(type.Span.End, texts[declaration.Tree].Length), table, name => namesSink = IsSink(name));
                holders.Add(type, namesSink);
            }

            if (namesSink)
            {
                declaration.Uses.Add(PathHolder);
            }
        }

        // 3. The possible writers: a method or constructor that may take a string and uses a sink's name (one hop),
        // or the name of a possible writer of the previous round; as many rounds as a wrapper may have hops.
        var writers = new HashSet<string>(System.StringComparer.Ordinal);
        var constructors = false;
        bool Matters(string name, HashSet<string> known)
        {
            if (IsSink(name) || known.Contains(name) || (name == InitializerAdd && known.Contains("Add")))
            {
                return true;
            }

            if (aliases.TryGetValue(name, out var targets))
            {
                foreach (var target in targets)
                {
                    if (IsSink(target) || known.Contains(target))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        for (var hop = 1; hop <= WrapperIndex.MaxHops; hop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var previous = new HashSet<string>(writers, System.StringComparer.Ordinal);
            foreach (var declaration in declarations)
            {
                if (!declaration.TakesString || writers.Contains(declaration.Name))
                {
                    continue;
                }

                foreach (var use in declaration.Uses)
                {
                    if (Matters(use, previous))
                    {
                        writers.Add(declaration.Name);
                        constructors |= declaration.IsConstructor;
                        break;
                    }
                }
            }
        }

        return new WriteNameIndex(writers, constructors, aliases, texts);
    }

    /// <summary>
    /// Calls <paramref name="found"/> with each name of <paramref name="table"/> that occurs as a word in
    /// <c>text[start..end)</c> (sink names included), "new()" for <c>new(</c>, and "{" for a brace; stops when it returns true.
    /// A Unicode escape next to a word (<c>\u0041</c>, possible inside an identifier) counts as every name.
    /// </summary>
    private static void Scan(string text, int start, int end, NameTable table, System.Func<string, bool> found)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (IsIdentifierPart(c))
            {
                var wordStart = i;
                var hash = 0;
                while (i < end && IsIdentifierPart(text[i]))
                {
                    hash = unchecked((hash * 31) + text[i]);
                    i++;
                }

                if (i + 1 < end && text[i] == '\\' && (text[i + 1] == 'u' || text[i + 1] == 'U'))
                {
                    if (found(ImplicitNew))
                    {
                        return;
                    }

                    continue;
                }

                if (table.Find(text, wordStart, i - wordStart, hash) is { } name)
                {
                    if (name == "new")
                    {
                        var next = i;
                        while (next < end && char.IsWhiteSpace(text[next]))
                        {
                            next++;
                        }

                        if (next < end && text[next] == '(' && found(ImplicitNew))
                        {
                            return;
                        }
                    }
                    else if ((name == "this" || name == "base") ? FollowedByParenthesis(text, i, end) && found(ConstructorInitializer) : found(name))
                    {
                        return;
                    }
                }

                continue;
            }

            if (c == '{' && found(InitializerAdd))
            {
                return;
            }

            if (c == '\\' && i + 1 < end && (text[i + 1] == 'u' || text[i + 1] == 'U') && i + 2 < end && IsIdentifierPart(text[i + 2]) && found(ImplicitNew))
            {
                return;
            }

            i++;
        }
    }

    private static bool FollowedByParenthesis(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < end && text[i] == '(';
    }

    /// <summary>A character that can be part of a C# identifier (letters, digits, underscore, combining and formatting marks).</summary>
    private static bool IsIdentifierPart(char c)
    {
        if (c < 128)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.Format:
                return true;
            default:
                return false;
        }
    }

    /// <summary>False only when no parameter can be a string (the type is written, and is not string, String or an alias).</summary>
    private static bool MayTakeString(ParameterListSyntax parameters, Dictionary<string, List<string>> aliases)
    {
        foreach (var parameter in parameters.Parameters)
        {
            var type = parameter.Type;
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            var mayBeString = type switch
            {
                PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.StringKeyword),
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "String" || aliases.ContainsKey(identifier.Identifier.ValueText),
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "String",
                AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText == "String",
                null => true,
                _ => false,
            };
            if (mayBeString)
            {
                return true;
            }
        }

        return false;
    }

    private static void CollectDeclarations(SyntaxNode node, List<Declaration> declarations, Dictionary<string, List<string>> aliases)
    {
        foreach (var child in node.ChildNodes())
        {
            switch (child)
            {
                case UsingDirectiveSyntax { Alias: { } alias } usingDirective:
                    if (RightmostName(usingDirective.NamespaceOrType) is { } target)
                    {
                        var name = alias.Name.Identifier.ValueText;
                        if (!aliases.TryGetValue(name, out var targets))
                        {
                            targets = new List<string>();
                            aliases.Add(name, targets);
                        }

                        targets.Add(target);
                    }

                    break;
                case BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax:
                    CollectDeclarations(child, declarations, aliases);
                    break;
                case MethodDeclarationSyntax method:
                    declarations.Add(new Declaration(method.Identifier.ValueText, method.ParameterList, method, isConstructor: false));
                    break;
                case ConstructorDeclarationSyntax constructor:
                    var declaration = new Declaration(constructor.Identifier.ValueText, constructor.ParameterList, constructor, isConstructor: true);
                    if (constructor.Initializer is { } initializer)
                    {
                        // `: this(…)` calls a constructor of this type, `: base(…)` one of a type in the base list.
                        if (initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                        {
                            declaration.Uses.Add(constructor.Identifier.ValueText);
                        }
                        else if (constructor.Parent is TypeDeclarationSyntax { BaseList: { } baseList })
                        {
                            foreach (var baseType in baseList.Types)
                            {
                                if (RightmostName(baseType.Type) is { } name)
                                {
                                    declaration.Uses.Add(name);
                                }
                            }
                        }
                    }

                    declarations.Add(declaration);
                    break;
            }
        }
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A method or constructor declaration: its name, and the names of sinks and possible writers it uses.</summary>
    private sealed class Declaration
    {
        public Declaration(string name, ParameterListSyntax parameters, SyntaxNode node, bool isConstructor)
        {
            Name = name;
            Parameters = parameters;
            Tree = node.SyntaxTree;
            Start = parameters.Span.End;
            End = node.Span.End;
            IsConstructor = isConstructor;
            Holder = isConstructor ? node.Parent as TypeDeclarationSyntax : null;
        }

        public string Name { get; }

        public ParameterListSyntax Parameters { get; }

        public SyntaxTree Tree { get; }

        public int Start { get; }

        public int End { get; }

        public bool IsConstructor { get; }

        /// <summary>For a constructor, the type it constructs (which may hold the path it is given).</summary>
        public SyntaxNode? Holder { get; }

        public bool TakesString { get; set; }

        public List<string> Uses { get; } = new();
    }

    /// <summary>An open-addressing set of names that finds a word of a text without allocating a string for it.</summary>
    private sealed class NameTable
    {
        private readonly string?[] _names;
        private readonly int[] _hashes;
        private readonly int _mask;

        public NameTable(IEnumerable<string> names, bool withSinks)
        {
            var all = new HashSet<string>(names, System.StringComparer.Ordinal);
            if (withSinks)
            {
                all.UnionWith(FileApiNames.SinkMethods);
                all.UnionWith(FileApiNames.WriterTypes);
            }

            var capacity = 16;
            while (capacity < all.Count * 2)
            {
                capacity <<= 1;
            }

            _names = new string?[capacity];
            _hashes = new int[capacity];
            _mask = capacity - 1;
            foreach (var name in all)
            {
                var hash = Hash(name);
                var slot = hash & _mask;
                while (_names[slot] is not null)
                {
                    slot = (slot + 1) & _mask;
                }

                _names[slot] = name;
                _hashes[slot] = hash;
            }
        }

        private static int Hash(string name)
        {
            var hash = 0;
            foreach (var c in name)
            {
                hash = unchecked((hash * 31) + c);
            }

            return hash;
        }

        public string? Find(string text, int start, int length, int hash)
        {
            var slot = hash & _mask;
            while (_names[slot] is { } name)
            {
                if (_hashes[slot] == hash && name.Length == length && string.CompareOrdinal(name, 0, text, start, length) == 0)
                {
                    return name;
                }

                slot = (slot + 1) & _mask;
            }

            return null;
        }
    }
}
