using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// A project's own path type (an <c>AbsolutePath</c>/<c>FilePath</c>: a type of the compilation with a conversion to
/// string, or a type named for a path with a <c>FullPath</c>/<c>Path</c>/<c>Value</c> string property) and its methods
/// that write the file the instance names (<c>settingsFile.WriteAllText(json)</c>, an extension
/// <c>path.WriteJson(value)</c>). Such a method is a wrapper whose path is the receiver: the write is inside the type,
/// and the file is the instance at the call. Recognised from the method's own syntax (no binding), once per method.
/// </summary>
internal static class PathCarriers
{
    private const int MaxDepth = 3;

    private static readonly ConditionalWeakTable<WellKnownTypes, State> States = new();

    private sealed class State
    {
        public readonly ConcurrentDictionary<INamedTypeSymbol, bool> Types = new(SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<IMethodSymbol, bool> Writers = new(SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<IMethodSymbol, (int Mode, int Access)> Openers = new(SymbolEqualityComparer.Default);
    }

    private static State For(WellKnownTypes symbols) => States.GetValue(symbols, _ => new State());

    /// <summary>A cheap filter on the called method: a method of source code named for writing or saving.</summary>
    public static bool MayBeCarrierWrite(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary
        && (method.Name.StartsWith("Write", System.StringComparison.Ordinal) || method.Name.StartsWith("Save", System.StringComparison.Ordinal))
        && (method.DeclaringSyntaxReferences.Length > 0 || IsLibraryWriteName(method.Name));

    /// <summary>A write-named method whose receiver (or, for an extension method, whose <c>this</c> parameter) is a path type.</summary>
    public static bool MayBeCarrierWrite(IMethodSymbol method, WellKnownTypes symbols)
    {
        if (!MayBeCarrierWrite(method))
        {
            return false;
        }

        var carrier = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.IsStatic ? null : method.ContainingType;
        return IsPathType(carrier as INamedTypeSymbol, symbols);
    }

    /// <summary>
    /// The whole-file write methods of a path type from a referenced library (whose body cannot be read): named like
    /// <c>File</c>'s whole-file writes, or <c>WriteJson</c>/<c>WriteXml</c>/<c>WriteYaml</c>.
    /// </summary>
    private static bool IsLibraryWriteName(string name) =>
        FileApiNames.WholeFileWrites.Contains(name) || name is "WriteJson" or "WriteJsonAsync" or "WriteXml" or "WriteXmlAsync" or "WriteYaml" or "WriteYamlAsync";

    /// <summary>
    /// The in-place write at a call of a path type's write method: the receiver (or, for an extension method, the
    /// argument given for its <c>this</c> parameter) is the path; the first other argument the content.
    /// </summary>
    public static SinkCall? Detect(CallShape call, WellKnownTypes symbols)
    {
        var method = call.Method.ReducedFrom ?? call.Method;
        if (!MayBeCarrierWrite(method))
        {
            return MayBeCarrierOpen(method) ? DetectOpen(call, method, symbols) : null;
        }

        IOperation? receiver;
        ITypeSymbol? carrier;
        if (method.IsExtensionMethod && method.Parameters.Length > 0)
        {
            carrier = method.Parameters[0].Type;
            receiver = call.Instance ?? call.Argument(method.Parameters[0]);
        }
        else if (!method.IsStatic)
        {
            carrier = method.ContainingType;
            receiver = call.Instance;
            if (receiver is null or Microsoft.CodeAnalysis.Operations.IInstanceReferenceOperation)
            {
                return null; // inside the type: the write there is judged where the instance is known.
            }
        }
        else
        {
            return null;
        }

        if (receiver is null || carrier is not INamedTypeSymbol carrierType || !IsPathType(carrierType, symbols) || !WritesReceiver(method, symbols))
        {
            return null;
        }

        IOperation? content = null;
        foreach (var parameter in method.Parameters)
        {
            if ((!method.IsExtensionMethod || parameter.Ordinal > 0) && call.Argument(parameter) is { } argument)
            {
                content = argument;
                break;
            }
        }

        return new SinkCall(SinkKind.Wrapper, carrierType.Name + "." + method.Name, receiver, content, method);
    }

    /// <summary>A cheap filter: a method of source code named <c>Open…</c> (<c>path.Open(FileMode.Create, FileAccess.Write)</c>).</summary>
    public static bool MayBeCarrierOpen(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && method.Name.StartsWith("Open", System.StringComparison.Ordinal) && method.DeclaringSyntaxReferences.Length > 0;

    /// <summary>
    /// The in-place write at a call of a path type's <c>Open…</c> method that opens the file its receiver names with the
    /// FileMode (and FileAccess) its caller passes: an in-place write when the call passes <c>Create</c>,
    /// <c>Truncate</c> or <c>OpenOrCreate</c> and an access that writes, as constants.
    /// </summary>
    private static SinkCall? DetectOpen(CallShape call, IMethodSymbol method, WellKnownTypes symbols) =>
        OpenInPlace(call, method, symbols) is { } found ? new SinkCall(SinkKind.Wrapper, found.Carrier.Name + "." + method.Name, found.Receiver, null, method) : null;

    /// <summary>
    /// At a call of a path type's <c>Open…</c> method (see <see cref="DetectOpen"/>) that writes in place: the receiver,
    /// the path type and the constant FileMode the call passes; otherwise null.
    /// </summary>
    public static (IOperation Receiver, INamedTypeSymbol Carrier, int Mode)? OpenInPlace(CallShape call, IMethodSymbol method, WellKnownTypes symbols)
    {
        if (!MayBeCarrierOpen(method) || Receiver(call, method) is not { } found || !IsPathType(found.Carrier, symbols))
        {
            return null;
        }

        var (modeOrdinal, accessOrdinal) = For(symbols).Openers.GetOrAdd(method.OriginalDefinition, ComputeOpener);
        if (modeOrdinal < 0
            || ConstantArgument(call, method.Parameters[modeOrdinal]) is not { } mode || !SinkDetector.IsInPlaceMode(mode))
        {
            return null;
        }

        if (accessOrdinal >= 0 && (ConstantArgument(call, method.Parameters[accessOrdinal]) is not { } access || !SinkDetector.IsWriteAccess(access)))
        {
            return null;
        }

        return (found.Receiver, found.Carrier, mode);
    }

    /// <summary>The receiver of a call of a path type's method and the type, or null when the call is inside the type.</summary>
    private static (IOperation Receiver, INamedTypeSymbol Carrier)? Receiver(CallShape call, IMethodSymbol method)
    {
        if (method.IsExtensionMethod && method.Parameters.Length > 0)
        {
            return (call.Instance ?? call.Argument(method.Parameters[0])) is { } argument && method.Parameters[0].Type is INamedTypeSymbol type ? (argument, type) : null;
        }

        return !method.IsStatic && call.Instance is { } instance and not Microsoft.CodeAnalysis.Operations.IInstanceReferenceOperation ? (instance, method.ContainingType) : null;
    }

    /// <summary>The constant enum value passed for a parameter, or its default when the call leaves it out.</summary>
    private static int? ConstantArgument(CallShape call, IParameterSymbol parameter)
    {
        if (call.Argument(parameter) is { } argument)
        {
            return OperationHelpers.Unwrap(argument).ConstantValue is { HasValue: true, Value: int value } ? value : null;
        }

        return parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is int fallback ? fallback : null;
    }

    /// <summary>
    /// The ordinals of the FileMode and FileAccess parameters (-1 when absent) that an <c>Open…</c> method of a path type
    /// passes, with the file its receiver names, to <c>File.Open</c> or <c>new FileStream</c> (by its own syntax).
    /// </summary>
    private static (int Mode, int Access) ComputeOpener(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
            || ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is not { } body)
        {
            return (-1, -1);
        }

        var receiverNames = new HashSet<string>(System.StringComparer.Ordinal);
        var carrier = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type as INamedTypeSymbol : method.ContainingType;
        if (method.IsExtensionMethod && method.Parameters.Length > 0)
        {
            receiverNames.Add(method.Parameters[0].Name);
        }

        var memberNames = StringMembers(carrier);
        foreach (var node in body.DescendantNodesAndSelf())
        {
            var arguments = node switch
            {
                InvocationExpressionSyntax invocation when InPlaceWriteEngine.CalledName(invocation) == "Open"
                    && invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "File" } } => invocation.ArgumentList,
                BaseObjectCreationExpressionSyntax creation when InPlaceWriteEngine.CalledName(creation) == "FileStream" => creation.ArgumentList,
                _ => null,
            };
            if (arguments is not { Arguments.Count: >= 2 } || !NamesReceiver(arguments.Arguments[0].Expression, receiverNames, memberNames, !method.IsStatic))
            {
                continue;
            }

            var mode = ParameterNamed(method, arguments.Arguments[1].Expression, "FileMode");
            var access = arguments.Arguments.Count > 2 ? ParameterNamed(method, arguments.Arguments[2].Expression, "FileAccess") : -1;
            if (mode >= 0)
            {
                return (mode, access);
            }
        }

        return (-1, -1);
    }

