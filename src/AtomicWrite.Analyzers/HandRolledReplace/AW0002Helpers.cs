using System.Linq;
using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>What a project's own helper method does with its string parameters, read from its syntax once.</summary>
internal sealed class AW0002HelperSummary
{
    public static readonly AW0002HelperSummary None = new AW0002HelperSummary();

    /// <summary>The pseudo-ordinal of the path a helper returns after writing it.</summary>
    public const int Returned = -1;

    /// <summary>For each parameter that the helper writes as a file (or <see cref="Returned"/>): how the file is opened.</summary>
    public Dictionary<int, AW0002OpenKind> Writes { get; } = new Dictionary<int, AW0002OpenKind>();

    /// <summary>The helper flushes to disk (<c>Flush(true)</c>, <c>WriteThrough</c>, an fsync).</summary>
    public bool Flushes { get; set; }

    /// <summary>The helper moves, replaces or copies its parameter <c>Source</c> over its parameter <c>Destination</c>.</summary>
    public (int Source, int Destination, bool Copy, bool Overwrites)? Replaces { get; set; }

    /// <summary>The parameters the helper deletes.</summary>
    public HashSet<int> Deletes { get; } = new HashSet<int>();
}

/// <summary>
/// A commit method of a project's own atomic-write type: it moves (or replaces) the member <c>Source</c> of its object
/// over the member <c>Destination</c> (<c>public void Commit() => File.Move(_temp, _path, true);</c>).
/// </summary>
/// <param name="Source">The temp member, as named by the move (a property that only returns a field is that field).</param>
/// <param name="Destination">The target member.</param>
/// <param name="Copy">A copy rather than a move.</param>
/// <param name="Overwrites">Whether the move overwrites the target (an overwrite flag, or File.Replace).</param>
/// <param name="Flushes">Whether the commit method flushes to disk itself.</param>
/// <param name="SourceAliases">The members of the type that name the temp: the member and the properties that return it.</param>
internal sealed record AW0002CommitSummary(string Source, string Destination, bool Copy, bool Overwrites, bool Flushes, ImmutableHashSet<string> SourceAliases);

/// <summary>
/// Helpers of the compilation that write a file or move one file over another for their caller
/// (<c>Io.WriteText(tmp, json)</c>, <c>FileOps.Swap(tmp, path)</c>): recognised from the helper's own syntax (no binding),
/// when the path given to <c>File.*</c>, a <c>FileStream</c>/<c>StreamWriter</c> or an XML save is one of its string
/// parameters. Cached per method and compilation.
/// </summary>
internal static class AW0002Helpers
{
    private static readonly ConditionalWeakTable<WellKnownTypes, ConcurrentDictionary<IMethodSymbol, AW0002HelperSummary>> Caches = new();

