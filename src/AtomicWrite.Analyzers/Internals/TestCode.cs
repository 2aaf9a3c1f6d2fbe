using AtomicWrite.Analyzers.InPlaceWrites;

namespace AtomicWrite.Analyzers.Internals;

/// <summary>
/// Recognises test code, where files are fixtures in scratch directories: a method with a test attribute (xunit,
/// NUnit, MSTest), a type with a test-fixture attribute, a type or namespace with the word test, tests, testing or
/// fixture in its name, or an assembly whose name ends in .Tests/.Test/.UnitTests/.IntegrationTests/.FuncTests.
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
                if (HasAttribute(type, "TestClass", "TestFixture") || IsTestName(type.Name))
                {
                    return true;
                }

                if (type.ContainingType is null && type.ContainingNamespace is { IsGlobalNamespace: false } ns)
                {
                    foreach (var segment in ns.ToDisplayString().Split('.'))
                    {
                        if (IsTestName(segment))
                        {
                            return true;
                        }
                    }
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

    /// <summary>A name with the word test, tests, testing or fixture (StoreTests, CachingTestContext, Foo.FuncTest).</summary>
    private static bool IsTestName(string name)
    {
        foreach (var word in Vocabulary.Words(name))
        {
            if (word is "test" or "tests" or "testing" or "fixture" or "fixtures" or "functest" or "functests" or "unittests" or "specs")
            {
                return true;
            }
        }

        return false;
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
