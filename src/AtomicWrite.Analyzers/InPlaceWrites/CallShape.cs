namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// A call (method or constructor) with its arguments mapped to parameters. Built from a bound invocation or
/// object creation, or, for code with errors, from the single overload candidate of an invalid operation.
/// </summary>
/// <param name="Operation">The invocation / object creation (or invalid operation).</param>
/// <param name="Method">The method or constructor called.</param>
/// <param name="Instance">The receiver of an instance call, if any.</param>
/// <param name="Arguments">The argument values, each with the parameter it is passed for.</param>
internal sealed record CallShape(IOperation Operation, IMethodSymbol Method, IOperation? Instance, ImmutableArray<KeyValuePair<IParameterSymbol, IOperation>> Arguments)
{
    /// <summary>The argument value passed for the parameter named <paramref name="name"/>, or null.</summary>
    public IOperation? Argument(string name)
    {
        foreach (var pair in Arguments)
        {
            if (pair.Key.Name == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>The argument value passed for <paramref name="parameter"/> (matched by ordinal), or null.</summary>
    public IOperation? Argument(IParameterSymbol parameter)
    {
        foreach (var pair in Arguments)
        {
            if (pair.Key.Ordinal == parameter.Ordinal)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>True when a parameter named <paramref name="name"/> exists.</summary>
    public bool HasParameter(string name)
    {
        foreach (var p in Method.Parameters)
        {
            if (p.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds the shape of an operation, or returns null.</summary>
    public static CallShape? From(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return new CallShape(operation, invocation.TargetMethod, invocation.Instance, Map(invocation.Arguments));
            case IObjectCreationOperation creation when creation.Constructor is not null:
                return new CallShape(operation, creation.Constructor, null, Map(creation.Arguments));
            case IInvalidOperation invalid:
                return FromInvalid(invalid);
            default:
                return null;
        }
    }

    private static ImmutableArray<KeyValuePair<IParameterSymbol, IOperation>> Map(ImmutableArray<IArgumentOperation> arguments)
    {
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<IParameterSymbol, IOperation>>(arguments.Length);
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not null && argument.Value is not null)
            {
                builder.Add(new KeyValuePair<IParameterSymbol, IOperation>(argument.Parameter, argument.Value));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Code with errors (the IDE case): the call did not bind, but the method may still be known from its candidates.
    /// Arguments are then mapped from syntax: named arguments by name, others by their place in the list.
    /// </summary>
    private static CallShape? FromInvalid(IInvalidOperation invalid)
    {
        var model = invalid.SemanticModel;
        if (model is null)
        {
            return null;
        }

        ArgumentListSyntax? argumentList;
        ExpressionSyntax? receiver = null;
        switch (invalid.Syntax)
        {
            case InvocationExpressionSyntax invocation:
                argumentList = invocation.ArgumentList;
                if (invocation.Expression is MemberAccessExpressionSyntax access)
                {
                    receiver = access.Expression;
                }

                break;
            case BaseObjectCreationExpressionSyntax creation:
                argumentList = creation.ArgumentList;
                break;
            default:
                return null;
        }

        if (argumentList is null)
        {
            return null;
        }

        var info = model.GetSymbolInfo(invalid.Syntax);
        var method = Choose(info, argumentList.Arguments.Count) ?? WithoutSystemIOImport(model, invalid.Syntax, argumentList);
        if (method is null)
        {
            return null;
        }

        if (info.Symbol is null && PathFirstOverload(model, method, argumentList) is { } pathFirst)
        {
            method = pathFirst;
        }

        IOperation? instance = null;
        if (receiver is not null && !method.IsStatic && method.MethodKind != MethodKind.Constructor)
        {
            instance = model.GetOperation(receiver);
        }

        var builder = ImmutableArray.CreateBuilder<KeyValuePair<IParameterSymbol, IOperation>>();
        var arguments = argumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var parameter = ParameterOf(method, argument, i);
            var value = model.GetOperation(argument.Expression);
            if (parameter is not null && value is not null)
            {
                builder.Add(new KeyValuePair<IParameterSymbol, IOperation>(parameter, value));
            }
        }

        return new CallShape(invalid, method, instance, builder.ToImmutable());
    }

    /// <summary>
    /// <c>File.WriteAllText(...)</c>, <c>new FileStream(...)</c> or <c>new StreamWriter(...)</c> in a file where the name
    /// <c>File</c>, <c>FileStream</c> or <c>StreamWriter</c> binds to nothing at all (no <c>using System.IO;</c> yet, or a
    /// compilation without the SDK's implicit usings): the System.IO member of that name whose parameters fit the
    /// arguments. A name that binds to something else (a type of the project) is left alone.
    /// </summary>
    private static IMethodSymbol? WithoutSystemIOImport(SemanticModel model, SyntaxNode syntax, ArgumentListSyntax argumentList)
    {
        IdentifierNameSyntax? name;
        string? memberName;
        switch (syntax)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "File" } receiver } access }:
                name = receiver;
                memberName = access.Name.Identifier.ValueText;
                break;
            case ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "FileStream" or "StreamWriter" } type }:
                name = type;
                memberName = null;
                break;
            default:
                return null;
        }

        var nameInfo = model.GetSymbolInfo(name);
        if (nameInfo.Symbol is not null || !nameInfo.CandidateSymbols.IsEmpty
            || model.Compilation.GetTypeByMetadataName("System.IO." + name.Identifier.ValueText) is not { } ioType)
        {
            return null;
        }

        IMethodSymbol? best = null;
        foreach (var member in memberName is null ? ioType.InstanceConstructors.CastArray<ISymbol>() : ioType.GetMembers(memberName))
        {
            if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } candidate && Fits(model, candidate, argumentList)
                && (best is null || candidate.Parameters.Length < best.Parameters.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>
    /// A System.IO overload that takes a path first, when overload resolution failed on another one although the first
    /// argument is a string (<c>new StreamWriter(path, false, encoding)</c> with an encoding of an unknown type is
    /// tried as <c>StreamWriter(Stream, Encoding, int)</c>): the overload of the same name with the fewest parameters
    /// that the arguments fit. Null when the candidate already takes a path, or the first argument is not a string.
    /// </summary>
    private static IMethodSymbol? PathFirstOverload(SemanticModel model, IMethodSymbol method, ArgumentListSyntax argumentList)
    {
        if (method.ContainingType is not { } type || type.ContainingNamespace?.ToDisplayString() != "System.IO"
            || (method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            || argumentList.Arguments.Count == 0 || argumentList.Arguments[0].NameColon is not null
            || model.GetTypeInfo(argumentList.Arguments[0].Expression).Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        IMethodSymbol? best = null;
        foreach (var member in method.MethodKind == MethodKind.Constructor ? type.InstanceConstructors.CastArray<ISymbol>() : type.GetMembers(method.Name))
        {
            if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public, Parameters: { Length: > 0 } parameters } candidate
                && parameters[0].Type.SpecialType == SpecialType.System_String && Fits(model, candidate, argumentList)
                && (best is null || parameters.Length < best.Parameters.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The arguments fit the parameters: by name or place, and by type where the argument's type is known.</summary>
    private static bool Fits(SemanticModel model, IMethodSymbol method, ArgumentListSyntax argumentList)
    {
        var arguments = argumentList.Arguments;
        if (arguments.Count > method.Parameters.Length)
        {
            return false;
        }

        var given = new bool[method.Parameters.Length];
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (ParameterOf(method, argument, i) is not { } parameter)
            {
                return false;
            }

            var index = parameter.Ordinal;
            given[index] = true;
            var type = model.GetTypeInfo(argument.Expression).Type;
            if (type is not null && type.TypeKind != TypeKind.Error
                && !model.Compilation.ClassifyCommonConversion(type, method.Parameters[index].Type).IsImplicit)
            {
                return false;
            }
        }

        for (var j = 0; j < given.Length; j++)
        {
            if (!given[j] && !method.Parameters[j].IsOptional && !method.Parameters[j].IsParams)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parameter an argument at <paramref name="position"/> goes to: by its name when it has one, else by its place.</summary>
    private static IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentSyntax argument, int position)
    {
        if (argument.NameColon is { } nameColon)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        return position < method.Parameters.Length ? method.Parameters[position] : null;
    }

    /// <summary>
    /// True when a candidate with <paramref name="length"/> parameters fits <paramref name="argumentCount"/> arguments
    /// better than the best so far: the fewest parameters that take every argument, or, when none does (an overload
    /// of another framework, such as .NET Framework's <c>File.Create(path, size, options, security)</c>), the most.
    /// </summary>
    private static bool Fits(int length, int bestLength, int argumentCount) =>
        length >= argumentCount
            ? bestLength < argumentCount || length < bestLength
            : bestLength < argumentCount && length > bestLength;

    private static IMethodSymbol? Choose(SymbolInfo info, int argumentCount)
    {
        if (info.Symbol is IMethodSymbol bound)
        {
            return bound;
        }

        IMethodSymbol? best = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol m)
            {
                continue;
            }

            if (best is not null && (best.Name != m.Name || !SymbolEqualityComparer.Default.Equals(best.ContainingType, m.ContainingType)))
            {
                return null; // candidates from unrelated methods: too unsure.
            }

            if (best is null || Fits(m.Parameters.Length, best.Parameters.Length, argumentCount))
            {
                best = m;
            }
        }

        return best;
    }
}
