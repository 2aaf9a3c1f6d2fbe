using Microsoft.CodeAnalysis;

namespace AtomicWrite.Analyzers;

/// <summary>
/// Recognises test code, where files are fixtures in scratch directories: a method with a test attribute (xunit,
/// NUnit, MSTest), a type with a test-fixture attribute or a name ending in Tests/Test/Fixture, or an assembly
/// whose name ends in .Tests/.Test/.UnitTests/.IntegrationTests/.FuncTests.
/// </summary>
internal static class TestCode
{
    public static bool Contains(ISymbol? symbol)
    {
        for (var s = symbol; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s is IMethodSymbol && HasAttribute(s, "Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod", "SkippableFact", "SkippableTheory"))
            {
                return true;
            }

            if (s is INamedTypeSymbol type)
            {
                if (HasAttribute(type, "TestClass", "TestFixture")
                    || type.Name.EndsWith("Tests", System.StringComparison.Ordinal)
                    || type.Name.EndsWith("Test", System.StringComparison.Ordinal)
                    || type.Name.EndsWith("Fixture", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        var assembly = symbol?.ContainingAssembly?.Name ?? string.Empty;
        return assembly.EndsWith(".Tests", System.StringComparison.OrdinalIgnoreCase)
            || assembly.EndsWith(".Test", System.StringComparison.OrdinalIgnoreCase)
            || assembly.EndsWith(".UnitTests", System.StringComparison.OrdinalIgnoreCase)
            || assembly.EndsWith(".IntegrationTests", System.StringComparison.OrdinalIgnoreCase)
            || assembly.EndsWith(".FuncTests", System.StringComparison.OrdinalIgnoreCase)
            || assembly.EndsWith(".FuncTest", System.StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasAttribute(ISymbol symbol, params string[] names)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is null)
            {
                continue;
            }

            foreach (var n in names)
            {
                if (name == n || name == n + "Attribute")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
