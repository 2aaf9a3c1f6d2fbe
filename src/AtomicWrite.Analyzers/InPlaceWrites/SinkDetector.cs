using AtomicWrite.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>Recognises the framework and System.IO.Abstractions calls that overwrite a file in place.</summary>
internal static class SinkDetector
{
    // System.IO.FileMode / FileAccess values. CreateNew (1), Open (3) and Append (6) never overwrite.
    private const int ModeCreate = 2;
    private const int ModeOpenOrCreate = 4;
    private const int ModeTruncate = 5;
    private const int AccessRead = 1;

    /// <summary>True for the FileMode values that truncate or overwrite: Create, Truncate, OpenOrCreate.</summary>
    public static bool IsInPlaceMode(int mode) => mode == ModeCreate || mode == ModeTruncate || mode == ModeOpenOrCreate;

    /// <summary>True for a FileAccess value that can write (Write, ReadWrite).</summary>
    public static bool IsWriteAccess(int access) => access != AccessRead;

    /// <summary>
    /// A cheap pre-filter on the called method alone (no allocation): false when <see cref="Detect"/> can only
    /// return null for it. Runs for every call of the compilation, so it looks at the name before anything else.
    /// </summary>
    public static bool MayBeSink(IMethodSymbol method, WellKnownTypes symbols)
    {
        if (method.MethodKind == MethodKind.Constructor)
        {
            var type = method.ContainingType;
            return type is not null
                && (SymbolEqualityComparer.Default.Equals(type, symbols.FileStream) || SymbolEqualityComparer.Default.Equals(type, symbols.StreamWriter));
        }

        return IsSinkName(method.Name);
    }

    /// <summary>True for the names of the methods <see cref="Detect"/> recognises (any type).</summary>
    public static bool IsSinkName(string name) => FileApiNames.IsSinkMethod(name);

    /// <summary>Returns the sink call for a framework or abstraction sink, or null.</summary>
    public static SinkCall? Detect(CallShape call, WellKnownTypes symbols)
    {
        var method = call.Method;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            return DetectConstructor(call, type, symbols);
        }

        if (symbols.File is not null && SymbolEqualityComparer.Default.Equals(type, symbols.File))
        {
            return DetectFileMethod(call, SinkKind.WholeFile, "File");
        }

        if (symbols.FileInfo is not null && WellKnownTypes.IsOrInherits(type, symbols.FileInfo))
        {
            return DetectFileInfoMethod(call, "FileInfo", SinkKind.Stream);
        }

        switch (method.Name)
        {
            case "Save":
                if (WellKnownTypes.IsOrInherits(type, symbols.XDocument) || WellKnownTypes.IsOrInherits(type, symbols.XElement) || WellKnownTypes.IsOrInherits(type, symbols.XmlDocument))
                {
                    // Only Save(string ...): Save(Stream) / Save(TextWriter) write to something the caller opened.
                    if (method.Parameters.Length >= 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
                    {
                        return new SinkCall(SinkKind.XmlSave, type.Name + ".Save", call.Argument(method.Parameters[0]), call.Instance, method);
                    }
                }

                return null;
        }

        if (WellKnownTypes.IsAbstractionsNamespace(type.ContainingNamespace) || symbols.InAbstractionsFamily(type))
        {
            return DetectAbstraction(call, type, symbols);
        }

        return null;
    }

