namespace AtomicWrite.Analyzers.Internals;

/// <summary>Helpers over IOperation trees shared by every rule.</summary>
internal static class OperationHelpers
{
    /// <summary>Skips conversions, parentheses and argument wrappers.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        var current = operation;
        for (var i = 0; i < 16; i++)
        {
            var inner = current switch
            {
                IConversionOperation conversion => conversion.Operand,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                IArgumentOperation argument => argument.Value,
                _ => null,
            };
            if (inner is null)
            {
                return current;
            }

            current = inner;
        }

        return current;
    }

    /// <summary>The local, parameter, field or property that <paramref name="operation"/> (already unwrapped) refers to, or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };
}
