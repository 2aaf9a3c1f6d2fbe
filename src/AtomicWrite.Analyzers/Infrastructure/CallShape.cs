using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers;

/// <summary>
/// A call (method or constructor) with its arguments mapped to parameters. Built from a bound invocation or
/// object creation, or, for code with errors, from the single overload candidate of an invalid operation.
/// </summary>
internal sealed class CallShape
{
    private readonly ImmutableArray<KeyValuePair<IParameterSymbol, IOperation>> _arguments;

    private CallShape(IOperation operation, IMethodSymbol method, IOperation? instance, ImmutableArray<KeyValuePair<IParameterSymbol, IOperation>> arguments)
    {
        Operation = operation;
        Method = method;
        Instance = instance;
        _arguments = arguments;
    }

    /// <summary>The invocation / object creation (or invalid operation).</summary>
    public IOperation Operation { get; }

    /// <summary>The method or constructor called.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The receiver of an instance call, if any.</summary>
    public IOperation? Instance { get; }

    /// <summary>The argument value passed for the parameter named <paramref name="name"/>, or null.</summary>
    public IOperation? Argument(string name)
    {
        foreach (var pair in _arguments)
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
        foreach (var pair in _arguments)
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
        var method = Choose(info, argumentList.Arguments.Count);
        if (method is null)
        {
            return null;
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
            IParameterSymbol? parameter = null;
            if (argument.NameColon is not null)
            {
                var name = argument.NameColon.Name.Identifier.ValueText;
                foreach (var p in method.Parameters)
                {
                    if (p.Name == name)
                    {
                        parameter = p;
                        break;
                    }
                }
            }
            else if (i < method.Parameters.Length)
            {
                parameter = method.Parameters[i];
            }

            var value = model.GetOperation(argument.Expression);
            if (parameter is not null && value is not null)
            {
                builder.Add(new KeyValuePair<IParameterSymbol, IOperation>(parameter, value));
            }
        }

        return new CallShape(invalid, method, instance, builder.ToImmutable());
    }

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

            if (best is null || (m.Parameters.Length >= argumentCount && (best.Parameters.Length < argumentCount || m.Parameters.Length < best.Parameters.Length)))
            {
                best = m;
            }
        }

        return best;
    }
}