    private static SinkCall? DetectAbstraction(CallShape call, INamedTypeSymbol type, WellKnownTypes symbols)
    {
        if (WellKnownTypes.IsAbstraction(type, symbols.AbstractionsFile, "IFile"))
        {
            return DetectFileMethod(call, SinkKind.Abstraction, "IFile");
        }

        if (WellKnownTypes.IsAbstraction(type, symbols.AbstractionsFileInfo, "IFileInfo"))
        {
            return DetectFileInfoMethod(call, "IFileInfo", SinkKind.Abstraction);
        }

        if (WellKnownTypes.IsAbstraction(type, symbols.AbstractionsFileStreamFactory, "IFileStreamFactory")
            && (call.Method.Name == "New" || call.Method.Name == "Create"))
        {
            var path = call.Argument("path");
            if (path is null || path.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            return WritesInPlace(call, "mode", "access", "options") ? new SinkCall(SinkKind.Abstraction, "IFileStreamFactory." + call.Method.Name, path, null, call.Method) : null;
        }

        return null;
    }

    private static SinkCall? DetectFileMethod(CallShape call, SinkKind wholeFileKind, string typeName)
    {
        var method = call.Method;
        var path = call.Argument("path");
        if (path is null)
        {
            return null;
        }

        var abstraction = wholeFileKind == SinkKind.Abstraction;
        var api = typeName + "." + method.Name;
        switch (method.Name)
        {
            case "WriteAllText":
            case "WriteAllTextAsync":
            case "WriteAllLines":
            case "WriteAllLinesAsync":
                return new SinkCall(wholeFileKind, api, path, call.Argument("contents"), method);
            case "WriteAllBytes":
            case "WriteAllBytesAsync":
                return new SinkCall(wholeFileKind, api, path, call.Argument("bytes"), method);
            case "Create":
            case "OpenWrite":
                return new SinkCall(abstraction ? SinkKind.Abstraction : SinkKind.Stream, api, path, null, method);
            case "CreateText":
                return new SinkCall(abstraction ? SinkKind.Abstraction : SinkKind.Writer, api, path, null, method);
            case "Open":
            case "OpenHandle":
                return WritesInPlace(call, "mode", "access", "options")
                    ? new SinkCall(abstraction ? SinkKind.Abstraction : SinkKind.Stream, api, path, null, method)
                    : null;
            default:
                return null;
        }
    }

    private static SinkCall? DetectFileInfoMethod(CallShape call, string typeName, SinkKind kind)
    {
        var method = call.Method;
        if (method.IsStatic || call.Instance is null)
        {
            return null;
        }

        var api = typeName + "." + method.Name;
        switch (method.Name)
        {
            case "Create":
            case "OpenWrite":
                return method.Parameters.Length == 0 ? new SinkCall(kind, api, call.Instance, null, method) : null;
            case "CreateText":
                return method.Parameters.Length == 0
                    ? new SinkCall(kind == SinkKind.Abstraction ? kind : SinkKind.Writer, api, call.Instance, null, method)
                    : null;
            case "Open":
                return WritesInPlace(call, "mode", "access", "options") ? new SinkCall(kind, api, call.Instance, null, method) : null;
            default:
                return null;
        }
    }

    private static SinkCall? DetectConstructor(CallShape call, INamedTypeSymbol type, WellKnownTypes symbols)
    {
        if (symbols.FileStream is not null && SymbolEqualityComparer.Default.Equals(type, symbols.FileStream))
        {
            var path = call.Argument("path");
            if (path is null || call.Method.Parameters.Length == 0 || call.Method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            return WritesInPlace(call, "mode", "access", "options") ? new SinkCall(SinkKind.Stream, "new FileStream", path, null, call.Method) : null;
        }

        if (symbols.StreamWriter is not null && SymbolEqualityComparer.Default.Equals(type, symbols.StreamWriter))
        {
            var path = call.Argument("path");
            if (path is null || path.Type?.SpecialType != SpecialType.System_String && call.Method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (call.HasParameter("options"))
            {
                return WritesInPlace(call, "mode", "access", "options") ? new SinkCall(SinkKind.Writer, "new StreamWriter", path, null, call.Method) : null;
            }

            var append = call.Argument("append");
            if (append is not null)
            {
                // Only a known false overwrites; true appends, and an unknown value is left alone.
                if (!(append.ConstantValue.HasValue && append.ConstantValue.Value is bool b && !b))
                {
                    return null;
                }
            }

            return new SinkCall(SinkKind.Writer, "new StreamWriter", path, null, call.Method);
        }

        return null;
    }

    /// <summary>
    /// A <c>File.Open</c>, <c>new FileStream(path, mode, ...)</c> or <c>FileInfo.Open</c> call whose FileMode or
    /// FileAccess argument is not a constant (so <see cref="Detect"/> does not take it), with the two arguments: the
    /// wrapper index decides whether they are parameters of the enclosing method. Null for other calls, for a
    /// constant access that only reads, and for modes given through FileStreamOptions.
    /// </summary>
    public static SinkCall? DetectForwardedMode(CallShape call, WellKnownTypes symbols, out IOperation? mode, out IOperation? access)
    {
        mode = null;
        access = null;
        var method = call.Method;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        SinkCall? sink = null;
        if (method.MethodKind == MethodKind.Constructor)
        {
            if (symbols.FileStream is not null && SymbolEqualityComparer.Default.Equals(type, symbols.FileStream)
                && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String && call.Argument("path") is { } path)
            {
                sink = new SinkCall(SinkKind.Stream, "new FileStream", path, null, method);
            }
        }
        else if (method.Name == "Open")
        {
            if (symbols.File is not null && SymbolEqualityComparer.Default.Equals(type, symbols.File) && call.Argument("path") is { } path)
            {
                sink = new SinkCall(SinkKind.Stream, "File.Open", path, null, method);
            }
            else if (symbols.FileInfo is not null && !method.IsStatic && call.Instance is not null && WellKnownTypes.IsOrInherits(type, symbols.FileInfo))
            {
                sink = new SinkCall(SinkKind.Stream, "FileInfo.Open", call.Instance, null, method);
            }
        }

        mode = sink is null ? null : call.Argument("mode");
        if (mode is null)
        {
            return null;
        }

        access = call.Argument("access");
        var constantAccess = access is null ? null : ConstantInt(access);
        if ((ConstantInt(mode) is not null && (access is null || constantAccess is not null)) || (constantAccess is { } a && !IsWriteAccess(a)))
        {
            return null; // constant: Detect's case; or a read.
        }

        return sink;
    }

    /// <summary>
    /// True when the call's FileMode (from the mode parameter, or from a FileStreamOptions argument) truncates or
    /// overwrites (Create, Truncate, OpenOrCreate) and its access includes writing.
    /// </summary>
    private static bool WritesInPlace(CallShape call, string modeName, string accessName, string optionsName)
    {
        int? mode = null;
        int? access = null;
        var modeArgument = call.Argument(modeName);
        if (modeArgument is not null)
        {
            mode = ConstantInt(modeArgument);
            var accessArgument = call.Argument(accessName);
            if (accessArgument is not null)
            {
                access = ConstantInt(accessArgument);
                if (access is null)
                {
                    return false;
                }
            }
        }
        else
        {
            var options = call.Argument(optionsName);
            if (options is null || !ReadOptions(options, out mode, out access))
            {
                return false;
            }

            access ??= AccessRead; // FileStreamOptions.Access defaults to Read.
        }

        if (mode is null)
        {
            return false;
        }

        if (mode != ModeCreate && mode != ModeTruncate && mode != ModeOpenOrCreate)
        {
            return false; // CreateNew, Open, Append.
        }

        // Without an access argument FileStream / File.Open use ReadWrite (Write for Append). File.OpenHandle
        // defaults to Read (its default value is passed as an implicit argument and seen above).
        return access is null || access.Value != AccessRead;
    }

    private static bool ReadOptions(IOperation options, out int? mode, out int? access)
    {
        mode = null;
        access = null;
        var value = OperationHelpers.Unwrap(options);
        if (value is ILocalReferenceOperation local)
        {
            value = OperationHelpers.Unwrap(OperationTracing.LocalInitializer(local) ?? value);
        }

        if (value is not IObjectCreationOperation { Initializer: { } initializer })
        {
            return false;
        }

        foreach (var init in initializer.Initializers)
        {
            if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                if (property.Property.Name == "Mode")
                {
                    mode = ConstantInt(assignment.Value);
                }
                else if (property.Property.Name == "Access")
                {
                    access = ConstantInt(assignment.Value);
                    if (access is null)
                    {
                        return false;
                    }
                }
            }
        }

        return mode is not null;
    }

    /// <summary>
    /// <c>FileMode.Create</c> or <c>FileAccess.Write</c> where the enum's name binds to nothing (System.IO not
    /// imported): the value it has in System.IO.
    /// </summary>
    private static int? UnboundEnumValue(IOperation operation)
    {
        if (operation is not IInvalidOperation
            || operation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax
            {
                Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "FileMode" or "FileAccess" } enumName,
                Name.Identifier.ValueText: var member,
            })
        {
            return null;
        }

        // The value the compilation's own System.IO enum gives that member.
        if (operation.SemanticModel?.Compilation.GetTypeByMetadataName("System.IO." + enumName.Identifier.ValueText) is { } enumType)
        {
            foreach (var field in enumType.GetMembers(member))
            {
                if (field is IFieldSymbol { HasConstantValue: true, ConstantValue: int value })
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>The constant integer (enum or bool) value of an operation, or null.</summary>
    public static int? ConstantInt(IOperation operation)
    {
        var constant = operation.ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            return UnboundEnumValue(operation);
        }

        try
        {
            return System.Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Exception e) when (e is System.FormatException || e is System.InvalidCastException || e is System.OverflowException)
        {
            return null;
        }
    }
}
