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
                && (SymbolEqualityComparer.Default.Equals(type, symbols.FileStream) || SymbolEqualityComparer.Default.Equals(type, symbols.StreamWriter)
                    || SymbolEqualityComparer.Default.Equals(type, symbols.XmlTextWriter));
        }

        return IsSinkName(method.Name) || PathCarriers.MayBeCarrierWrite(method, symbols);
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

        if (PathCarriers.Detect(call, symbols) is { } carrierWrite)
        {
            return carrierWrite;
        }

        switch (method.Name)
        {
            case "Create" when symbols.XmlWriter is not null && SymbolEqualityComparer.Default.Equals(type, symbols.XmlWriter):
                // XmlWriter.Create(string outputFileName, ...) opens the file with FileMode.Create, like new StreamWriter(path).
                return method.Parameters.Length >= 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                    ? new SinkCall(SinkKind.Writer, "XmlWriter.Create", call.Argument(method.Parameters[0]), null, method)
                    : null;
            case "Create" when symbols.FileSystemAclExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.FileSystemAclExtensions):
                // fileInfo.Create(FileMode, FileSystemRights, FileShare, int, FileOptions, FileSecurity): the path is the FileInfo.
                return call.Argument("fileInfo") is { } fileInfo && Sink(call, "FileInfo.Create", fileInfo, SinkKind.Stream, "mode", "rights", "options") is { } aclSink ? aclSink : null;
            case "ExtractToFile" when symbols.ZipFileExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.ZipFileExtensions):
                // entry.ExtractToFile(path, overwrite: true) replaces the file with FileMode.Create; without overwrite it
                // fails on an existing file.
                return call.Argument("overwrite") is { } overwrite && ConstantInt(overwrite) == 1 && call.Argument("destinationFileName") is { } destination
                    ? new SinkCall(SinkKind.WholeFile, "ZipArchiveEntry.ExtractToFile", destination, call.Argument("source"), method)
                    : null;
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

            return Sink(call, "IFileStreamFactory." + call.Method.Name, path, SinkKind.Abstraction);
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
                return Sink(call, api, path, abstraction ? SinkKind.Abstraction : SinkKind.Stream);
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
            case "Create" when method.Parameters.Length == 0 && call.Operation is IInvalidOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } unbound } }:
                // fileInfo.Create(FileMode, FileSystemRights, ...) where the ACL overload does not bind: its mode, by name.
                return unbound[0].Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" or "Truncate" or "OpenOrCreate" }
                    ? new SinkCall(kind, api, call.Instance, null, method)
                    : null;
            case "Create":
            case "OpenWrite":
                return method.Parameters.Length == 0 ? new SinkCall(kind, api, call.Instance, null, method) : null;
            case "CreateText":
                return method.Parameters.Length == 0
                    ? new SinkCall(kind == SinkKind.Abstraction ? kind : SinkKind.Writer, api, call.Instance, null, method)
                    : null;
            case "Open":
                return Sink(call, api, call.Instance, kind);
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

            return Sink(call, "new FileStream", path, SinkKind.Stream);
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
                return Sink(call, "new StreamWriter", path, SinkKind.Writer);
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

        if (symbols.XmlTextWriter is not null && SymbolEqualityComparer.Default.Equals(type, symbols.XmlTextWriter))
        {
            // new XmlTextWriter(string filename, Encoding encoding) creates the file with FileMode.Create.
            var path = call.Argument("filename");
            return path is not null && call.Method.Parameters[0].Type.SpecialType == SpecialType.System_String
                ? new SinkCall(SinkKind.Writer, "new XmlTextWriter", path, null, call.Method)
                : null;
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

    /// <summary>What a FileMode / FileAccess pair does to an existing file.</summary>
    private enum ModeEffect
    {
        /// <summary>Reads, appends, creates new, or not known.</summary>
        None,

        /// <summary>Create or Truncate with write access: truncates, then writes.</summary>
        Truncates,

        /// <summary>OpenOrCreate with write access: writes over the old bytes without truncating.</summary>
        OpenOrCreate,

        /// <summary>Open with an explicit Write or ReadWrite access: the existing file is rewritten in place if the method writes it.</summary>
        Open,
    }

    /// <summary>
    /// The sink for a call that opens a stream with a FileMode (File.Open, new FileStream, FileInfo.Open, ...), or null
    /// when it does not overwrite or rewrite the file in place. A mode that does not truncate names itself in the API
    /// name, so that the message says the file is rewritten in place.
    /// </summary>
    private static SinkCall? Sink(CallShape call, string api, IOperation? path, SinkKind kind, string modeName = "mode", string accessName = "access", string optionsName = "options")
    {
        switch (Effect(call, modeName, accessName, optionsName, out var explicitAccess))
        {
            case ModeEffect.Truncates:
                return new SinkCall(kind, api, path, null, call.Method);
            case ModeEffect.OpenOrCreate:
                return new SinkCall(kind, api + " with FileMode.OpenOrCreate (an in-place rewrite without truncation)", path, null, call.Method);
            case ModeEffect.Open when StreamUse(call.Operation) is var use && (use == Use.Writes || (use == Use.Unknown && explicitAccess == AccessWrite)):
                return new SinkCall(kind, api + " with FileMode.Open (an in-place rewrite)", path, null, call.Method);
            default:
                return null;
        }
    }

    private const int ModeOpen = 3;
    private const int AccessWrite = 2;

    /// <summary>
    /// What the call's FileMode (from the mode parameter, or from a FileStreamOptions argument) and access do: truncate
    /// (Create, Truncate), write without truncating (OpenOrCreate), or open an existing file for writing (Open with an
    /// explicit Write or ReadWrite access); always with an access that includes writing.
    /// </summary>
    private static ModeEffect Effect(CallShape call, string modeName, string accessName, string optionsName, out int? explicitAccess)
    {
        int? mode = null;
        int? access = null;
        explicitAccess = null;
        var modeArgument = call.Argument(modeName);
        if (modeArgument is not null)
        {
            mode = ConstantInt(modeArgument);
            var accessArgument = call.Argument(accessName);
            if (accessArgument is not null)
            {
                access = AccessOf(accessArgument);
                if (access is null)
                {
                    return ModeEffect.None;
                }

                explicitAccess = access;
            }
        }
        else
        {
            var options = call.Argument(optionsName);
            if (options is null || !ReadOptions(options, out mode, out access))
            {
                return ModeEffect.None;
            }

            explicitAccess = access;
            access ??= AccessRead; // FileStreamOptions.Access defaults to Read.
        }

        if (mode is null || (access is not null && access.Value == AccessRead))
        {
            return ModeEffect.None;
        }

        // Without an access argument FileStream / File.Open use ReadWrite (Write for Append). File.OpenHandle
        // defaults to Read (its default value is passed as an implicit argument and seen above).
        switch (mode.Value)
        {
            case ModeCreate:
            case ModeTruncate:
                return ModeEffect.Truncates;
            case ModeOpenOrCreate:
                return ModeEffect.OpenOrCreate;
            case ModeOpen:
                // A bare FileMode.Open (ReadWrite by default) is how most code opens a file to read it.
                return explicitAccess is not null ? ModeEffect.Open : ModeEffect.None;
            default:
                return ModeEffect.None; // CreateNew, Append.
        }
    }

    /// <summary>
    /// A FileAccess constant, or a FileSystemRights constant (the ACL overloads): Write when the rights include
    /// writing data, Read otherwise.
    /// </summary>
    private static int? AccessOf(IOperation argument)
    {
        var value = ConstantInt(argument);
        if (argument.Type is { Name: "FileSystemRights" } || OperationHelpers.Unwrap(argument).Type is { Name: "FileSystemRights" })
        {
            return value is { } rights ? ((rights & 2) != 0 ? AccessWrite : AccessRead) : null; // WriteData = 2
        }

        return value;
    }

    /// <summary>
    /// A stream opened with FileMode.Open and ReadWrite access, held in a local that the same member then writes
    /// (<c>Write…</c>, <c>SetLength</c>, or a writer or serializer over it), and does not first move to its end (an
    /// append). Syntax only: runs for the few calls that open an existing file for reading and writing.
    /// </summary>
    private enum Use
    {
        /// <summary>Neither written nor moved to its end in the member (or not held in a local).</summary>
        Unknown,

        /// <summary>Written (Write…, SetLength, a writer or serializer over it).</summary>
        Writes,

        /// <summary>Moved to its end first (<c>Seek(0, SeekOrigin.End)</c>, <c>Position = Length</c>): an append.</summary>
        Appends,
    }

    private static Use StreamUse(IOperation operation)
    {
        var syntax = operation.Syntax;
        string? name = null;
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator)
            {
                name = declarator.Identifier.ValueText;
                break;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax left })
            {
                name = left.Identifier.ValueText;
                break;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax wrapper)
            {
                // new StreamWriter(File.Open(path, FileMode.Open, FileAccess.ReadWrite)): written through the wrapper.
                return InPlaceWriteEngine.CalledName(wrapper) is { } wrapperName && wrapperName.EndsWith("Writer", System.StringComparison.Ordinal) ? Use.Writes : Use.Unknown;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax)
            {
                break;
            }
        }

        if (name is null)
        {
            return Use.Unknown;
        }

        SyntaxNode? body = null;
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax)
            {
                body = node;
                break;
            }
        }

        var writes = false;
        foreach (var node in (body ?? syntax.Parent!).DescendantNodes())
        {
            switch (node)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax
                {
                    Left: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax positionOf, Name.Identifier.ValueText: "Position" },
                    Right: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" },
                } when positionOf.Identifier.ValueText == name:
                    return Use.Appends;
                case Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                {
                    Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax receiver, Name.Identifier.ValueText: var member },
                } invocation when receiver.Identifier.ValueText == name:
                    if (member == "Seek" && invocation.ArgumentList.Arguments.Count == 2
                        && invocation.ArgumentList.Arguments[1].Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "End" })
                    {
                        return Use.Appends; // moves to the end first: an append.
                    }

                    writes |= member == "SetLength" || member.StartsWith("Write", System.StringComparison.Ordinal);
                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax creation
                    when creation.ArgumentList is { Arguments.Count: > 0 } creationArguments
                    && creationArguments.Arguments[0].Expression is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax first && first.Identifier.ValueText == name
                    && InPlaceWriteEngine.CalledName(creation) is { } created && created.EndsWith("Writer", System.StringComparison.Ordinal):
                    writes = true;
                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax serialize
                    when InPlaceWriteEngine.CalledName(serialize) is { } called && (called.StartsWith("Serialize", System.StringComparison.Ordinal) || called == "Save")
                    && HasIdentifierArgument(serialize.ArgumentList, name):
                    writes = true;
                    break;
            }
        }

        return writes ? Use.Writes : Use.Unknown;
    }

    private static bool HasIdentifierArgument(Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax arguments, string name)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
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
