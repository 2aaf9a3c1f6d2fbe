namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// What the analyzer can say about the AtomicFile code fix without planning it: only from the sink operation it has
/// already bound and the syntax around it (no speculative binding, no walk over the uses of a variable). It gives the
/// no-fix reasons that are decided that early (the runtime is missing, a call to a wrapper, a sink without an
/// AtomicFile form, arguments without an equivalent, a stream that is not held by a <c>using</c>, a save that is not
/// a statement) and nothing otherwise. The code fix's planner uses the same argument checks, so the two agree.
/// </summary>
internal static class FixOutlook
{
    // FileOptions flags that keep their meaning (or are harmless) on an atomic stream.
    private const int FileOptionsKeepable = 0x40000000 /* Asynchronous */ | 0x08000000 /* SequentialScan */
        | unchecked((int)0x80000000) /* WriteThrough */ | 0x10000000 /* RandomAccess */;

    // The no-fix reasons decided here (docs/rules/AW0001.md lists them).
    public const string RuntimeNotReferenced = "RuntimeNotReferenced";
    public const string WrapperCall = "WrapperCall";
    public const string ModeForwarded = "ModeForwarded";
    public const string UnsupportedSink = "UnsupportedSink";
    public const string UnsupportedArguments = "UnsupportedArguments";
    public const string NotInUsing = "NotInUsing";
    public const string NotAStatement = "NotAStatement";

