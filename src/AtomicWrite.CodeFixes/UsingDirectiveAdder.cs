using System;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// Adds <c>using AtomicWrite;</c> where the file keeps its usings: among the compilation unit's usings when it has
/// any, otherwise inside the (block or file-scoped) namespaces that hold the usings, otherwise at the top of the
/// file, after its header comment. The new directive follows the existing order (System first or plain
/// alphabetical) and copies the neighbours' indentation and line endings.
/// </summary>
internal static class UsingDirectiveAdder
{
    public const string Namespace = "AtomicWrite";

    /// <summary>
    /// Chooses the containers on the original tree: the compilation unit, or the namespace declarations with
    /// usings that contain every fixed node.
    /// </summary>
    public static IReadOnlyList<SyntaxNode> ChooseContainers(CompilationUnitSyntax root, IEnumerable<SyntaxNode> fixedNodes)
    {
        if (root.Usings.Any(u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
        {
            return new SyntaxNode[] { root };
        }

        var containers = new List<SyntaxNode>();
        foreach (var node in fixedNodes)
        {
            var ns = node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(n => n.Usings.Count > 0);
            if (ns is null)
            {
                return new SyntaxNode[] { root };
            }

            if (!containers.Contains(ns))
            {
                containers.Add(ns);
            }
        }

        return containers.Count == 0 ? new SyntaxNode[] { root } : containers;
    }

    /// <summary>Adds the directive to a compilation unit or namespace declaration, unless it is there already.</summary>
    public static SyntaxNode AddTo(SyntaxNode container, string endOfLine)
    {
        switch (container)
        {
            case CompilationUnitSyntax unit:
                if (HasImport(unit.Usings))
                {
                    return unit;
                }

                if (unit.Usings.Count == 0)
                {
                    return AddFirstUsing(unit, endOfLine);
                }

                return unit.WithUsings(Insert(unit.Usings, endOfLine));

            case BaseNamespaceDeclarationSyntax ns:
                return HasImport(ns.Usings) ? ns : ns.WithUsings(Insert(ns.Usings, endOfLine));

            default:
                return container;
        }
    }

    private static bool HasImport(SyntaxList<UsingDirectiveSyntax> usings)
        => usings.Any(u => u.Alias is null && !u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.Name?.ToString() == Namespace);

    private static bool IsPlain(UsingDirectiveSyntax u)
        => u.Alias is null && !u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, string endOfLine)
    {
        var plainIndexes = Enumerable.Range(0, usings.Count).Where(i => IsPlain(usings[i])).ToList();
        int index;
        if (plainIndexes.Count == 0)
        {
            // After the global usings, before static and alias directives.
            index = Enumerable.Range(0, usings.Count).FirstOrDefault(i => !usings[i].GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword));
            if (usings.All(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
            {
                index = usings.Count;
            }
        }
        else
        {
            var names = plainIndexes.Select(i => usings[i].Name?.ToString() ?? string.Empty).ToList();
            Func<string, (int, string)> systemFirst = n => (IsSystem(n) ? 0 : 1, n);
            Func<string, (int, string)> plain = n => (0, n);
            Func<string, (int, string)>? key = null;
            if (IsSorted(names, systemFirst))
            {
                key = systemFirst;
            }
            else if (IsSorted(names, plain))
            {
                key = plain;
            }

            index = plainIndexes[plainIndexes.Count - 1] + 1;
            if (key != null)
            {
                var mine = key(Namespace);
                for (var k = 0; k < plainIndexes.Count; k++)
                {
                    if (Compare(key(names[k]), mine) > 0)
                    {
                        index = plainIndexes[k];
                        break;
                    }
                }
            }
        }

        var reference = usings[Math.Min(index, usings.Count - 1)];
        var directive = NewDirective(reference, endOfLine);
        if (index == 0)
        {
            // The first directive carries the file header: keep it first.
            var leading = reference.GetLeadingTrivia();
            directive = directive.WithLeadingTrivia(leading);
            usings = usings.Replace(reference, reference.WithLeadingTrivia(Indentation(leading)));
        }
        else if (index == usings.Count)
        {
            directive = directive.WithLeadingTrivia(Indentation(usings[usings.Count - 1].GetLeadingTrivia()));
        }

        return usings.Insert(index, directive);
    }

    private static int Compare((int, string) a, (int, string) b)
    {
        var c = a.Item1.CompareTo(b.Item1);
        return c != 0 ? c : StringComparer.OrdinalIgnoreCase.Compare(a.Item2, b.Item2);
    }

    private static bool IsSorted(List<string> names, Func<string, (int, string)> key)
    {
        for (var i = 1; i < names.Count; i++)
        {
            if (Compare(key(names[i - 1]), key(names[i])) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static UsingDirectiveSyntax NewDirective(UsingDirectiveSyntax reference, string endOfLine)
    {
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(Namespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(Indentation(reference.GetLeadingTrivia()));
        return directive.WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
    }

    /// <summary>The whitespace after the last line break of a trivia list.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var result = new List<SyntaxTrivia>();
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            result.Insert(0, leading[i]);
        }

        return SyntaxFactory.TriviaList(result);
    }

    private static CompilationUnitSyntax AddFirstUsing(CompilationUnitSyntax unit, string endOfLine)
    {
        var firstToken = unit.GetFirstToken(includeZeroWidth: true);
        var leading = firstToken.LeadingTrivia;

        // The header (comments up to the last line break before a doc comment, a directive or the code) moves
        // above the directive; doc comments and directives stay with the code they belong to.
        var stop = 0;
        while (stop < leading.Count && !leading[stop].IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
               && !leading[stop].IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia) && !leading[stop].IsDirective)
        {
            stop++;
        }

        var split = 0;
        for (var i = 0; i < stop; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                split = i + 1;
            }
        }

        var header = leading.Take(split).ToList();
        if (!header.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
        {
            header.Clear();
            split = 0;
        }

        // Drop blank lines at the end of the header; one blank line separates the directive from the code.
        var rest = leading.Skip(split).ToList();
        while (header.Count > 0 && header[header.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia)
               && header.Count > 1 && header[header.Count - 2].IsKind(SyntaxKind.EndOfLineTrivia))
        {
            header.RemoveAt(header.Count - 1);
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(Namespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(header)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine), SyntaxFactory.EndOfLine(endOfLine));

        var newUnit = unit.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(rest));
        return newUnit.WithUsings(newUnit.Usings.Add(directive));
    }
}
