using System.Text;

namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>Small helpers over IOperation trees used by AW0002 and AW0004.</summary>
internal static class AW0002Operations
{
    public static bool IsThisOrStatic(IMemberReferenceOperation reference)
        => reference.Instance is null || reference.Instance is IInstanceReferenceOperation;

    /// <summary>The value passed for the parameter at <paramref name="ordinal"/>, or null.</summary>
    public static IOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal == ordinal)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }

    /// <summary>The key of a path expression: the symbol it reads, or its normalized text.</summary>
    public static AW0002PathKey KeyOf(IOperation operation)
    {
        operation = OperationHelpers.Unwrap(operation);
        if (operation is IInvocationOperation invocation
            && invocation.TargetMethod.Name == "GetFullPath"
            && invocation.Arguments.Length >= 1
            && ArgumentFor(invocation.Arguments, 0) is { } inner)
        {
            return KeyOf(inner);
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return AW0002PathKey.ForSymbol(local.Local);
            case IParameterReferenceOperation parameter:
                return AW0002PathKey.ForSymbol(parameter.Parameter);
            case IFieldReferenceOperation field when IsThisOrStatic(field):
                return AW0002PathKey.ForSymbol(field.Field);
            case IPropertyReferenceOperation property when IsThisOrStatic(property) && property.Arguments.Length == 0:
                return AW0002PathKey.ForSymbol(property.Property);
        }

        return AW0002PathKey.ForText(Normalize(operation.Syntax.ToString()));
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static bool IsPlatformInvoke(IMethodSymbol method)
    {
        if (method.IsExtern || method.GetDllImportData() is not null)
        {
            return true;
        }

        foreach (var attribute in method.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name == "LibraryImportAttribute" || name == "DllImportAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies inside it.</summary>
    public static bool Contains(IOperation outer, IOperation inner)
    {
        for (var current = inner; current is not null; current = current.Parent)
        {
            if (current == outer)
            {
                return true;
            }
        }

        return false;
    }

    internal static readonly ImmutableHashSet<string> TempMarkers =
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "tmp", "temp", "~", ".new", ".part", ".partial", ".swp", ".$$$");

    internal static bool HasTempMarker(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var marker in TempMarkers)
        {
            if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
