using System.Linq;
using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Finds where a type reads back the file whose path one of its fields or properties holds (<c>File.ReadAllText(_path)</c>,
/// <c>XDocument.Load(FilePath)</c>, <c>new StreamReader(_path)</c>, <c>Deserialize…(_path)</c>): a file the program both
/// writes and loads again is its own state, not output for someone else. It also finds whether a method that reads
/// the file first checks it for an empty file (<c>new FileInfo(FilePath).Length == 0</c>): the program has met a
/// truncated copy of that file and depends on it being whole. Only the declarations of the member's type are
/// searched, with a syntax filter first; results are cached per type and per member for the compilation.
/// Reads anywhere in the compilation, by the same symbol or the same constant file name, are found through a
/// compilation-wide index of read calls (see the other part of this class).
/// </summary>
internal sealed partial class ReadBackIndex
{
    private static readonly ConditionalWeakTable<Compilation, ReadBackIndex> Instances = new();
    private static readonly ReadBack None = new(string.Empty, null);

    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeReads> _readsByType = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<ISymbol, ReadBack>> _byType = new(SymbolEqualityComparer.Default);

    private ReadBackIndex(Compilation compilation)
    {
        _compilation = compilation;
    }

    public static ReadBackIndex For(Compilation compilation) => Instances.GetValue(compilation, c => new ReadBackIndex(c));

    /// <summary>How a type reads back the file of one of its members.</summary>
    internal sealed class ReadBack
    {
        public ReadBack(string reader, string? emptyCheck, string? key = null, bool sameTypeOnly = false)
        {
            Reader = reader;
            EmptyCheck = emptyCheck;
            Key = key;
            SameTypeOnly = sameTypeOnly;
        }

        /// <summary>
        /// Across the compilation: the shared symbol is an instance member, read back by its own type (not a file the
        /// program names). For the load/save pair: the member is an instance member of another type that the writing
        /// type reads through an instance (not the file of a store of its own).
        /// </summary>
        public bool SameTypeOnly { get; }

        /// <summary>For a read found elsewhere in the compilation: the shared symbol or constant file name; else null.</summary>
        public string? Key { get; }

        /// <summary>The method (or property, or the type) that reads the file.</summary>
        public string Reader { get; }

        /// <summary>The reading method that first checks for an empty file, or null.</summary>
        public string? EmptyCheck { get; }
    }

    private sealed class TypeReads
    {
        /// <summary>Read-like calls, by the names of the identifiers passed to them.</summary>
        public Dictionary<string, List<SyntaxNode>> Reads { get; } = new();

        /// <summary>The path expressions of empty-file checks, by their names.</summary>
        public Dictionary<string, List<ExpressionSyntax>> EmptyChecks { get; } = new();
    }

    /// <summary>
    /// How the type of <paramref name="member"/>, or else the type that holds <paramref name="writingSite"/> (when the path
    /// is a member of another type such as a class of path constants), reads its file back; null when neither does. The
    /// writing type is looked up only when the member's own type does not read the file.
    /// </summary>
    public ReadBack? Reader(ISymbol member, IOperation writingSite, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var memberType = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        if (memberType?.SpecialType != SpecialType.System_String || member.ContainingType is not { } type || type.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var found = Lookup(member.OriginalDefinition, type.OriginalDefinition, tracing, cancellationToken);
        if (found is null
            && writingSite.SemanticModel?.GetEnclosingSymbol(writingSite.Syntax.SpanStart, cancellationToken)?.ContainingType is { } writer
            && writer.DeclaringSyntaxReferences.Length > 0
            && !SymbolEqualityComparer.Default.Equals(writer.OriginalDefinition, type.OriginalDefinition))
        {
            found = Lookup(member.OriginalDefinition, writer.OriginalDefinition, tracing, cancellationToken);

            // An instance member of another type (info.FilePath) read by the writing type: not a store's own file.
            if (found is not null && !member.IsStatic && member is not IFieldSymbol { IsConst: true })
            {
                found = new ReadBack(found.Reader, found.EmptyCheck, found.Key, sameTypeOnly: true);
            }
        }

        return found;
    }

    private ReadBack? Lookup(ISymbol member, INamedTypeSymbol searched, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var byMember = _byType.GetOrAdd(searched, _ => new ConcurrentDictionary<ISymbol, ReadBack>(SymbolEqualityComparer.Default));
        var found = byMember.GetOrAdd(member, m => Find(m, searched, tracing, cancellationToken) ?? None);
        return ReferenceEquals(found, None) ? null : found;
    }

    private ReadBack? Find(ISymbol member, INamedTypeSymbol type, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var reads = _readsByType.GetOrAdd(type, t => CollectReads(t, cancellationToken));
        if (!reads.Reads.TryGetValue(member.Name, out var candidates))
        {
            return null;
        }

        reads.EmptyChecks.TryGetValue(member.Name, out var checks);
        string? reader = null;
        List<SyntaxNode>? readingMembers = null;
        foreach (var node in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tracing.Model(node.SyntaxTree) is not { } model)
            {
                continue;
            }

            // Arguments are bound one by one, so a call that fails overload resolution (code with errors, a
            // reference of another version) still counts when its argument is the member.
            if (ArgumentsOf(node) is not { } arguments)
            {
                continue;
            }

            foreach (var argument in arguments.Arguments)
            {
                if (IsMember(argument.Expression, member, model, cancellationToken))
                {
                    reader ??= ReaderName(model.GetEnclosingSymbol(node.SpanStart, cancellationToken), type);
                    if (checks is null)
                    {
                        return new ReadBack(reader, null);
                    }

                    if (EnclosingMember(node) is { } reading)
                    {
                        (readingMembers ??= new List<SyntaxNode>()).Add(reading);
                    }

                    break;
                }
            }
        }

        if (reader is null)
        {
            return null;
        }

        return new ReadBack(reader, EmptyCheck(checks, readingMembers, member, type, tracing, cancellationToken));
    }

    /// <summary>The name of a method that checks the member's file for an empty file and also reads it.</summary>
    private static string? EmptyCheck(List<ExpressionSyntax>? checks, List<SyntaxNode>? readingMembers, ISymbol member, INamedTypeSymbol type, OperationTracing tracing, CancellationToken cancellationToken)
    {
        if (checks is null || readingMembers is null)
        {
            return null;
        }

        foreach (var path in checks)
        {
            if (EnclosingMember(path) is not { } checking || !readingMembers.Contains(checking) || tracing.Model(path.SyntaxTree) is not { } model)
            {
                continue;
            }

            if (IsMember(path, member, model, cancellationToken))
            {
                return ReaderName(model.GetEnclosingSymbol(path.SpanStart, cancellationToken), type);
            }
        }

        return null;
    }

    private static bool IsMember(ExpressionSyntax expression, ISymbol member, SemanticModel model, CancellationToken cancellationToken)
        => model.GetOperation(expression, cancellationToken) is { } value && RefersTo(OperationHelpers.Unwrap(value), member);

    private static SyntaxNode? EnclosingMember(SyntaxNode node) => node.FirstAncestorOrSelf<MemberDeclarationSyntax>();

    private static string ReaderName(ISymbol? symbol, INamedTypeSymbol type)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        if (symbol is IMethodSymbol { AssociatedSymbol: { } associated })
        {
            symbol = associated;
        }

        return symbol is null || symbol.Name.Length == 0 || symbol.Name.StartsWith(".", System.StringComparison.Ordinal) ? type.Name : symbol.Name;
    }

    private static bool RefersTo(IOperation value, ISymbol member) => value switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field.OriginalDefinition, member),
        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, member),
        _ => false,
    };

    /// <summary>Read-like calls and empty-file checks in the type's declarations, by the names of the paths they take.</summary>
    private static TypeReads CollectReads(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new TypeReads();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            foreach (var node in declaration.DescendantNodes())
            {
                ArgumentListSyntax? arguments = null;
                switch (node)
                {
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length when IsEmptinessTest(length):
                        if (FileInfoPath(length.Expression) is { } checkedPath && PathName(checkedPath) is { } checkedName)
                        {
                            Add(result.EmptyChecks, checkedName, checkedPath);
                        }

                        continue;
                    case InvocationExpressionSyntax invocation when IsReadName(CalleeName(invocation.Expression), invocation.ArgumentList):
                        arguments = invocation.ArgumentList;
                        break;
                    case ObjectCreationExpressionSyntax creation when IsReaderType(creation.Type, creation.ArgumentList):
                        arguments = creation.ArgumentList;
                        break;
                }

                if (arguments is null)
                {
                    continue;
                }

                foreach (var argument in arguments.Arguments)
                {
                    if (PathName(argument.Expression) is { } name)
                    {
                        Add(result.Reads, name, node);
                    }
                }
            }
        }

        return result;
    }

    private static void Add<T>(Dictionary<string, List<T>> index, string name, T node)
    {
        if (!index.TryGetValue(name, out var list))
        {
            list = new List<T>();
            index.Add(name, list);
        }

        if (list.Count < 8)
        {
            list.Add(node);
        }
    }

    private static string? PathName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// <c>X.Length</c> tested for emptiness: compared with 0 (<c>== 0</c>, <c>&gt; 0</c>, <c>!= 0</c>, …), with 1 as
    /// <c>&lt; 1</c> or <c>&gt;= 1</c>, or matched by <c>is 0</c>, <c>is &gt; 0</c>, <c>is not 0</c>. A size limit is not.
    /// </summary>
    private static bool IsEmptinessTest(MemberAccessExpressionSyntax length)
    {
        switch (length.Parent)
        {
            case BinaryExpressionSyntax binary:
            {
                var lengthOnLeft = binary.Left == length;
                var other = lengthOnLeft ? binary.Right : binary.Left;
                if (other is not LiteralExpressionSyntax { Token.Value: int value })
                {
                    return false;
                }

                var kind = binary.Kind();
                if (value == 0)
                {
                    return kind is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                        || kind == (lengthOnLeft ? SyntaxKind.GreaterThanExpression : SyntaxKind.LessThanExpression)
                        || kind == (lengthOnLeft ? SyntaxKind.LessThanOrEqualExpression : SyntaxKind.GreaterThanOrEqualExpression);
                }

                return value == 1
                    && (kind == (lengthOnLeft ? SyntaxKind.LessThanExpression : SyntaxKind.GreaterThanExpression)
                        || kind == (lengthOnLeft ? SyntaxKind.GreaterThanOrEqualExpression : SyntaxKind.LessThanOrEqualExpression));
            }

            case IsPatternExpressionSyntax pattern when pattern.Expression == length:
                return IsZeroPattern(pattern.Pattern);
            default:
                return false;
        }
    }

    private static bool IsZeroPattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax constant => IsZero(constant.Expression),
        UnaryPatternSyntax { Pattern: ConstantPatternSyntax constant } => IsZero(constant.Expression),
        RelationalPatternSyntax relational => IsZero(relational.Expression)
            && relational.OperatorToken.Kind() is SyntaxKind.GreaterThanToken or SyntaxKind.LessThanEqualsToken,
        _ => false,
    };

    private static bool IsZero(ExpressionSyntax expression) => expression is LiteralExpressionSyntax { Token.Value: 0 };

    /// <summary>
    /// The path whose file information <paramref name="expression"/> is: <c>new FileInfo(path)</c>,
    /// <c>fileSystem.GetFileInfo(path)</c>, <c>fileSystem.FileInfo.New(path)</c>, or a local initialised with one of them
    /// in the same member.
    /// </summary>
    private static ExpressionSyntax? FileInfoPath(ExpressionSyntax expression)
    {
        if (FileInfoSource(expression) is { } direct)
        {
            return direct;
        }

        if (expression is not IdentifierNameSyntax local || EnclosingMember(expression) is not { } scope)
        {
            return null;
        }

        foreach (var declarator in scope.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (declarator.Identifier.ValueText != local.Identifier.ValueText || declarator.Initializer?.Value is not { } initializer)
            {
                continue;
            }

            if (initializer is ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } implicitArguments }
                && declarator.Parent is VariableDeclarationSyntax { Type: var declared }
                && TypeName(declared) == "FileInfo")
            {
                return implicitArguments[0].Expression;
            }

            return FileInfoSource(initializer);
        }

        return null;
    }

    private static ExpressionSyntax? FileInfoSource(ExpressionSyntax expression) => expression switch
    {
        ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } creation when TypeName(creation.Type) == "FileInfo" => arguments[0].Expression,
        InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } invocation when invocation.Expression is MemberAccessExpressionSyntax access
            && (access.Name.Identifier.ValueText is "GetFileInfo" or "GetFileSystemInfo"
                || (access.Name.Identifier.ValueText is "New" or "FromFileName" && CalleeName(access.Expression) == "FileInfo")) => arguments[0].Expression,
        _ => null,
    };

    private static string TypeName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private static string CalleeName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>ReadAllText, ReadAllBytesAsync, ReadLines, OpenRead, OpenText, Load, LoadFrom…, Deserialize…, From…File (a helper such as FromJsonFile), or Open(…, FileMode.Open).</summary>
    private static bool IsReadName(string name, ArgumentListSyntax arguments)
    {
        if (name.StartsWith("Read", System.StringComparison.Ordinal)
            || name.StartsWith("Load", System.StringComparison.Ordinal)
            || name.StartsWith("Deserialize", System.StringComparison.Ordinal)
            || (name.StartsWith("From", System.StringComparison.Ordinal) && name.EndsWith("File", System.StringComparison.Ordinal))
            || name == "OpenRead" || name == "OpenText")
        {
            return true;
        }

        return name == "Open" && OpensExisting(arguments);
    }

    private static bool IsReaderType(TypeSyntax type, ArgumentListSyntax? arguments)
    {
        var name = TypeName(type);
        return name == "StreamReader" || (name == "FileStream" && arguments is not null && OpensExisting(arguments));
    }

    private static bool OpensExisting(ArgumentListSyntax arguments) => HasEnumArgument(arguments, "FileMode", "Open");

    /// <summary>Whether an argument is written <c>EnumType.Member</c> (by syntax: the argument need not bind).</summary>
    private static bool HasEnumArgument(ArgumentListSyntax arguments, string enumType, string member)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax access
                && access.Name.Identifier.ValueText == member
                && CalleeName(access.Expression) == enumType)
            {
                return true;
            }
        }

        return false;
    }
}