    /// <summary>A cheap filter: an ordinary method declared once in source with a string parameter.</summary>
    public static bool MayBeHelper(IMethodSymbol method, int stringParameters)
    {
        if (method.Parameters.Length < stringParameters || (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction) || method.IsExtern)
        {
            return false;
        }

        var count = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                count++;
            }
        }

        return count >= stringParameters && method.DeclaringSyntaxReferences.Length == 1;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, object> MovingTrees = new();
    private static readonly object Yes = new object();
    private static readonly object No = new object();

    /// <summary>
    /// A helper that may move one of its parameters over another: declared in a file whose text has <c>Move(</c>,
    /// <c>Replace(</c> or <c>Copy(</c> at all (one scan of each file's characters, no allocation), so that most
    /// helpers are never walked when the rule only looks for a replace.
    /// </summary>
    public static bool MayMoveFiles(IMethodSymbol method)
    {
        var tree = method.DeclaringSyntaxReferences[0].SyntaxTree;
        return MovingTrees.GetValue(tree, t => Mentions(t.GetText()) ? Yes : No) == Yes;
    }

    private static bool Mentions(Microsoft.CodeAnalysis.Text.SourceText text)
    {
        // Looks for "Move(", "Replace(" and "Copy(" at each parenthesis.
        for (var i = 4; i < text.Length; i++)
        {
            if (text[i] != '(')
            {
                continue;
            }

            if (Spells(text, i - 4, "Move") || Spells(text, i - 4, "Copy") || (i >= 7 && Spells(text, i - 7, "Replace")))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly ConditionalWeakTable<INamedTypeSymbol, IReadOnlyDictionary<string, AW0002CommitSummary>> CommitCache = new();

    private static readonly IReadOnlyDictionary<string, AW0002CommitSummary> NoCommits = new Dictionary<string, AW0002CommitSummary>();

    /// <summary>A cheap filter for a commit method: an ordinary instance method declared once in source, without string parameters, in a file that mentions a move.</summary>
    public static bool MayBeCommit(IMethodSymbol method)
    {
        if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.Length != 1 || method.ContainingType is null)
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                return false;
            }
        }

        return MayMoveFiles(method);
    }

    /// <summary>
    /// The commit methods of a type, by name, read from its syntax once: methods that move, replace or copy one member
    /// of the object over another with <c>File.Move</c>/<c>Replace</c>/<c>Copy</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, AW0002CommitSummary> CommitsOf(INamedTypeSymbol type)
        => CommitCache.GetValue(type.OriginalDefinition, ComputeCommits);

    private static IReadOnlyDictionary<string, AW0002CommitSummary> ComputeCommits(INamedTypeSymbol type)
    {
        var declarations = new List<TypeDeclarationSyntax>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax declaration)
            {
                declarations.Add(declaration);
            }
        }

        // The members of every part count (a partial type may keep its temp in one file and commit it in another).
        if (!declarations.Exists(NamesMoveCopyOrReplace))
        {
            return NoCommits;
        }

        // Member names, and the member a property only returns (string WritePath => _temp;).
        var members = new HashSet<string>(StringComparer.Ordinal);
        var returns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            foreach (var member in declaration.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            members.Add(variable.Identifier.ValueText);
                        }

                        break;
                    case PropertyDeclarationSyntax property:
                        members.Add(property.Identifier.ValueText);
                        if (ReturnedName(property) is { } returned)
                        {
                            returns[property.Identifier.ValueText] = returned;
                        }

                        break;
                }
            }
        }

        string Canonical(string name) => returns.TryGetValue(name, out var target) && members.Contains(target) ? target : name;

        Dictionary<string, AW0002CommitSummary>? result = null;
        foreach (var declaration in declarations)
        {
            foreach (var method in declaration.Members.OfType<MethodDeclarationSyntax>())
            {
                if (method.Modifiers.Any(SyntaxKind.StaticKeyword) || ((SyntaxNode?)method.Body ?? method.ExpressionBody) is not { } body
                    || !NamesMoveCopyOrReplace(body))
                {
                    continue;
                }

                var hidden = new HashSet<string>(method.ParameterList.Parameters.Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
                foreach (var local in body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                {
                    hidden.Add(local.Identifier.ValueText);
                }

                string? MemberOf(ExpressionSyntax expression)
                {
                    var name = expression switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var accessed } => accessed.Identifier.ValueText,
                        _ => null,
                    };
                    return name is not null && members.Contains(name) && !hidden.Contains(name) ? Canonical(name) : null;
                }

                var flushes = false;
                var carried = new Dictionary<string, string>(StringComparer.Ordinal);
                (string Source, string Destination, bool Copy, bool Overwrites)? move = null;
                foreach (var node in body.DescendantNodes())
                {
                    if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WriteThrough" })
                    {
                        flushes = true;
                    }

                    if (node is not InvocationExpressionSyntax invocation)
                    {
                        continue;
                    }

                    var (receiver, name) = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => (LastName(access.Expression), access.Name.Identifier.ValueText),
                        IdentifierNameSyntax identifier => (null, identifier.Identifier.ValueText),
                        _ => (null, string.Empty),
                    };
                    var arguments = invocation.ArgumentList.Arguments;
                    if ((name == "Flush" && arguments.Count == 1 && arguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression))
                        || name.IndexOf("fsync", StringComparison.OrdinalIgnoreCase) >= 0 || name == "FlushFileBuffers")
                    {
                        flushes = true;
                        continue;
                    }

                    // File.Move/Replace/Copy (or a file wrapper named like File), or a helper of the type named …Replace
                    // (SafeReplace(pending, _target, backup)).
                    var fileCall = IsFileReceiver(receiver) && (name == "Move" || name == "Replace" || name == "Copy");
                    var replaceHelper = (receiver is null || receiver == "this") && name.EndsWith("Replace", StringComparison.Ordinal);
                    if ((!fileCall && !replaceHelper) || arguments.Count < 2)
                    {
                        continue;
                    }

                    // A temp moved first to an intermediate name held by a local (pending = _target + ".pending"),
                    // then from there over the target: the local carries the temp member.
                    var source = MemberOf(arguments[0].Expression)
                        ?? (arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var carrier } && carried.TryGetValue(carrier, out var carriedSource) ? carriedSource : null);
                    if (source is null)
                    {
                        continue;
                    }

                    if (fileCall && name == "Move" && arguments[1].Expression is IdentifierNameSyntax { Identifier.ValueText: var local } && hidden.Contains(local) && !members.Contains(local))
                    {
                        carried[local] = source;
                        continue;
                    }

                    if (MemberOf(arguments[1].Expression) is { } destination && source != destination)
                    {
                        var overwrites = name.EndsWith("Replace", StringComparison.Ordinal) || (arguments.Count >= 3 && !arguments[2].Expression.IsKind(SyntaxKind.FalseLiteralExpression));
                        if (move is null || (overwrites && !move.Value.Overwrites && move.Value.Destination == destination))
                        {
                            move = (source, destination, name == "Copy", overwrites);
                        }
                    }
                }

                if (move is { } found)
                {
                    var aliases = members.Where(m => Canonical(m) == found.Source).ToImmutableHashSet(StringComparer.Ordinal).Add(found.Source);
                    result ??= new Dictionary<string, AW0002CommitSummary>(StringComparer.Ordinal);
                    result[method.Identifier.ValueText] = new AW0002CommitSummary(found.Source, found.Destination, found.Copy, found.Overwrites, flushes, aliases);
                }
            }
        }

        return result ?? NoCommits;
    }

    /// <summary>
    /// Whether the text of a node contains "Move", "Copy" or "Replace" at all: every call a commit is made of is named
    /// by one of them, so a type or method body without them has no commit and is not walked. (An identifier spelled
    /// with Unicode escapes would be missed; C# code does not write File.Move that way.)
    /// </summary>
    private static bool NamesMoveCopyOrReplace(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var end = node.Span.End;
        for (var i = node.Span.Start; i + 4 <= end; i++)
        {
            var word = text[i] switch
            {
                'M' => "Move",
                'C' => "Copy",
                'R' => "Replace",
                _ => null,
            };
            if (word is not null && i + word.Length <= end && Spells(text, i, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="word"/> stands in the text at <paramref name="start"/> (which the caller keeps in range).</summary>
    private static bool Spells(Microsoft.CodeAnalysis.Text.SourceText text, int start, string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (text[start + k] != word[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>File</c>, or a project's own file wrapper named like it (<c>RobustFile</c>, <c>SafeFile</c>).</summary>
    private static bool IsFileReceiver(string? name) => name is not null && name.EndsWith("File", StringComparison.Ordinal);

    /// <summary>The member a property only returns: <c>=> _temp</c>, <c>get => _temp;</c> or <c>get { return _temp; }</c>.</summary>
    private static string? ReturnedName(PropertyDeclarationSyntax property)
    {
        ExpressionSyntax? returned = property.ExpressionBody?.Expression;
        if (returned is null && property.AccessorList is { } accessors)
        {
            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    returned = accessor.ExpressionBody?.Expression
                        ?? (accessor.Body is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);
                }
            }
        }

        return returned switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
            _ => null,
        };
    }

    public static AW0002HelperSummary For(IMethodSymbol method, WellKnownTypes symbols)
    {
        var cache = Caches.GetValue(symbols, _ => new ConcurrentDictionary<IMethodSymbol, AW0002HelperSummary>(SymbolEqualityComparer.Default));
        return cache.GetOrAdd(method.OriginalDefinition, m => Compute(m, 0));
    }

    /// <summary>A method of the compilation that returns a path (<c>string</c> or <c>Task&lt;string&gt;</c>), declared once.</summary>
    public static bool ReturnsPath(IMethodSymbol method)
        => (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction) && !method.IsExtern && !method.IsAbstract
           && method.DeclaringSyntaxReferences.Length == 1
           && (method.ReturnType.SpecialType == SpecialType.System_String
               || (method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task && task.TypeArguments[0].SpecialType == SpecialType.System_String));

    private static AW0002HelperSummary Compute(IMethodSymbol method, int depth)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return AW0002HelperSummary.None;
        }

        if (method.IsAbstract)
        {
            return depth > 0 ? AW0002HelperSummary.None : ComputeImplementations(method);
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        SyntaxNode? body = declaration switch
        {
            BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
            LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
            _ => null,
        };
        if (body is null)
        {
            return AW0002HelperSummary.None;
        }

        var parameters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                parameters[parameter.Name] = parameter.Ordinal;
            }
        }

        // A method that returns the path it wrote (string WriteTemp(byte[] data) { var p = …; File.WriteAllBytes(p, data); return p; }):
        // the local it returns is written as the pseudo-parameter Returned.
        if (depth == 0 && ReturnsPath(method))
        {
            foreach (var returned in body.DescendantNodes().OfType<ReturnStatementSyntax>())
            {
                if (returned.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && !parameters.ContainsKey(name))
                {
                    parameters[name] = AW0002HelperSummary.Returned;
                }
            }
        }

        var summary = new AW0002HelperSummary();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    VisitInvocation(invocation, parameters, summary);
                    if (depth == 0)
                    {
                        VisitNestedHelper(method, invocation, parameters, summary);
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { Arguments.Count: > 0 } arguments:
                    var created = creation is ObjectCreationExpressionSyntax { Type: var type } ? LastName(type) : null;
                    if ((created == "FileStream" || created == "StreamWriter") && ParameterOf(arguments.Arguments[0].Expression, parameters) is { } ordinal
                        && (created == "StreamWriter" || Writes(arguments)))
                    {
                        Note(summary, ordinal, created == "FileStream" ? ModeOf(arguments) : StreamWriterOpen(arguments));
                    }

                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WriteThrough" }:
                    summary.Flushes = true;
                    break;
            }
        }

        return summary.Writes.Count == 0 && summary.Replaces is null ? AW0002HelperSummary.None : summary;
    }

    private const int MaxImplementations = 4;

    private static readonly ConditionalWeakTable<IAssemblySymbol, Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> Implementers = new();

    /// <summary>
    /// An interface method of the program (<c>IFileSystem.WriteFile(path, text)</c>) or an abstract method: what its
    /// implementations in the same assembly do. A parameter is written when an implementation writes it; the write
    /// flushes only when every implementation that writes flushes. At most four implementations are read.
    /// </summary>
    private static AW0002HelperSummary ComputeImplementations(IMethodSymbol method)
    {
        var containing = method.ContainingType;
        if (containing is null || containing.IsGenericType || method.ContainingAssembly is not { } assembly)
        {
            return AW0002HelperSummary.None;
        }

        if (!Implementers.GetValue(assembly, IndexImplementers).TryGetValue(containing.OriginalDefinition, out var candidates))
        {
            return AW0002HelperSummary.None;
        }

        var summary = new AW0002HelperSummary();
        var flushes = true;
        var read = 0;
        foreach (var type in candidates)
        {
            if (read >= MaxImplementations)
            {
                break;
            }

            IMethodSymbol? implementation = null;
            if (containing.TypeKind == TypeKind.Interface)
            {
                if (type.AllInterfaces.Contains(containing, SymbolEqualityComparer.Default))
                {
                    implementation = type.FindImplementationForInterfaceMember(method) as IMethodSymbol;
                }
            }
            else
            {
                foreach (var member in type.GetMembers(method.Name))
                {
                    for (var overridden = (member as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method.OriginalDefinition))
                        {
                            implementation = (IMethodSymbol)member;
                            break;
                        }
                    }
                }
            }

            if (implementation is null || implementation.IsAbstract || implementation.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
            {
                continue;
            }

            read++;
            var found = Compute(implementation, 1);
            if (found.Writes.Count > 0)
            {
                flushes &= found.Flushes;
                foreach (var write in found.Writes)
                {
                    Note(summary, write.Key, write.Value);
                }
            }

            summary.Replaces ??= found.Replaces;
            summary.Deletes.UnionWith(found.Deletes);
        }

        summary.Flushes = summary.Writes.Count > 0 && flushes;
        return summary.Writes.Count == 0 && summary.Replaces is null ? AW0002HelperSummary.None : summary;
    }

    /// <summary>
    /// The classes and structs of an assembly under each interface they implement and each class they derive from (by
    /// original definition), in the order <see cref="CollectTypes"/> finds them: only these can implement or override
    /// a member of that type, so an interface or abstract method looks at them rather than at every type.
    /// </summary>
    private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> IndexImplementers(IAssemblySymbol assembly)
    {
        var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        void Add(INamedTypeSymbol over, INamedTypeSymbol type)
        {
            if (!index.TryGetValue(over.OriginalDefinition, out var types))
            {
                types = new List<INamedTypeSymbol>();
                index.Add(over.OriginalDefinition, types);
            }

            if (types.Count == 0 || !ReferenceEquals(types[types.Count - 1], type))
            {
                types.Add(type);
            }
        }

        foreach (var type in CollectTypes(assembly))
        {
            if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
            {
                continue;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                Add(implemented, type);
            }

            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                Add(baseType, type);
            }
        }

        return index;
    }

    private static List<INamedTypeSymbol> CollectTypes(IAssemblySymbol assembly)
    {
        var types = new List<INamedTypeSymbol>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types.Add(type);
                    pending.Push(type);
                }
            }
        }

        return types;
    }

    /// <summary>
    /// A helper that hands its parameter on to another method of its own type (<c>WriteTemp(file)</c> calling
    /// <c>WriteBytes(file, data)</c>): what that method writes, read one level deep.
    /// </summary>
    private static void VisitNestedHelper(IMethodSymbol method, InvocationExpressionSyntax invocation, Dictionary<string, int> parameters, AW0002HelperSummary summary)
    {
        var name = invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax, Name: var accessed } access
                when access.Expression is ThisExpressionSyntax || ((IdentifierNameSyntax)access.Expression).Identifier.ValueText == method.ContainingType?.Name => accessed.Identifier.ValueText,
            _ => null,
        };
        var arguments = invocation.ArgumentList.Arguments;
        if (name is null || method.ContainingType is null || arguments.Count == 0)
        {
            return;
        }

        var passed = false;
        foreach (var argument in arguments)
        {
            passed |= argument.NameColon is null && ParameterOf(argument.Expression, parameters) is not null;
        }

        if (!passed)
        {
            return;
        }

        foreach (var member in method.ContainingType.GetMembers(name))
        {
            if (member is not IMethodSymbol callee || SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, method.OriginalDefinition)
                || callee.Parameters.Length < arguments.Count || !MayBeHelper(callee, 1))
            {
                continue;
            }

            var inner = Compute(callee, 1);
            var wrote = false;
            foreach (var write in inner.Writes)
            {
                if (write.Key < arguments.Count && arguments[write.Key].NameColon is null && ParameterOf(arguments[write.Key].Expression, parameters) is { } ordinal)
                {
                    Note(summary, ordinal, write.Value);
                    wrote = true;
                }
            }

            if (wrote)
            {
                summary.Flushes |= inner.Flushes;
                return;
            }
        }
    }

    private static void VisitInvocation(InvocationExpressionSyntax invocation, Dictionary<string, int> parameters, AW0002HelperSummary summary)
    {
        var (receiver, name) = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => (LastName(access.Expression), access.Name.Identifier.ValueText),
            IdentifierNameSyntax identifier => (null, identifier.Identifier.ValueText),
            _ => (null, null),
        };
        if (name is null)
        {
            return;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (name == "Flush" && arguments.Count == 1 && arguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression))
        {
            summary.Flushes = true;
            return;
        }

        if (name.IndexOf("fsync", StringComparison.OrdinalIgnoreCase) >= 0 || name == "FlushFileBuffers" || name == "FlushToDisk")
        {
            summary.Flushes = true;
            return;
        }

        if (arguments.Count == 0 || ParameterOf(arguments[0].Expression, parameters) is not { } first)
        {
            return;
        }

        if (IsFileReceiver(receiver))
        {
            // File, or a project's own file wrapper named like it (RobustFile.Replace(source, destination, backup)): its
            // moves, replaces, copies and deletes, by name. File.Replace, or Move/Copy with an overwrite argument that is
            // not the literal false, overwrites.
            switch (name)
            {
                case "Move":
                case "Replace":
                case "Copy":
                    if (arguments.Count >= 2 && ParameterOf(arguments[1].Expression, parameters) is { } second && second != first)
                    {
                        var overwrites = name == "Replace" || (arguments.Count >= 3 && !arguments[2].Expression.IsKind(SyntaxKind.FalseLiteralExpression));
                        summary.Replaces = (first, second, name == "Copy", overwrites);
                    }

                    return;
                case "Delete":
                    summary.Deletes.Add(first);
                    return;
            }
        }

        if (receiver == "File")
        {
            switch (name)
            {
                case "Open":
                    if (Writes(invocation.ArgumentList))
                    {
                        Note(summary, first, ModeOf(invocation.ArgumentList));
                    }

                    return;
                case "OpenWrite":
                case "AppendText":
                    Note(summary, first, AW0002OpenKind.Stale);
                    return;
                case "Create":
                case "CreateText":
                    Note(summary, first, AW0002OpenKind.Truncating);
                    return;
            }

            if (name.StartsWith("AppendAll", StringComparison.Ordinal))
            {
                Note(summary, first, AW0002OpenKind.Stale);
                return;
            }
        }

        if (FileApiNames.WholeFileWrites.Contains(name) || (receiver == "XmlWriter" && name == "Create") || (name == "Save" && receiver is not null && receiver != "File"))
        {
            Note(summary, first, AW0002OpenKind.Truncating);
        }
    }

    private static void Note(AW0002HelperSummary summary, int ordinal, AW0002OpenKind open)
    {
        if (!summary.Writes.TryGetValue(ordinal, out var known) || known == AW0002OpenKind.Unknown)
        {
            summary.Writes[ordinal] = open;
        }
    }

    private static int? ParameterOf(ExpressionSyntax expression, Dictionary<string, int> parameters)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression is IdentifierNameSyntax identifier && parameters.TryGetValue(identifier.Identifier.ValueText, out var ordinal) ? ordinal : null;
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    private static AW0002OpenKind ModeOf(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "FileMode" }, Name.Identifier.ValueText: var mode })
            {
                return mode switch
                {
                    "CreateNew" => AW0002OpenKind.CreateNew,
                    "Create" or "Truncate" => AW0002OpenKind.Truncating,
                    "Open" or "OpenOrCreate" or "Append" => AW0002OpenKind.Stale,
                    _ => AW0002OpenKind.Unknown,
                };
            }
        }

        return AW0002OpenKind.Unknown;
    }

    /// <summary>
    /// A stream opened for writing: not with <c>FileAccess.Read</c>, and with <c>FileMode.Open</c> only when the access
    /// is given as <c>Write</c> or <c>ReadWrite</c> (a bare <c>FileMode.Open</c> is how files are opened to be read).
    /// </summary>
    private static bool Writes(ArgumentListSyntax arguments)
    {
        string? mode = null;
        string? access = null;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var enumName }, Name.Identifier.ValueText: var member })
            {
                if (enumName == "FileMode")
                {
                    mode = member;
                }
                else if (enumName == "FileAccess")
                {
                    access = member;
                }
            }
        }

        return access != "Read" && (mode != "Open" || access is "Write" or "ReadWrite");
    }

    private static AW0002OpenKind StreamWriterOpen(ArgumentListSyntax arguments)
    {
        if (arguments.Arguments.Count < 2)
        {
            return AW0002OpenKind.Truncating;
        }

        var append = arguments.Arguments[1].Expression;
        return append.IsKind(SyntaxKind.FalseLiteralExpression) ? AW0002OpenKind.Truncating
            : append.IsKind(SyntaxKind.TrueLiteralExpression) ? AW0002OpenKind.Stale
            : AW0002OpenKind.Unknown;
    }
}