    /// <summary>The ordinal of the parameter of that enum type that the expression names, or -1.</summary>
    private static int ParameterNamed(IMethodSymbol method, ExpressionSyntax expression, string typeName)
    {
        if (expression is IdentifierNameSyntax identifier)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == identifier.Identifier.ValueText && parameter.Type.Name == typeName)
                {
                    return parameter.Ordinal;
                }
            }
        }

        return -1;
    }

    /// <summary>The instance string fields and properties of a path type and of its base types in the program.</summary>
    private static HashSet<string> StringMembers(INamedTypeSymbol? carrier)
    {
        var memberNames = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = carrier; current is { SpecialType: SpecialType.None, DeclaringSyntaxReferences.Length: > 0 }; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String } or IFieldSymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String })
                {
                    memberNames.Add(member.Name);
                }
            }
        }

        return memberNames;
    }

    /// <summary>
    /// True for a type of the compilation that stands for a path: it converts to string, or it is named for a path
    /// (<c>*Path*</c>) and has a string property that says only "a path" (<c>FullPath</c>, <c>Path</c>, <c>Value</c>) or
    /// overrides <c>ToString()</c>; the conversion, property or override may be inherited from a base type of the program.
    /// </summary>
    public static bool IsPathType(INamedTypeSymbol? type, WellKnownTypes symbols)
    {
        if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return false;
        }

        return For(symbols).Types.GetOrAdd(type.OriginalDefinition, ComputeIsPathType);
    }

    private static bool ComputeIsPathType(INamedTypeSymbol type)
    {
        var namedForPath = type.Name.IndexOf("Path", System.StringComparison.Ordinal) >= 0;
        if (type.DeclaringSyntaxReferences.Length == 0 && (!namedForPath || type.ContainingNamespace is { Name: "IO", ContainingNamespace.Name: "System" }))
        {
            return false; // a library type counts only when named for a path (Nuke's AbsolutePath), and never System.IO's own.
        }

        // The conversion or the path property may come from a base type of the program (FilePath : FileSystemPath).
        for (var current = type; current is { SpecialType: SpecialType.None }; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Conversion, ReturnType.SpecialType: SpecialType.System_String }:
                        return true;
                    case IPropertySymbol { Type.SpecialType: SpecialType.System_String, IsStatic: false } property
                        when namedForPath && property.Name is "FullPath" or "Path" or "Value" or "FullName" or "FilePath":
                        return true;
                    case IMethodSymbol { Name: "ToString", IsOverride: true, Parameters.Length: 0 } when namedForPath:
                        return true; // a path type that prints as its path
                }
            }

            if (current.BaseType is { DeclaringSyntaxReferences.Length: 0 })
            {
                break; // a library base type (object, a framework class) holds no path of the program's.
            }
        }

        return false;
    }

    /// <summary>
    /// True when the method (by its own syntax) writes the file its receiver names: a file write whose path is
    /// <c>this</c>, the receiver parameter of an extension method, or their string members; or a call of another write
    /// method on the same receiver that does (up to <see cref="MaxDepth"/> calls).
    /// </summary>
    private static bool WritesReceiver(IMethodSymbol method, WellKnownTypes symbols) =>
        method.DeclaringSyntaxReferences.Length == 0
            ? IsLibraryWriteName(method.Name)
            : For(symbols).Writers.GetOrAdd(method.OriginalDefinition, m => ComputeWritesReceiver(m, symbols, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { m }, 0));

    private static bool WritesReceiver(IMethodSymbol method, WellKnownTypes symbols, HashSet<IMethodSymbol> visiting, int depth)
    {
        var definition = method.OriginalDefinition;
        if (For(symbols).Writers.TryGetValue(definition, out var known))
        {
            return known;
        }

        return depth <= MaxDepth && visiting.Add(definition) && ComputeWritesReceiver(definition, symbols, visiting, depth);
    }

    private static bool ComputeWritesReceiver(IMethodSymbol method, WellKnownTypes symbols, HashSet<IMethodSymbol> visiting, int depth)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null)
        {
            return false;
        }

        // The names that stand for the receiver's path.
        var receiverNames = new HashSet<string>(System.StringComparer.Ordinal);
        INamedTypeSymbol? carrier;
        if (method.IsExtensionMethod && method.Parameters.Length > 0)
        {
            receiverNames.Add(method.Parameters[0].Name);
            carrier = method.Parameters[0].Type as INamedTypeSymbol;
        }
        else
        {
            carrier = method.ContainingType;
        }

        // The string members of the carrier and of its base types in the program: the path may be inherited.
        var memberNames = StringMembers(carrier);

        var instance = !method.IsStatic;
        foreach (var node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                {
                    var name = InPlaceWriteEngine.CalledName(invocation);
                    if (name is null)
                    {
                        break;
                    }

                    // Another write method on the same receiver: WriteAllText(text) inside the type, path.WriteAllText(text) in an extension.
                    var onReceiver = invocation.Expression switch
                    {
                        IdentifierNameSyntax => instance,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => instance,
                        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } => receiverNames.Contains(target.Identifier.ValueText),
                        _ => false,
                    };
                    if (onReceiver && (name.StartsWith("Write", System.StringComparison.Ordinal) || name.StartsWith("Save", System.StringComparison.Ordinal))
                        && CalledOnCarrier(method, carrier, name, symbols, visiting, depth))
                    {
                        return true;
                    }

                    if (IsFileWriteName(invocation, name) && invocation.ArgumentList.Arguments.Count > 0 && !OpensWithoutOverwriting(invocation.ArgumentList)
                        && NamesReceiver(invocation.ArgumentList.Arguments[0].Expression, receiverNames, memberNames, instance))
                    {
                        return true;
                    }

                    break;
                }

                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { Arguments.Count: > 0 } arguments
                    && InPlaceWriteEngine.CalledName(creation) is "FileStream" or "StreamWriter" or "XmlTextWriter"
                    && !OpensWithoutOverwriting(arguments) && !AppendsWithTrue(arguments)
                    && NamesReceiver(arguments.Arguments[0].Expression, receiverNames, memberNames, instance):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A write method of that name on the carrier: an instance method of it, or an extension method of the caller's static class.</summary>
    private static bool CalledOnCarrier(IMethodSymbol caller, INamedTypeSymbol? carrier, string name, WellKnownTypes symbols, HashSet<IMethodSymbol> visiting, int depth)
    {
        if (carrier is not null && CalledIn(carrier, caller, name, extension: false, symbols, visiting, depth))
        {
            return true;
        }

        return caller.IsExtensionMethod && caller.ContainingType is { } owner && CalledIn(owner, caller, name, extension: true, symbols, visiting, depth);
    }

    private static bool CalledIn(INamedTypeSymbol owner, IMethodSymbol caller, string name, bool extension, WellKnownTypes symbols, HashSet<IMethodSymbol> visiting, int depth)
    {
        foreach (var member in owner.GetMembers(name))
        {
            if (member is IMethodSymbol callee && !SymbolEqualityComparer.Default.Equals(callee, caller)
                && (extension ? callee.IsExtensionMethod : !callee.IsStatic) && WritesReceiver(callee, symbols, visiting, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A whole-file write (any receiver), <c>File.Create</c>/<c>CreateText</c>/<c>OpenWrite</c>/<c>Open</c>, <c>XmlWriter.Create</c> or an XML <c>Save</c>.</summary>
    private static bool IsFileWriteName(InvocationExpressionSyntax invocation, string name)
    {
        if (FileApiNames.WholeFileWrites.Contains(name) && invocation.Expression is MemberAccessExpressionSyntax)
        {
            return true;
        }

        var receiver = invocation.Expression is MemberAccessExpressionSyntax access
            ? access.Expression switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            }
            : null;
        return (receiver == "File" && name is "Create" or "CreateText" or "OpenWrite" or "Open")
            || (receiver == "XmlWriter" && name == "Create")
            || (name == "Save" && receiver is not null);
    }

    /// <summary>The path expression is the receiver: <c>this</c>, the extension's parameter, a string member of either, or a conversion or <c>ToString()</c> of them.</summary>
    private static bool NamesReceiver(ExpressionSyntax expression, HashSet<string> receiverNames, HashSet<string> memberNames, bool instance)
    {
        for (var i = 0; i < 4; i++)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax toString, ArgumentList.Arguments.Count: 0 }
                    when toString.Name.Identifier.ValueText is "ToString" || toString.Name.Identifier.ValueText.IndexOf("Path", System.StringComparison.Ordinal) >= 0:
                    // ToString() or a path-named conversion (ToNativePath(), GetFullPath()) of the receiver.
                    expression = toString.Expression;
                    continue;
                case ThisExpressionSyntax:
                    return instance;
                case IdentifierNameSyntax identifier:
                    return receiverNames.Contains(identifier.Identifier.ValueText) || (instance && memberNames.Contains(identifier.Identifier.ValueText));
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var thisMember }:
                    return instance && memberNames.Contains(thisMember.Identifier.ValueText);
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: var ownerMember }:
                    return receiverNames.Contains(owner.Identifier.ValueText) && memberNames.Contains(ownerMember.Identifier.ValueText);
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>An argument <c>FileMode.Open</c>, <c>Append</c> or <c>CreateNew</c>: the call reads, appends or creates.</summary>
    private static bool OpensWithoutOverwriting(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "FileMode" }, Name.Identifier.ValueText: "Open" or "Append" or "CreateNew" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>new StreamWriter(path, true)</c>: an append.</summary>
    private static bool AppendsWithTrue(ArgumentListSyntax arguments) =>
        arguments.Arguments.Count > 1 && arguments.Arguments[1].Expression.IsKind(SyntaxKind.TrueLiteralExpression);
}
