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
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                case IArgumentOperation argument:
                    current = argument.Value;
                    continue;
                default:
                    return current;
            }
        }

        return current;
    }
}
