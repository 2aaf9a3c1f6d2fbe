using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>What a project's own helper method does with its string parameters, read from its syntax once.</summary>
internal sealed class AW0002HelperSummary
{
    public static readonly AW0002HelperSummary None = new AW0002HelperSummary();

    /// <summary>For each parameter that the helper writes as a file: how the file is opened.</summary>
    public Dictionary<int, AW0002OpenKind> Writes { get; } = new Dictionary<int, AW0002OpenKind>();

    /// <summary>The helper flushes to disk (<c>Flush(true)</c>, <c>WriteThrough</c>, an fsync).</summary>
    public bool Flushes { get; set; }

    /// <summary>The helper moves, replaces or copies its parameter <c>Source</c> over its parameter <c>Destination</c>.</summary>
    public (int Source, int Destination, bool Copy, bool Overwrites)? Replaces { get; set; }

    /// <summary>The parameters the helper deletes.</summary>
    public HashSet<int> Deletes { get; } = new HashSet<int>();
}

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
        if (method.Parameters.Length < stringParameters || method.MethodKind != MethodKind.Ordinary || method.IsExtern)
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
        // Looks for "Move(", "Replace(" and "Copy(" by their last letters before the parenthesis.
        for (var i = 4; i < text.Length; i++)
        {
            if (text[i] != '(')
            {
                continue;
            }

            if ((text[i - 1] == 'e' && text[i - 2] == 'v' && text[i - 3] == 'o' && text[i - 4] == 'M')
                || (text[i - 1] == 'y' && text[i - 2] == 'p' && text[i - 3] == 'o' && text[i - 4] == 'C')
                || (i >= 7 && text[i - 1] == 'e' && text[i - 2] == 'c' && text[i - 3] == 'a' && text[i - 4] == 'l' && text[i - 5] == 'p' && text[i - 6] == 'e' && text[i - 7] == 'R'))
            {
                return true;
            }
        }

        return false;
    }

    public static AW0002HelperSummary For(IMethodSymbol method, WellKnownTypes symbols)
    {
        var cache = Caches.GetValue(symbols, _ => new ConcurrentDictionary<IMethodSymbol, AW0002HelperSummary>(SymbolEqualityComparer.Default));
        return cache.GetOrAdd(method.OriginalDefinition, Compute);
    }

    private static AW0002HelperSummary Compute(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return AW0002HelperSummary.None;
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

        var summary = new AW0002HelperSummary();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    VisitInvocation(invocation, parameters, summary);
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

        if (receiver == "File")
        {
            switch (name)
            {
                case "Move":
                case "Replace":
                case "Copy":
                    if (arguments.Count >= 2 && ParameterOf(arguments[1].Expression, parameters) is { } second && second != first)
                    {
                        // File.Replace, or Move/Copy with an overwrite argument that is not the literal false.
                        var overwrites = name == "Replace" || (arguments.Count >= 3 && !arguments[2].Expression.IsKind(SyntaxKind.FalseLiteralExpression));
                        summary.Replaces = (first, second, name == "Copy", overwrites);
                    }

                    return;
                case "Delete":
                    summary.Deletes.Add(first);
                    return;
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
