using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers;

/// <summary>
/// Finds where a type reads back the file whose path one of its fields or properties holds (<c>File.ReadAllText(_path)</c>,
/// <c>XDocument.Load(FilePath)</c>, <c>new StreamReader(_path)</c>, <c>Deserialize…(_path)</c>): a file the program both
/// writes and loads again is its own state, not output for someone else. Only the declarations of the member's type
/// are searched, with a syntax filter first; results are cached per type and per member for the compilation.
/// </summary>
internal sealed class ReadBackIndex
{
    private static readonly ConditionalWeakTable<Compilation, ReadBackIndex> Instances = new();

    private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<SyntaxNode>>> _readsByType = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, string> _byMember = new(SymbolEqualityComparer.Default);

    public static ReadBackIndex For(Compilation compilation) => Instances.GetValue(compilation, _ => new ReadBackIndex());

    /// <summary>The name of the method that reads the file of <paramref name="member"/> back, or null.</summary>
    public string? Reader(ISymbol member, OperationTracing tracing, CancellationToken cancellationToken)
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

        var found = _byMember.GetOrAdd(member.OriginalDefinition, m => Find(m, type.OriginalDefinition, tracing, cancellationToken) ?? string.Empty);
        return found.Length == 0 ? null : found;
    }

    private string? Find(ISymbol member, INamedTypeSymbol type, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var reads = _readsByType.GetOrAdd(type, t => CollectReads(t, cancellationToken));
        if (!reads.TryGetValue(member.Name, out var candidates))
        {
            return null;
        }

        foreach (var node in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tracing.Model(node.SyntaxTree) is not { } model)
            {
                continue;
            }

            // Arguments are bound one by one, so a call that fails overload resolution (code with errors, a
            // reference of another version) still counts when its argument is the member.
            var arguments = node switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList,
                ObjectCreationExpressionSyntax creation => creation.ArgumentList,
                _ => null,
            };
            if (arguments is null)
            {
                continue;
            }

            foreach (var argument in arguments.Arguments)
            {
                if (model.GetOperation(argument.Expression, cancellationToken) is { } value && RefersTo(SinkDetector.Unwrap(value), member))
                {
                    return ReaderName(model.GetEnclosingSymbol(node.SpanStart, cancellationToken), type);
                }
            }
        }

        return null;
    }

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

    /// <summary>Read-like calls in the type's declarations, by the names of the identifiers passed to them.</summary>
    private static Dictionary<string, List<SyntaxNode>> CollectReads(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<SyntaxNode>>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            foreach (var node in declaration.DescendantNodes())
            {
                ArgumentListSyntax? arguments = null;
                switch (node)
                {
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
                    var name = argument.Expression switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is null)
                    {
                        continue;
                    }

                    if (!result.TryGetValue(name, out var list))
                    {
                        list = new List<SyntaxNode>();
                        result.Add(name, list);
                    }

                    if (list.Count < 8)
                    {
                        list.Add(node);
                    }
                }
            }
        }

        return result;
    }

    private static string CalleeName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>ReadAllText, ReadAllBytesAsync, ReadLines, OpenRead, OpenText, Load, LoadFrom…, Deserialize…, or Open(…, FileMode.Open).</summary>
    private static bool IsReadName(string name, ArgumentListSyntax arguments)
    {
        if (name.StartsWith("Read", System.StringComparison.Ordinal)
            || name.StartsWith("Load", System.StringComparison.Ordinal)
            || name.StartsWith("Deserialize", System.StringComparison.Ordinal)
            || name == "OpenRead" || name == "OpenText")
        {
            return true;
        }

        return name == "Open" && OpensExisting(arguments);
    }

    private static bool IsReaderType(TypeSyntax type, ArgumentListSyntax? arguments)
    {
        var name = type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name == "StreamReader" || (name == "FileStream" && arguments is not null && OpensExisting(arguments));
    }

    private static bool OpensExisting(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Open" } access
                && CalleeName(access.Expression) == "FileMode")
            {
                return true;
            }
        }

        return false;
    }
}
