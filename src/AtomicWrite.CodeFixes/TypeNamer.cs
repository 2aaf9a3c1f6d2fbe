using AtomicWrite.CodeFixes.Planning;

namespace AtomicWrite.CodeFixes;

/// <summary>
/// Decides, for one document, how the fix names the runtime types: the simple name where it already binds to the
/// runtime type (a using or global using is in scope), the simple name plus a new <c>using AtomicWrite;</c> where
/// that cannot change the meaning of any name in the file, otherwise <c>AtomicWrite.AtomicFile</c> or
/// <c>global::AtomicWrite.AtomicFile</c>.
/// </summary>
/// <param name="model">The document's semantic model.</param>
/// <param name="runtimeNamespace">The namespace of the runtime types (<c>AtomicWrite</c>).</param>
/// <param name="addUsing">Whether the document gets a <c>using AtomicWrite;</c>.</param>
internal sealed class TypeNamer(SemanticModel model, INamespaceSymbol runtimeNamespace, bool addUsing)
{
    /// <summary>Whether the document gets a <c>using AtomicWrite;</c>.</summary>
    public bool AddUsing { get; } = addUsing;

    public static TypeNamer Create(SemanticModel model, SyntaxNode root, INamedTypeSymbol atomicFile, IReadOnlyList<AtomicFixPlan> plans, CancellationToken ct)
    {
        var ns = atomicFile.ContainingNamespace;
        var needed = plans.SelectMany(p => NeededNames(p).Select(n => (Position: p.Sink.SpanStart, Name: n))).ToList();

        bool allBound = true;
        bool simpleNamesFree = true;
        foreach (var (position, name) in needed)
        {
            var found = model.LookupNamespacesAndTypes(position, name: name);
            if (found.Length == 1 && IsRuntimeType(found[0], ns, name))
            {
                continue;
            }

            allBound = false;
            if (found.Length > 0)
            {
                simpleNamesFree = false;
            }
        }

        bool addUsing = !allBound && simpleNamesFree && !ImportWouldConflict(model, root, ns, ct);
        return new TypeNamer(model, ns, addUsing);
    }

    private static IEnumerable<string> NeededNames(AtomicFixPlan plan)
    {
        yield return "AtomicFile";
        if (plan is StreamPlan { ExplicitType: not null } stream)
        {
            yield return stream.AtomicTypeName;
        }
    }

    private static bool IsRuntimeType(ISymbol symbol, INamespaceSymbol ns, string name)
        => symbol is INamedTypeSymbol type && type.Name == name && SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, ns);

    /// <summary>
    /// True when importing the runtime namespace could change what an existing simple name in the file means
    /// (a type of the same name as one of the runtime's, bound today through another import).
    /// </summary>
    private static bool ImportWouldConflict(SemanticModel model, SyntaxNode root, INamespaceSymbol ns, CancellationToken ct)
    {
        var runtimeNames = new HashSet<string>(ns.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public).Select(t => t.Name));
        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (!runtimeNames.Contains(name.Identifier.ValueText))
            {
                continue;
            }

            var info = model.GetSymbolInfo(name, ct);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            var type = symbol as INamedTypeSymbol;
            if (type != null && !SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, ns))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text that names the runtime type <paramref name="typeName"/> at <paramref name="position"/>.</summary>
    public string Name(int position, string typeName)
    {
        var found = model.LookupNamespacesAndTypes(position, name: typeName);
        if (found.Length == 1 && IsRuntimeType(found[0], runtimeNamespace, typeName))
        {
            return typeName;
        }

        if (AddUsing)
        {
            return typeName;
        }

        var nsName = runtimeNamespace.Name;
        var nsFound = model.LookupNamespacesAndTypes(position, name: nsName);
        if (nsFound.Length == 1 && SymbolEqualityComparer.Default.Equals(nsFound[0], runtimeNamespace))
        {
            return nsName + "." + typeName;
        }

        return "global::" + runtimeNamespace.ToDisplayString() + "." + typeName;
    }
}
