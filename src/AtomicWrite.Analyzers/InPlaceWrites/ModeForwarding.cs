namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// The FileMode and FileAccess that the sink inside a mode-forwarding wrapper gets, in terms of the wrapper's
/// parameters: the mode is the parameter <see cref="ModeOrdinal"/>, or <see cref="WhenTrue"/> /
/// <see cref="WhenFalse"/> as the bool parameter <see cref="SwitchOrdinal"/> is true or false, or (both -1) the
/// constant <see cref="WhenTrue"/>; the access is the parameter <see cref="AccessOrdinal"/>, or (-1) absent or a
/// constant that writes.
/// </summary>
internal readonly record struct ModeCondition(int ModeOrdinal, int SwitchOrdinal, int WhenTrue, int WhenFalse, int AccessOrdinal)
{
    /// <summary>
    /// The condition seen through a call's arguments. False when the call does not overwrite in place or that
    /// cannot be told (a mode or access that is neither a constant nor a parameter of <paramref name="caller"/>);
    /// otherwise <paramref name="mapped"/> is null when it always does, or the condition on the caller's parameters.
    /// </summary>
    public bool TryMap(ImmutableArray<ModeArgument> arguments, IMethodSymbol? caller, out ModeCondition? mapped)
    {
        mapped = null;
        int modeOrdinal = -1, switchOrdinal = -1, whenTrue = WhenTrue, whenFalse = WhenFalse, accessOrdinal = -1;
        var decided = ModeOrdinal >= 0 ? ModeOrdinal : SwitchOrdinal;
        if (decided >= 0)
        {
            if (!ModeArgument.TryFind(arguments, decided, out var argument))
            {
                return false;
            }

            if (argument.Constant is { } constant)
            {
                whenTrue = whenFalse = ModeOrdinal >= 0 ? constant : (constant != 0 ? WhenTrue : WhenFalse);
            }
            else if (argument.Forwarded(caller) is { } forwarded)
            {
                modeOrdinal = ModeOrdinal >= 0 ? forwarded : -1;
                switchOrdinal = ModeOrdinal >= 0 ? -1 : forwarded;
            }
            else
            {
                return false;
            }
        }

        if (modeOrdinal < 0 && !SinkDetector.IsInPlaceMode(whenTrue) && (switchOrdinal < 0 || !SinkDetector.IsInPlaceMode(whenFalse)))
        {
            return false; // CreateNew, Open or Append whatever the caller passes.
        }

        if (AccessOrdinal >= 0)
        {
            if (!ModeArgument.TryFind(arguments, AccessOrdinal, out var argument))
            {
                return false;
            }

            if (argument.Constant is { } constant)
            {
                if (!SinkDetector.IsWriteAccess(constant))
                {
                    return false;
                }
            }
            else if (argument.Forwarded(caller) is { } forwarded)
            {
                accessOrdinal = forwarded;
            }
            else
            {
                return false;
            }
        }

        if (modeOrdinal >= 0 || switchOrdinal >= 0 || accessOrdinal >= 0)
        {
            mapped = new ModeCondition(modeOrdinal, switchOrdinal, whenTrue, whenFalse, accessOrdinal);
        }

        return true;
    }

    /// <summary>True when every condition holds for a call's arguments (constants only: nothing is forwarded at a call site).</summary>
    public static bool AllHold(ImmutableArray<ModeCondition> conditions, ImmutableArray<ModeArgument> arguments)
    {
        foreach (var condition in conditions)
        {
            if (!condition.TryMap(arguments, null, out var left) || left is not null)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A FileMode, FileAccess or bool argument of a call: its constant value, or the parameter of the calling method it passes on.</summary>
internal readonly struct ModeArgument
{
    private readonly IParameterSymbol? _parameter;

    private ModeArgument(int ordinal, int? constant, IParameterSymbol? parameter)
    {
        Ordinal = ordinal;
        Constant = constant;
        _parameter = parameter;
    }

    /// <summary>The ordinal of the callee's parameter.</summary>
    public int Ordinal { get; }

    public int? Constant { get; }

    /// <summary>The ordinal of the parameter of <paramref name="caller"/> passed on, or null.</summary>
    public int? Forwarded(IMethodSymbol? caller) =>
        caller is not null && _parameter is not null && SymbolEqualityComparer.Default.Equals(_parameter.ContainingSymbol.OriginalDefinition, caller.OriginalDefinition)
            ? _parameter.Ordinal
            : null;

    public static bool TryFind(ImmutableArray<ModeArgument> arguments, int ordinal, out ModeArgument argument)
    {
        if (!arguments.IsDefault)
        {
            foreach (var a in arguments)
            {
                if (a.Ordinal == ordinal)
                {
                    argument = a;
                    return true;
                }
            }
        }

        argument = default;
        return false;
    }

    /// <summary>The FileMode, FileAccess and bool arguments of a bound call (default when it has none).</summary>
    public static ImmutableArray<ModeArgument> Capture(ImmutableArray<IArgumentOperation> arguments, WellKnownTypes symbols)
    {
        ImmutableArray<ModeArgument>.Builder? builder = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && argument.Value is { } value && IsModeLike(parameter.Type, symbols))
            {
                builder ??= ImmutableArray.CreateBuilder<ModeArgument>();
                builder.Add(From(parameter.Ordinal, value));
            }
        }

        return builder?.ToImmutable() ?? default;
    }

    /// <summary>The FileMode, FileAccess and bool arguments of a call rebuilt from its operation.</summary>
    public static ImmutableArray<ModeArgument> Capture(CallShape call, WellKnownTypes symbols)
    {
        ImmutableArray<ModeArgument>.Builder? builder = null;
        foreach (var parameter in call.Method.Parameters)
        {
            if (IsModeLike(parameter.Type, symbols) && call.Argument(parameter) is { } value)
            {
                builder ??= ImmutableArray.CreateBuilder<ModeArgument>();
                builder.Add(From(parameter.Ordinal, value));
            }
        }

        return builder?.ToImmutable() ?? default;
    }

    private static ModeArgument From(int ordinal, IOperation value)
    {
        if (SinkDetector.ConstantInt(value) is { } constant)
        {
            return new ModeArgument(ordinal, constant, null);
        }

        return new ModeArgument(ordinal, null, OperationHelpers.Unwrap(value) is IParameterReferenceOperation reference ? reference.Parameter : null);
    }

    private static bool IsModeLike(ITypeSymbol type, WellKnownTypes symbols) =>
        type.SpecialType == SpecialType.System_Boolean
        || (type.TypeKind == TypeKind.Enum && (SymbolEqualityComparer.Default.Equals(type, symbols.FileMode) || SymbolEqualityComparer.Default.Equals(type, symbols.FileAccess)));
}