    /// <summary>The short, stable suffix of the message when the diagnostic carries a reason: " (no code fix: Code)".</summary>
    public static string MessageSuffix(ImmutableDictionary<string, string?> properties)
    {
        if (!properties.TryGetValue(InPlaceWrite.NoFixReasonProperty, out var value) || string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var code = value!;
        int colon = code.IndexOf(':');
        return " (no code fix: " + (colon > 0 ? code.Substring(0, colon) : code) + ")";
    }

    /// <summary>
    /// The properties with a predicted reason added, when the properties carry none yet and the sink operation shows
    /// one. <paramref name="sinkOperation"/> is the reported invocation or object creation (or null when unknown).
    /// </summary>
    public static ImmutableDictionary<string, string?> WithPredictedReason(ImmutableDictionary<string, string?> properties, IOperation? sinkOperation, SinkKind kind)
    {
        if (properties.ContainsKey(InPlaceWrite.NoFixReasonProperty))
        {
            return properties;
        }

        var code = Predict(sinkOperation, kind);
        return code is null ? properties : properties.Add(InPlaceWrite.NoFixReasonProperty, Describe(code));
    }

    /// <summary>Why the fix planner will offer no fix, when that is decided by the sink and its arguments and place; null otherwise.</summary>
    public static string? Predict(IOperation? sinkOperation, SinkKind kind)
    {
        if (kind == SinkKind.Wrapper)
        {
            return null; // the wrapper reasons are given by the analyzer itself
        }

        if (kind == SinkKind.Abstraction)
        {
            return UnsupportedSink;
        }

        switch (sinkOperation)
        {
            case IInvocationOperation invocation when invocation.Syntax is InvocationExpressionSyntax syntax:
                return PredictInvocation(invocation, syntax);
            case IObjectCreationOperation creation when creation.Syntax is ExpressionSyntax syntax:
                var arguments = CreationArguments(creation);
                if (arguments.Reason != null)
                {
                    return arguments.Reason;
                }

                return PredictStream(arguments, syntax, creation);
            case null:
                return null;
            default:
                // A call that does not bind (System.IO not imported, an argument with errors): nothing to rewrite.
                return UnsupportedSink;
        }
    }

    /// <summary>The invocation or object creation of a sink, found from the operation of its path; null when unknown.</summary>
    public static IOperation? SinkOperation(SinkCall sink)
    {
        for (var operation = sink.Path; operation != null; operation = operation.Parent)
        {
            if (operation is IInvocationOperation || operation is IObjectCreationOperation || operation is IInvalidOperation)
            {
                return operation;
            }
        }

        return null;
    }

    private static string? PredictInvocation(IInvocationOperation invocation, InvocationExpressionSyntax syntax)
    {
        var method = invocation.TargetMethod;
        switch (method.ContainingType?.ToDisplayString())
        {
            case "System.IO.File" when FileApiNames.WholeFileWrites.Contains(method.Name):
                return syntax.Expression is MemberAccessExpressionSyntax access && access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
                       || syntax.Expression is SimpleNameSyntax
                    ? null
                    : UnsupportedSink;
            case "System.IO.File":
            {
                var arguments = FileArguments(invocation);
                return arguments.Reason ?? PredictStream(arguments, syntax, invocation);
            }

            case "System.IO.FileInfo":
            {
                if (!(syntax.Expression is MemberAccessExpressionSyntax memberAccess) || !memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression))
                {
                    return UnsupportedSink;
                }

                var arguments = FileInfoArguments(invocation);
                return arguments.Reason ?? PredictStream(arguments, syntax, invocation);
            }

            case "System.Xml.Linq.XDocument":
            case "System.Xml.Linq.XElement":
            case "System.Xml.XmlDocument":
                if (method.Name == "Save" && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
                {
                    return syntax.Parent is ExpressionStatementSyntax || ExpressionBodyOwner(syntax) != null ? null : NotAStatement;
                }

                return UnsupportedSink;

            default:
                return UnsupportedSink;
        }
    }

    /// <summary>A stream or writer whose arguments are fine: it needs the single variable of a using (checked on syntax).</summary>
    private static string? PredictStream(StreamArguments arguments, ExpressionSyntax creation, IOperation sinkOperation)
    {
        foreach (var dropped in arguments.Dropped)
        {
            if (!IsDroppable(dropped))
            {
                return UnsupportedArguments;
            }
        }

        foreach (var kept in arguments.Kept)
        {
            if (!(kept.Syntax is ArgumentSyntax) || kept.ArgumentKind != ArgumentKind.Explicit)
            {
                return UnsupportedArguments;
            }
        }

        if (IsSingleUsingVariable(creation))
        {
            return null;
        }

        // The stream argument of a StreamWriter that a using holds: the planner may make the pair one atomic writer.
        ExpressionSyntax top = creation;
        while (top.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            top = parenthesized;
        }

        var parent = sinkOperation.Parent;
        while (parent is IConversionOperation || parent is IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        if (top.Parent is ArgumentSyntax argument
            && argument.Parent?.Parent is BaseObjectCreationExpressionSyntax writer
            && IsSingleUsingVariable(writer)
            && parent is IArgumentOperation { Parent: IObjectCreationOperation writerOperation }
            && WritesOverStream(writerOperation, argument, out _))
        {
            return null;
        }

        return NotInUsing;
    }

    /// <summary>
    /// True when <paramref name="creation"/> (inside parentheses or not) is the whole initializer of the single variable
    /// of a using statement, or of a using declaration in a block or top-level code: the first thing the fix needs.
    /// </summary>
    public static bool IsSingleUsingVariable(ExpressionSyntax creation)
    {
        ExpressionSyntax top = creation;
        while (top.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            top = parenthesized;
        }

        if (!(top.Parent is EqualsValueClauseSyntax equals)
            || !(equals.Parent is VariableDeclaratorSyntax declarator)
            || !(declarator.Parent is VariableDeclarationSyntax declaration)
            || declaration.Variables.Count != 1)
        {
            return false;
        }

        switch (declaration.Parent)
        {
            case UsingStatementSyntax _:
                return true;
            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                return local.Parent is BlockSyntax || (local.Parent is GlobalStatementSyntax global && global.Parent is CompilationUnitSyntax);
            default:
                return false;
        }
    }

    /// <summary>
    /// The member, local function, accessor or lambda whose expression body is exactly <paramref name="sink"/>,
    /// when that owner can take a block body instead; otherwise null.
    /// </summary>
    public static SyntaxNode? ExpressionBodyOwner(ExpressionSyntax sink)
    {
        switch (sink.Parent)
        {
            case ArrowExpressionClauseSyntax arrow:
                switch (arrow.Parent)
                {
                    case MethodDeclarationSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case ConstructorDeclarationSyntax _:
                    case AccessorDeclarationSyntax _:
                        return arrow.Parent;
                    default:
                        // Expression-bodied properties and indexers return a value; Save returns none.
                        return null;
                }

            case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == sink:
                return lambda;

            default:
                return null;
        }
    }

    /// <summary>
    /// True when <paramref name="operation"/> is <c>new StreamWriter(stream[, encoding[, bufferSize[, leaveOpen: false]]])</c>
    /// with <paramref name="streamArgument"/> as its stream; <paramref name="encoding"/> is the explicit encoding argument.
    /// </summary>
    public static bool WritesOverStream(IObjectCreationOperation operation, ArgumentSyntax streamArgument, out ArgumentSyntax? encoding)
    {
        encoding = null;
        if (operation.Constructor is null
            || operation.Constructor.ContainingType.ToDisplayString() != "System.IO.StreamWriter"
            || operation.Constructor.Parameters[0].Type.ToDisplayString() != "System.IO.Stream")
        {
            return false;
        }

        foreach (var arg in operation.Arguments)
        {
            switch (arg.Parameter?.Name)
            {
                case "stream":
                    if (arg.Syntax != streamArgument)
                    {
                        return false;
                    }

                    break;
                case "encoding":
                    if (arg.ArgumentKind == ArgumentKind.Explicit)
                    {
                        encoding = arg.Syntax as ArgumentSyntax;
                        if (encoding is null)
                        {
                            return false;
                        }
                    }

                    break;
                case "bufferSize":
                    if (!IsDroppable(arg))
                    {
                        return false;
                    }

                    break;
                case "leaveOpen":
                    if (arg.ArgumentKind == ArgumentKind.Explicit && !(arg.Value.ConstantValue.HasValue && arg.Value.ConstantValue.Value is false))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>"Code: explanation" for a reason code, the form of the diagnostic property.</summary>
    public static string Describe(string code) => code + ": " + Explain(code);

    /// <summary>
    /// The reason stated at a call to a wrapper: the file is written inside <paramref name="wrapper"/>, or, when the
    /// wrapper takes the FileMode from the caller (<paramref name="forwardsMode"/>), opened there with that mode.
    /// </summary>
    public static string WrapperReason(string wrapper, bool forwardsMode) => forwardsMode
        ? ModeForwarded + ": the file is opened inside " + wrapper + " with the FileMode given here; write it with AtomicFile instead"
        : WrapperCall + ": the file is written inside " + wrapper + "; make that method write atomically";

    /// <summary>The explanation of a reason code, as docs/rules/AW0001.md lists it.</summary>
    public static string Explain(string code)
    {
        switch (code)
        {
            case RuntimeNotReferenced: return "AtomicWrite.AtomicFile is not referenced; add the AtomicWrite package";
            case WrapperCall: return "the file is written inside the method called here; make that method write atomically";
            case ModeForwarded: return "the file is opened inside the method called here with the FileMode given here; write it with AtomicFile instead";
            case UnsupportedSink: return "this kind of write has no automatic AtomicFile rewrite";
            case UnsupportedArguments: return "an argument has no AtomicFile equivalent";
            case NotInUsing: return "the stream or writer is not the single variable of a using, so it is not clear where writing ends";
            case NotAStatement: return "the save is neither a statement of its own nor a whole expression body";
            default: return code;
        }
    }

    // ------------------------------------------------------------------ arguments (shared with the fix planner)

    /// <summary>How a stream or writer sink's arguments map to AtomicFile: the factory, the arguments kept and dropped, or why none fits.</summary>
    internal sealed class StreamArguments
    {
        private StreamArguments(string? reason, string factory, bool truncates, List<IArgumentOperation> kept, List<IArgumentOperation> dropped)
        {
            Reason = reason;
            Factory = factory;
            Truncates = truncates;
            Kept = kept;
            Dropped = dropped;
        }

        /// <summary>Null when the arguments fit; else UnsupportedArguments or UnsupportedSink.</summary>
        public string? Reason { get; }

        /// <summary>"Create" or "CreateText".</summary>
        public string Factory { get; }

        /// <summary>False for OpenWrite and OpenOrCreate (the old bytes are not cut).</summary>
        public bool Truncates { get; }

        public List<IArgumentOperation> Kept { get; }

        public List<IArgumentOperation> Dropped { get; }

        public static StreamArguments Fits(string factory, bool truncates, List<IArgumentOperation> kept, List<IArgumentOperation> dropped) =>
            new StreamArguments(null, factory, truncates, kept, dropped);

        public static StreamArguments No(string reason) =>
            new StreamArguments(reason, string.Empty, true, new List<IArgumentOperation>(), new List<IArgumentOperation>());
    }

    /// <summary>File.Create, CreateText, OpenWrite and Open.</summary>
    public static StreamArguments FileArguments(IInvocationOperation invocation)
    {
        var kept = new List<IArgumentOperation>();
        var dropped = new List<IArgumentOperation>();
        string factory = "Create";
        bool truncates = true;
        switch (invocation.TargetMethod.Name)
        {
            case "Create":
                foreach (var arg in invocation.Arguments)
                {
                    if (!TakeFileStreamArgument(arg, kept, dropped))
                    {
                        return StreamArguments.No(UnsupportedArguments);
                    }
                }

                break;

            case "CreateText":
                factory = "CreateText";
                AddPath(invocation, kept);
                break;

            case "OpenWrite":
                truncates = false;
                AddPath(invocation, kept);
                break;

            case "Open":
                foreach (var arg in invocation.Arguments)
                {
                    if (arg.Parameter?.Name == "path")
                    {
                        kept.Add(arg);
                    }
                    else if (!TakeModeAccessShare(arg, dropped, ref truncates, out _))
                    {
                        // File.Open(string, FileStreamOptions) and anything newer.
                        return StreamArguments.No(UnsupportedArguments);
                    }
                }

                break;

            default:
                return StreamArguments.No(UnsupportedSink);
        }

        return kept.Count == 0 ? StreamArguments.No(UnsupportedArguments) : StreamArguments.Fits(factory, truncates, kept, dropped);
    }

    /// <summary>FileInfo.Create, CreateText, OpenWrite and Open (the path is the FileInfo's FullName).</summary>
    public static StreamArguments FileInfoArguments(IInvocationOperation invocation)
    {
        var dropped = new List<IArgumentOperation>();
        bool truncates = true;
        switch (invocation.TargetMethod.Name)
        {
            case "Create":
                return StreamArguments.Fits("Create", true, new List<IArgumentOperation>(), dropped);
            case "CreateText":
                return StreamArguments.Fits("CreateText", true, new List<IArgumentOperation>(), dropped);
            case "OpenWrite":
                return StreamArguments.Fits("Create", false, new List<IArgumentOperation>(), dropped);
            case "Open":
                foreach (var arg in invocation.Arguments)
                {
                    if (!TakeModeAccessShare(arg, dropped, ref truncates, out _))
                    {
                        return StreamArguments.No(UnsupportedArguments);
                    }
                }

                return StreamArguments.Fits("Create", truncates, new List<IArgumentOperation>(), dropped);
            default:
                return StreamArguments.No(UnsupportedSink);
        }
    }

    /// <summary>new FileStream(path, mode, ...) and new StreamWriter(path, ...).</summary>
    public static StreamArguments CreationArguments(IObjectCreationOperation creation)
    {
        var ctor = creation.Constructor;
        if (ctor is null || ctor.Parameters.Length == 0 || ctor.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return StreamArguments.No(UnsupportedSink);
        }

        var kept = new List<IArgumentOperation>();
        var dropped = new List<IArgumentOperation>();
        switch (ctor.ContainingType.ToDisplayString())
        {
            case "System.IO.FileStream":
            {
                bool truncates = true;
                bool sawMode = false;
                foreach (var arg in creation.Arguments)
                {
                    if (TakeFileStreamArgument(arg, kept, dropped))
                    {
                        continue;
                    }

                    if (!TakeModeAccessShare(arg, dropped, ref truncates, out var wasMode))
                    {
                        // FileStreamOptions, options that change the file, and anything unknown.
                        return StreamArguments.No(UnsupportedArguments);
                    }

                    sawMode |= wasMode;
                }

                return sawMode ? StreamArguments.Fits("Create", truncates, kept, dropped) : StreamArguments.No(UnsupportedArguments);
            }

            case "System.IO.StreamWriter":
                foreach (var arg in creation.Arguments)
                {
                    switch (arg.Parameter?.Name)
                    {
                        case "path":
                        case "encoding":
                            if (arg.ArgumentKind == ArgumentKind.Explicit)
                            {
                                kept.Add(arg);
                            }

                            break;
                        case "append":
                            var value = arg.Value.ConstantValue;
                            if (!value.HasValue || !(value.Value is bool append) || append)
                            {
                                return StreamArguments.No(UnsupportedArguments);
                            }

                            dropped.Add(arg);
                            break;
                        case "bufferSize":
                            dropped.Add(arg);
                            break;
                        default:
                            // FileStreamOptions and anything unknown.
                            return StreamArguments.No(UnsupportedArguments);
                    }
                }

                return StreamArguments.Fits("CreateText", true, kept, dropped);

            default:
                return StreamArguments.No(UnsupportedSink);
        }
    }

    /// <summary>
    /// An argument of <c>File.Create</c> or a FileStream constructor that maps without a question: the path is kept;
    /// the buffer size, the async flag and FileOptions that keep their meaning are dropped. False for any other.
    /// </summary>
    private static bool TakeFileStreamArgument(IArgumentOperation arg, List<IArgumentOperation> kept, List<IArgumentOperation> dropped)
    {
        switch (arg.Parameter?.Name)
        {
            case "path":
                kept.Add(arg);
                return true;
            case "bufferSize":
            case "useAsync":
            case "options" when arg.Parameter!.Type.Name == "FileOptions" && IsKeepableFileOptions(arg):
                dropped.Add(arg);
                return true;
            default:
                return false;
        }
    }

    private static void AddPath(IInvocationOperation invocation, List<IArgumentOperation> kept)
    {
        foreach (var arg in invocation.Arguments)
        {
            if (arg.Parameter?.Name == "path")
            {
                kept.Add(arg);
            }
        }
    }

    /// <summary>The mode, access and share arguments of File.Open, FileInfo.Open and new FileStream; false for any other or unfit argument.</summary>
    private static bool TakeModeAccessShare(IArgumentOperation arg, List<IArgumentOperation> dropped, ref bool truncates, out bool wasMode)
    {
        wasMode = false;
        switch (arg.Parameter?.Name)
        {
            case "mode":
                var mode = ModeOf(arg);
                if (mode is null)
                {
                    return false;
                }

                truncates = mode.Value;
                wasMode = true;
                break;
            case "access":
                if (!IsWriteAccess(arg))
                {
                    return false;
                }

                break;
            case "share":
                break;
            default:
                return false;
        }

        dropped.Add(arg);
        return true;
    }

    /// <summary>True when the mode truncates, false when it keeps the old bytes (OpenOrCreate), null when it is not a rewrite.</summary>
    private static bool? ModeOf(IArgumentOperation arg)
    {
        var value = arg.Value.ConstantValue;
        if (!value.HasValue || value.Value is null)
        {
            return null;
        }

        switch (Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture))
        {
            case 2: // Create
            case 5: // Truncate
                return true;
            case 4: // OpenOrCreate
                return false;
            default: // CreateNew, Open, Append
                return null;
        }
    }

    private static bool IsWriteAccess(IArgumentOperation arg)
    {
        var value = arg.Value.ConstantValue;
        if (!value.HasValue || value.Value is null)
        {
            return false;
        }

        // FileAccess.Write = 2. ReadWrite (3) is refused: the atomic stream is for writing.
        return Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture) == 2;
    }

    private static bool IsKeepableFileOptions(IArgumentOperation arg)
    {
        var value = arg.Value.ConstantValue;
        if (!value.HasValue || value.Value is null)
        {
            return false;
        }

        var flags = Convert.ToInt32(value.Value, System.Globalization.CultureInfo.InvariantCulture);
        return (flags & ~FileOptionsKeepable) == 0;
    }

    /// <summary>
    /// A dropped argument may go only if evaluating it has no effect: constants, locals, parameters, fields, the
    /// length of an array or string, <c>Count</c> of a collection, arithmetic on such values, and
    /// <c>Math.Min</c>/<c>Math.Max</c> of them (a buffer size computed from the data's length).
    /// </summary>
    public static bool IsDroppable(IArgumentOperation arg) => arg.ArgumentKind != ArgumentKind.Explicit || HasNoEffect(arg.Value, depth: 0);

    private static bool HasNoEffect(IOperation? value, int depth)
    {
        if (value is null || depth > 8)
        {
            return false;
        }

        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value.ConstantValue.HasValue)
        {
            return true;
        }

        switch (value)
        {
            case ILocalReferenceOperation _:
            case IParameterReferenceOperation _:
            case IFieldReferenceOperation _:
            case IDefaultValueOperation _:
                return true;
            case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Count", Arguments.Length: 0, Instance: { } instance } property
                when IsLengthOwner(property.Property.ContainingType, instance.Type) && IsNotNull(instance):
                return HasNoEffect(instance, depth + 1);
            case IBinaryOperation { OperatorMethod: null, IsChecked: false } binary:
                return HasNoEffect(binary.LeftOperand, depth + 1) && HasNoEffect(binary.RightOperand, depth + 1);
            case IInvocationOperation { TargetMethod: { Name: "Min" or "Max", ContainingType: { Name: "Math", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } invocation:
                foreach (var argument in invocation.Arguments)
                {
                    if (!HasNoEffect(argument.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the compiler's nullable analysis says the value is not null there: reading its length then cannot
    /// throw, so dropping the read changes nothing. Without nullable annotations nothing is known, and the argument stays.
    /// </summary>
    private static bool IsNotNull(IOperation value)
    {
        if (value.Type is { IsValueType: true })
        {
            return true;
        }

        return value.SemanticModel?.GetTypeInfo(value.Syntax).Nullability.FlowState == NullableFlowState.NotNull;
    }

    /// <summary>Arrays, strings and the framework's collections, whose length or count only reads a field.</summary>
    private static bool IsLengthOwner(INamedTypeSymbol declaring, ITypeSymbol? instance)
    {
        if (instance is IArrayTypeSymbol || instance?.SpecialType == SpecialType.System_String || declaring.SpecialType == SpecialType.System_Array)
        {
            return true;
        }

        var ns = declaring.ContainingNamespace?.ToDisplayString();
        return ns is "System.Collections.Generic" or "System.Collections.Immutable" or "System.IO" && declaring.Name is "List" or "Dictionary" or "HashSet" or "Queue" or "Stack" or "ImmutableArray" or "MemoryStream"
            || ns == "System" && declaring.Name is "ReadOnlyMemory" or "Memory" or "ReadOnlySpan" or "Span";
    }
}
