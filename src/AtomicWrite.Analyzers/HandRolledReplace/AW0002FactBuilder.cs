using System.Linq;

namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>Walks one member body and records its writes, replaces, removals, flushes and assignments.</summary>
internal sealed class AW0002FactBuilder
{
    private static readonly ImmutableHashSet<string> TruncatingFileMethods = FileApiNames.WholeFileWrites.Union(new[] { "Create", "CreateText" });

    private static readonly HashSet<string> StaleFileMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "AppendAllText", "AppendAllLines", "AppendAllTextAsync", "AppendAllLinesAsync", "AppendAllBytes", "AppendAllBytesAsync",
        "AppendText", "OpenWrite",
    };

    private static readonly HashSet<string> WrapperMoveNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Move", "MoveFile", "Rename", "RenameFile", "Replace", "ReplaceFile", "MoveOrReplace",
    };

    private static readonly HashSet<string> WrapperDeleteNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Delete", "DeleteFile", "TryDelete", "TryDeleteFile", "SafeDelete", "DeleteIfExists", "unlink", "_wunlink",
    };

    private static readonly HashSet<string> DisposeLikeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Dispose", "DisposeAsync", "Close", "DisposeCore", "DisposeAsyncCore",
    };

    private readonly WellKnownTypes symbols;
    private readonly INamedTypeSymbol type;
    private readonly AW0002MethodFacts facts;

    public AW0002FactBuilder(WellKnownTypes symbols, INamedTypeSymbol type, AW0002MethodFacts facts)
    {
        this.symbols = symbols;
        this.type = type;
        this.facts = facts;
        if (facts.Owner is IMethodSymbol method)
        {
            facts.IsDisposeLike = DisposeLikeNames.Contains(method.Name) || method.MethodKind == MethodKind.Destructor;
            facts.IsConstructor = method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor;
            foreach (var attribute in method.GetAttributes())
            {
                if (WellKnownTypes.Is(attribute.AttributeClass, symbols.MethodImplAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is object raw
                    && (Convert.ToInt32(raw, System.Globalization.CultureInfo.InvariantCulture) & 0x20) != 0)
                {
                    facts.IsSynchronized = true;
                }
            }
        }
    }

    public void Visit(IOperation root)
    {
        var getter = facts.Owner is IMethodSymbol { MethodKind: MethodKind.PropertyGet } accessor ? accessor.AssociatedSymbol : null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    VisitInvocation(invocation);
                    break;
                case IObjectCreationOperation creation:
                    VisitCreation(creation);
                    break;
                case IInvalidOperation invalid:
                    VisitUnbound(invalid);
                    break;
                case IFieldReferenceOperation fieldReference when IsWriteThrough(fieldReference.Field):
                    facts.FlushesToDisk = true;
                    break;
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    if (initializer is not null)
                    {
                        AddLocalValue(declarator.Symbol, initializer);
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    VisitAssignment(assignment.Target, assignment.Value);
                    break;
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        facts.MemberValues.Add((field.OriginalDefinition, fieldInitializer.Value));
                    }

                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    foreach (var property in propertyInitializer.InitializedProperties)
                    {
                        facts.MemberValues.Add((property.OriginalDefinition, propertyInitializer.Value));
                    }

                    break;
                case IReturnOperation { ReturnedValue: { } returned } when getter is not null && !IsInsideLambda(operation, root):
                    facts.MemberValues.Add((getter.OriginalDefinition, returned));
                    break;
            }
        }
    }

    private static bool IsInsideLambda(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private void AddLocalValue(ILocalSymbol local, IOperation value)
    {
        NoteReturnedTemp(local, value);
        if (!facts.LocalValues.TryGetValue(local, out var list))
        {
            list = new List<IOperation>();
            facts.LocalValues.Add(local, list);
        }

        list.Add(value);
    }

    /// <summary>
    /// <c>var tmp = WriteTemp(data);</c> (or <c>await WriteTempAsync(data)</c>), where the method of the compilation
    /// returns the path it wrote: the local is a temp written at that call, opened and flushed as the method's code says.
    /// </summary>
    private void NoteReturnedTemp(ILocalSymbol local, IOperation value)
    {
        var call = OperationHelpers.Unwrap(value);
        if (call is IAwaitOperation awaited)
        {
            call = OperationHelpers.Unwrap(awaited.Operation);
        }

        if (call is not IInvocationOperation invocation || !AW0002Helpers.ReturnsPath(invocation.TargetMethod))
        {
            return;
        }

        var helper = AW0002Helpers.For(invocation.TargetMethod, symbols);
        if (helper.Writes.TryGetValue(AW0002HelperSummary.Returned, out var open))
        {
            facts.Writers.Add(new AW0002Writer(AW0002PathKey.ForSymbol(local), invocation, open, helper.Flushes, IsBaseStream: false) { Method = facts, ReturnedByHelper = true });
        }
    }

    private void VisitAssignment(IOperation target, IOperation value)
    {
        target = OperationHelpers.Unwrap(target);
        var stripped = OperationHelpers.Unwrap(value);
        var isTrue = stripped.ConstantValue.HasValue && stripped.ConstantValue.Value is true;
        switch (target)
        {
            case ILocalReferenceOperation localReference:
                AddLocalValue(localReference.Local, value);
                if (isTrue)
                {
                    facts.SetTrue.Add(localReference.Local);
                }

                break;
            case IMemberReferenceOperation memberReference when (memberReference is IFieldReferenceOperation || memberReference is IPropertyReferenceOperation)
                                                                && AW0002Operations.IsThisOrStatic(memberReference):
                var member = memberReference.Member.OriginalDefinition;
                facts.MemberValues.Add((member, value));
                if (isTrue)
                {
                    facts.SetTrue.Add(member);
                }

                if (stripped is IParameterReferenceOperation parameterReference)
                {
                    facts.ParameterAliases.Add((parameterReference.Parameter, member));
                }

                break;
        }
    }

    /// <summary><c>File</c>, or System.IO.Abstractions' <c>IFile</c> (<c>fileSystem.File.WriteAllText(tmp, …)</c>) and its implementations.</summary>
    private bool IsFileLike(INamedTypeSymbol? type)
        => WellKnownTypes.Is(type, symbols.File) || (type is not null && !type.IsStatic && WellKnownTypes.IsAbstraction(type, symbols.AbstractionsFile, "IFile"));

    /// <summary><c>FileInfo</c>, or System.IO.Abstractions' <c>IFileInfo</c> and its implementations.</summary>
    private bool IsFileInfoLike(ITypeSymbol? type)
        => WellKnownTypes.DerivesFrom(type, symbols.FileInfo) || (type is not null && WellKnownTypes.IsAbstraction(type, symbols.AbstractionsFileInfo, "IFileInfo"));

    private bool IsWriteThrough(IFieldSymbol field)
        => field.Name == "WriteThrough" && WellKnownTypes.Is(field.ContainingType, symbols.FileOptions);

    private void VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        if (containing is null)
        {
            return;
        }

        if (IsFlushToDisk(invocation))
        {
            facts.FlushesToDisk = true;
            return;
        }

        if (TryRecordWriter(invocation))
        {
            return;
        }

        if (TryRecordReplace(invocation))
        {
            return;
        }

        if (TryRecordDelete(invocation))
        {
            return;
        }

        if (TryRecordFileInfoWriter(invocation) || TryRecordPathTypeWriter(invocation))
        {
            return;
        }

        if (method.Name == "SetLength" && !method.IsStatic && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Int64)
        {
            // fs.SetLength(fs.Position) or SetLength(0): the stream is cut to its new length, so no stale tail remains.
            facts.CutsToLength = true;
            return;
        }

        if (TryRecordCommit(invocation))
        {
            return;
        }

        TryRecordHelper(invocation);

        if (SymbolEqualityComparer.Default.Equals(containing.OriginalDefinition, type.OriginalDefinition) && method.MethodKind == MethodKind.Ordinary)
        {
            facts.OwnCalls.Add((method.OriginalDefinition, invocation));
        }
    }

    private bool IsFlushToDisk(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        if (name == "Flush" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean
            && WellKnownTypes.DerivesFrom(method.ContainingType, symbols.FileStream))
        {
            var argument = invocation.Arguments.Length == 1 ? invocation.Arguments[0].Value : null;
            return argument is null || !(argument.ConstantValue.HasValue && argument.ConstantValue.Value is false);
        }

        return name.IndexOf("fsync", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("fdatasync", StringComparison.OrdinalIgnoreCase) >= 0
            || name == "FlushFileBuffers"
            || name == "FlushToDisk";
    }

    private bool TryRecordWriter(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        if (method.Name == "ExtractToFile" && WellKnownTypes.Is(containing, symbols.ZipFileExtensions))
        {
            // entry.ExtractToFile(tmp, overwrite: true) truncates an existing temp; without overwrite it creates it new.
            var overwrite = AW0002Operations.ArgumentFor(invocation.Arguments, 2);
            var extractOpen = overwrite is null || overwrite.ConstantValue is { HasValue: true, Value: false } ? AW0002OpenKind.CreateNew : AW0002OpenKind.Truncating;
            if (AW0002Operations.ArgumentFor(invocation.Arguments, 1) is { } destination)
            {
                AddWriter(destination, invocation, extractOpen, isBaseStream: false);
                return true;
            }

            return false;
        }

        if (method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        AW0002OpenKind open;
        var isBaseStream = false;
        if (!method.IsStatic && (method.Name == "New" || method.Name == "Create")
            && WellKnownTypes.IsAbstraction(containing, symbols.AbstractionsFileStreamFactory, "IFileStreamFactory"))
        {
            // fileSystem.FileStream.New(tmp, FileMode.Create): a FileStream of System.IO.Abstractions.
            open = OpenKindOf(invocation.Arguments);
        }
        else if (IsFileLike(containing))
        {
            if (TruncatingFileMethods.Contains(method.Name))
            {
                open = AW0002OpenKind.Truncating;
            }
            else if (StaleFileMethods.Contains(method.Name))
            {
                open = AW0002OpenKind.Stale;
            }
            else if (method.Name == "Open")
            {
                open = OpenKindOf(invocation.Arguments);
            }
            else
            {
                return false;
            }
        }
        else if (method.Name == "Save" && (WellKnownTypes.Is(containing, symbols.XDocument) || WellKnownTypes.Is(containing, symbols.XElement) || WellKnownTypes.DerivesFrom(containing, symbols.XmlDocument)))
        {
            open = AW0002OpenKind.Truncating;
        }
        else if (method.Name == "Create" && WellKnownTypes.Is(containing, symbols.XmlWriter))
        {
            open = AW0002OpenKind.Truncating;
        }

        else if (method.MethodKind == MethodKind.Constructor && invocation.Instance is IInstanceReferenceOperation
                 && WellKnownTypes.Is(containing, symbols.FileStream))
        {
            open = OpenKindOf(invocation.Arguments);
            isBaseStream = true;
        }
        else if (method.MethodKind == MethodKind.Constructor && invocation.Instance is IInstanceReferenceOperation
                 && WellKnownTypes.Is(containing, symbols.StreamWriter))
        {
            open = StreamWriterOpenKind(invocation.Arguments);
            isBaseStream = true;
        }
        else
        {
            return false;
        }

        var pathArgument = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
        if (pathArgument is null)
        {
            return false;
        }

        AddWriter(pathArgument, invocation, open, isBaseStream);
        return true;
    }

    /// <summary><c>fileInfo.Create()</c>, <c>CreateText()</c>, <c>OpenWrite()</c>, <c>AppendText()</c> or <c>Open(mode)</c>: the FileInfo's path is written.</summary>
    private bool TryRecordFileInfoWriter(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || !IsFileInfoLike(method.ContainingType))
        {
            return false;
        }

        AW0002OpenKind open;
        switch (method.Name)
        {
            case "Create":
            case "CreateText":
                open = AW0002OpenKind.Truncating;
                break;
            case "OpenWrite":
            case "AppendText":
                open = AW0002OpenKind.Stale;
                break;
            case "Open":
                open = OpenKindOf(invocation.Arguments);
                break;
            default:
                return false;
        }

        if (FileInfoPath(invocation.Instance) is not { } path)
        {
            return false;
        }

        AddWriter(path, invocation, open, isBaseStream: false);
        return true;
    }

    /// <summary><c>tmp.WriteAllText(json)</c> on a project's own path type: the instance's file is written (truncated).</summary>
    private bool TryRecordPathTypeWriter(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (InPlaceWrites.PathCarriers.MayBeCarrierOpen(method))
        {
            // tmp.Open(FileMode.Create, FileAccess.Write): the instance's file, truncated or (OpenOrCreate) left with its old tail.
            if (InPlaceWrites.CallShape.From(invocation) is not { } openCall
                || InPlaceWrites.PathCarriers.OpenInPlace(openCall, method, symbols) is not { } opened)
            {
                return false;
            }

            AddWriter(opened.Receiver, invocation, opened.Mode == ModeOpenOrCreate ? AW0002OpenKind.Stale : AW0002OpenKind.Truncating, isBaseStream: false);
            return true;
        }

        if (!InPlaceWrites.PathCarriers.MayBeCarrierWrite(method)
            || InPlaceWrites.CallShape.From(invocation) is not { } call
            || InPlaceWrites.PathCarriers.Detect(call, symbols) is not { Path: { } receiver })
        {
            return false;
        }

        AddWriter(receiver, invocation, AW0002OpenKind.Truncating, isBaseStream: false);
        return true;
    }

    /// <summary>The value of <c>FileMode.OpenOrCreate</c>.</summary>
    private const int ModeOpenOrCreate = 4;

    /// <summary>
    /// Whether a call may be a move, replace, copy or rename: by the symbol rules of <see cref="ClassifyReplace"/>, a
    /// project helper that moves one string parameter over another, or the commit method of a project's own
    /// atomic-write type (<see cref="AW0002Helpers.CommitsOf"/>). The analyzer walks a type's bodies only when one of
    /// its calls is.
    /// </summary>
    internal static bool MayReplace(IMethodSymbol method, WellKnownTypes symbols)
        => ClassifyReplace(method, symbols) != AW0002ReplaceKind.None
           || (AW0002Helpers.MayBeHelper(method, 2) && AW0002Helpers.MayMoveFiles(method) && AW0002Helpers.For(method, symbols).Replaces is not null)
           || (AW0002Helpers.MayBeCommit(method) && AW0002Helpers.CommitsOf(method.ContainingType).ContainsKey(method.Name));

    /// <summary>
    /// A call that did not bind and may be a <c>File.Move</c>, <c>Replace</c> or <c>Copy</c> (by its syntax alone; the
    /// fact builder then checks its overload candidate): the type's bodies are walked.
    /// </summary>
    internal static bool MayReplaceUnbound(IInvalidOperation invalid)
        => invalid.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Move" or "Replace" or "Copy" } };

    /// <summary>
    /// The key of a path argument. A <c>FileInfo</c>'s <c>FullName</c> is the path the <c>FileInfo</c> was made from in
    /// this body, and a path member of another object whose type commits it (<c>writer.WritePath</c>, moved by
    /// <c>writer.Commit()</c>) is that object's temp, whichever alias of the member is used.
    /// </summary>
    private AW0002PathKey Key(IOperation operation)
    {
        var path = PathOperand(operation);
        if (OperationHelpers.Unwrap(path) is IMemberReferenceOperation member
            && (member is IFieldReferenceOperation || member is IPropertyReferenceOperation)
            && !AW0002Operations.IsThisOrStatic(member)
            && member.Instance is { } instance
            && member.Member.ContainingType is { DeclaringSyntaxReferences.Length: > 0 } owner)
        {
            foreach (var commit in AW0002Helpers.CommitsOf(owner).Values)
            {
                if (commit.SourceAliases.Contains(member.Member.Name))
                {
                    return ObjectMemberKey(instance, commit.Source);
                }
            }
        }

        return AW0002Operations.KeyOf(path);
    }

    private static AW0002PathKey ObjectMemberKey(IOperation instance, string member)
    {
        var objectKey = AW0002Operations.KeyOf(instance);
        return AW0002PathKey.ForText((objectKey.Symbol?.Name ?? objectKey.Text) + ".#" + member);
    }

    /// <summary><c>tmp.FullName</c> of a <c>FileInfo</c> made in this body from a path: that path; any other operation as it is.</summary>
    private IOperation PathOperand(IOperation operation)
    {
        if (OperationHelpers.Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } instance }
            && IsFileInfoLike(instance.Type)
            && FileInfoPath(instance) is { } path)
        {
            return path;
        }

        return operation;
    }

    /// <summary>
    /// <c>writer.Commit()</c>, where the type of <c>writer</c> is a project's own atomic-write type whose method moves
    /// (or replaces) its temp member over its target member: a replace of that object's temp, which the caller
    /// writes through the member (<c>File.Create(writer.WritePath)</c>).
    /// </summary>
    private bool TryRecordCommit(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is not { } instance
            || OperationHelpers.Unwrap(instance) is IInstanceReferenceOperation
            || !AW0002Helpers.MayBeCommit(method)
            || !AW0002Helpers.CommitsOf(method.ContainingType).TryGetValue(method.Name, out var commit))
        {
            return false;
        }

        var sourceKey = ObjectMemberKey(instance, commit.Source);
        var destinationKey = ObjectMemberKey(instance, commit.Destination);
        var destination = CommitTarget(instance) ?? instance;
        facts.Replaces.Add(new AW0002Replace(invocation, instance, destination, sourceKey, destinationKey, commit.Overwrites) { IsCopy = commit.Copy, Flushes = commit.Flushes });
        if (!commit.Copy)
        {
            facts.Removals.Add((sourceKey, invocation));
        }

        return true;
    }

    /// <summary>The path an atomic-write object was made for (<c>new SafeWriter(path)</c> held by a local), to name the target.</summary>
    private IOperation? CommitTarget(IOperation instance)
    {
        if (OperationHelpers.Unwrap(instance) is ILocalReferenceOperation local
            && facts.LocalValues.TryGetValue(local.Local, out var values)
            && values.Count == 1
            && OperationHelpers.Unwrap(values[0]) is IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    return argument.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A call of a project helper that writes one of its string parameters as a file, or moves one over another
    /// (<see cref="AW0002Helpers"/>): the write or the replace happens here, for the paths given.
    /// </summary>
    private void TryRecordHelper(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!AW0002Helpers.MayBeHelper(method, 1))
        {
            return;
        }

        var helper = AW0002Helpers.For(method, symbols);
        foreach (var pair in helper.Writes)
        {
            if (AW0002Operations.ArgumentFor(invocation.Arguments, pair.Key) is { } path)
            {
                AddWriter(path, invocation, pair.Value, isBaseStream: false, writeThrough: helper.Flushes);
            }
        }

        if (helper.Replaces is { } replace
            && AW0002Operations.ArgumentFor(invocation.Arguments, replace.Source) is { } source
            && AW0002Operations.ArgumentFor(invocation.Arguments, replace.Destination) is { } destination)
        {
            var sourceKey = Key(source);
            var destinationKey = Key(destination);
            if (!sourceKey.Equals(destinationKey))
            {
                // The helper overwrites the destination, or deletes it before the move: either way the call replaces it.
                var overwrites = replace.Overwrites || helper.Deletes.Contains(replace.Destination);
                facts.Replaces.Add(new AW0002Replace(invocation, source, destination, sourceKey, destinationKey, overwrites) { IsCopy = replace.Copy });
                if (!replace.Copy)
                {
                    facts.Removals.Add((sourceKey, invocation));
                }
            }
        }
    }

    /// <summary>
    /// A call of <c>File</c> or a <c>FileStream</c>/<c>StreamWriter</c> constructor that did not bind (an argument of a
    /// type the compilation does not know, <c>File.WriteAllText(tmp, Toml.FromModel(x))</c>): recognised by its
    /// overload candidate (<see cref="InPlaceWrites.CallShape"/>), with the arguments mapped from syntax.
    /// </summary>
    private void VisitUnbound(IInvalidOperation invalid)
    {
        // stream.Flush(true) on a stream whose type is unknown here.
        if (invalid.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Flush" }, ArgumentList.Arguments: { Count: 1 } flushArguments }
            && flushArguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression))
        {
            facts.FlushesToDisk = true;
            return;
        }

        if (invalid.SemanticModel is not { } model
            || invalid.Syntax is not (InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } or BaseObjectCreationExpressionSyntax)
            || (invalid.Syntax is InvocationExpressionSyntax { ArgumentList: var invocationArguments } ? invocationArguments : ((BaseObjectCreationExpressionSyntax)invalid.Syntax).ArgumentList) is not { Arguments.Count: > 0 } argumentList)
        {
            return;
        }

        // Code being typed (a missing argument or parenthesis) is not read.
        if (argumentList.CloseParenToken.IsMissing || argumentList.Arguments.Any(a => a.Expression.IsMissing))
        {
            return;
        }

        // The candidate that takes a path first, with room for every argument (the fewest parameters); positional
        // arguments only, as the overloads of File, FileStream and StreamWriter are written.
        IMethodSymbol? method = null;
        foreach (var candidate in model.GetSymbolInfo(invalid.Syntax).CandidateSymbols)
        {
            if (candidate is IMethodSymbol { Parameters.Length: > 0 } m && m.Parameters[0].Type.SpecialType == SpecialType.System_String
                && m.Parameters.Length >= argumentList.Arguments.Count && (method is null || m.Parameters.Length < method.Parameters.Length))
            {
                method = m;
            }
        }

        if (method is null)
        {
            return;
        }

        var name = method.Name;
        IOperation? Argument(int ordinal)
            => ordinal < argumentList.Arguments.Count && argumentList.Arguments[ordinal].NameColon is null
                ? model.GetOperation(argumentList.Arguments[ordinal].Expression)
                : null;

        AW0002OpenKind Mode()
        {
            for (var i = 0; i < argumentList.Arguments.Count && i < method.Parameters.Length; i++)
            {
                if (WellKnownTypes.Is(method.Parameters[i].Type, symbols.FileMode) && Argument(i) is { } mode)
                {
                    return ModeKind(OperationHelpers.Unwrap(mode));
                }
            }

            return AW0002OpenKind.Unknown;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            var created = method.ContainingType;
            if (Argument(0) is { } path && (WellKnownTypes.Is(created, symbols.FileStream) || WellKnownTypes.Is(created, symbols.StreamWriter)))
            {
                AddWriter(path, invalid, WellKnownTypes.Is(created, symbols.FileStream) ? Mode() : AW0002OpenKind.Truncating, isBaseStream: false);
            }

            return;
        }

        if (!WellKnownTypes.Is(method.ContainingType, symbols.File) || Argument(0) is not { } first)
        {
            return;
        }

        if (TruncatingFileMethods.Contains(name) || StaleFileMethods.Contains(name) || name == "Open")
        {
            var open = name == "Open" ? Mode() : TruncatingFileMethods.Contains(name) ? AW0002OpenKind.Truncating : AW0002OpenKind.Stale;
            AddWriter(first, invalid, open, isBaseStream: false);
        }
        else if ((name == "Move" || name == "Replace" || name == "Copy") && Argument(1) is { } second)
        {
            var sourceKey = Key(first);
            var destinationKey = Key(second);
            if (sourceKey.Equals(destinationKey))
            {
                return;
            }

            var flag = Argument(2);
            var overwrites = name == "Replace" || (flag is not null && flag.Type?.SpecialType == SpecialType.System_Boolean && !(flag.ConstantValue.HasValue && flag.ConstantValue.Value is false));
            facts.Replaces.Add(new AW0002Replace(invalid, first, second, sourceKey, destinationKey, overwrites) { IsCopy = name == "Copy" });
            if (name != "Copy")
            {
                facts.Removals.Add((sourceKey, invalid));
            }
        }
        else if (name == "Delete")
        {
            facts.Removals.Add((Key(first), invalid));
        }
    }

    private void VisitCreation(IObjectCreationOperation creation)
    {
        var constructor = creation.Constructor;
        if (constructor is null || constructor.Parameters.Length == 0 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        AW0002OpenKind open;
        if (WellKnownTypes.Is(constructor.ContainingType, symbols.FileStream))
        {
            open = OpenKindOf(creation.Arguments);
        }
        else if (WellKnownTypes.Is(constructor.ContainingType, symbols.StreamWriter))
        {
            open = StreamWriterOpenKind(creation.Arguments);
        }
        else if (WellKnownTypes.Is(constructor.ContainingType, symbols.XmlTextWriter))
        {
            open = AW0002OpenKind.Truncating; // new XmlTextWriter(path, encoding) opens with FileMode.Create.
        }
        else
        {
            return;
        }

        var pathArgument = AW0002Operations.ArgumentFor(creation.Arguments, 0);
        if (pathArgument is not null)
        {
            AddWriter(pathArgument, creation, open, isBaseStream: false);
        }
    }

    private void AddWriter(IOperation pathArgument, IOperation operation, AW0002OpenKind open, bool isBaseStream, bool writeThrough = false)
    {
        foreach (var descendant in operation.Descendants())
        {
            if (writeThrough)
            {
                break;
            }

            if (descendant is IFieldReferenceOperation fieldReference && IsWriteThrough(fieldReference.Field))
            {
                writeThrough = true;
                break;
            }
        }

        var key = Key(pathArgument);
        facts.Writers.Add(new AW0002Writer(key, operation, open, writeThrough, isBaseStream) { Method = facts });
    }

    private static AW0002OpenKind StreamWriterOpenKind(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean, Name: "append" })
            {
                var value = OperationHelpers.Unwrap(argument.Value);
                if (value.ConstantValue.HasValue && value.ConstantValue.Value is false)
                {
                    return AW0002OpenKind.Truncating;
                }

                return AW0002OpenKind.Stale;
            }
        }

        return AW0002OpenKind.Truncating;
    }

    private AW0002OpenKind OpenKindOf(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (WellKnownTypes.Is(parameterType, symbols.FileMode))
            {
                return ModeKind(OperationHelpers.Unwrap(argument.Value));
            }

            if (WellKnownTypes.Is(parameterType, symbols.FileStreamOptions))
            {
                if (OperationHelpers.Unwrap(argument.Value) is IObjectCreationOperation { Initializer: { } initializer })
                {
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Mode" } } modeAssignment)
                        {
                            return ModeKind(OperationHelpers.Unwrap(modeAssignment.Value));
                        }
                    }

                    // FileStreamOptions.Mode defaults to FileMode.Open.
                    return AW0002OpenKind.Stale;
                }

                return AW0002OpenKind.Unknown;
            }
        }

        return AW0002OpenKind.Unknown;
    }

    private static AW0002OpenKind ModeKind(IOperation value)
    {
        if (!value.ConstantValue.HasValue || value.ConstantValue.Value is null)
        {
            return AW0002OpenKind.Unknown;
        }

        int mode;
        try
        {
            mode = Convert.ToInt32(value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return AW0002OpenKind.Unknown;
        }
        catch (InvalidCastException)
        {
            return AW0002OpenKind.Unknown;
        }
        catch (OverflowException)
        {
            return AW0002OpenKind.Unknown;
        }

        switch (mode)
        {
            case 1:
                return AW0002OpenKind.CreateNew;
            case 2:
            case 5:
                return AW0002OpenKind.Truncating;
            case 3:
            case 4:
            case 6:
                return AW0002OpenKind.Stale;
            default:
                return AW0002OpenKind.Unknown;
        }
    }

    /// <summary>
    /// Which kind of move, replace, copy or rename <paramref name="method"/> is by its symbol alone, or
    /// <see cref="AW0002ReplaceKind.None"/>. A cheap name test comes first (no allocation), so this can run on every
    /// invocation; <see cref="TryRecordReplace"/> records a replace only for a method of a kind other than None.
    /// </summary>
    internal static AW0002ReplaceKind ClassifyReplace(IMethodSymbol method, WellKnownTypes symbols)
    {
        var name = method.Name;
        if (!IsReplaceName(name))
        {
            return AW0002ReplaceKind.None;
        }

        var containing = method.ContainingType;
        if (containing is null)
        {
            return AW0002ReplaceKind.None;
        }

        if (WellKnownTypes.Is(containing, symbols.File))
        {
            return name == "Move" || name == "Replace" || name == "Copy" ? AW0002ReplaceKind.File : AW0002ReplaceKind.None;
        }

        if (WellKnownTypes.Is(containing, symbols.FileInfo)
            || ((name == "MoveTo" || name == "CopyTo") && WellKnownTypes.IsAbstraction(containing, symbols.AbstractionsFileInfo, "IFileInfo")))
        {
            return name == "MoveTo" || name == "Replace" || name == "CopyTo" ? AW0002ReplaceKind.FileInfo : AW0002ReplaceKind.None;
        }

        // tmp.MoveToAsync(target, overwrite) on a project's own path type (an instance method, or an extension on it)
        // that moves the file its receiver names to another instance of the type.
        if (name is "MoveTo" or "MoveToAsync" or "MoveAsync" && IsPathTypeMove(method, symbols))
        {
            return AW0002ReplaceKind.PathType;
        }

        // A P/Invoke is a replace only under a P/Invoke name, any other method only as a wrapper; the attribute look-up of
        // IsPlatformInvoke is left for the few methods that pass one of the two cheaper tests.
        var platformInvokeName = PlatformInvokeOverwrites(name) is not null;
        var wrapper = WrapperMoveNames.Contains(name) && IsWrapperCandidate(method, 2, symbols);
        if (!platformInvokeName && !wrapper)
        {
            return AW0002ReplaceKind.None;
        }

        if (AW0002Operations.IsPlatformInvoke(method))
        {
            return platformInvokeName ? AW0002ReplaceKind.PlatformInvoke : AW0002ReplaceKind.None;
        }

        return wrapper ? AW0002ReplaceKind.Wrapper : AW0002ReplaceKind.None;
    }

    /// <summary>
    /// A move method of a project's path type: an instance method of it, or an extension method whose <c>this</c>
    /// parameter is it, whose next parameter (the destination) is the same path type or a string.
    /// </summary>
    private static bool IsPathTypeMove(IMethodSymbol method, WellKnownTypes symbols)
    {
        var definition = method.ReducedFrom ?? method;
        var extension = definition.IsExtensionMethod && definition.Parameters.Length > 1;
        var carrier = extension ? definition.Parameters[0].Type as INamedTypeSymbol : definition.IsStatic ? null : definition.ContainingType;
        var destinationOrdinal = extension ? 1 : 0;
        if (carrier is null || definition.Parameters.Length <= destinationOrdinal || !InPlaceWrites.PathCarriers.IsPathType(carrier, symbols))
        {
            return false;
        }

        var destination = definition.Parameters[destinationOrdinal].Type;
        return destination.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(destination.OriginalDefinition, carrier.OriginalDefinition);
    }

    /// <summary>Every name <see cref="ClassifyReplace"/> can accept, whatever the containing type.</summary>
    private static bool IsReplaceName(string name)
    {
        switch (name)
        {
            case "Move":
            case "MoveTo":
            case "MoveToAsync":
            case "MoveAsync":
            case "Replace":
            case "Copy":
            case "CopyTo":
            case "MoveFile":
            case "MoveFileW":
            case "MoveFileA":
            case "MoveFileEx":
            case "MoveFileExW":
            case "MoveFileExA":
            case "MoveFileTransacted":
            case "MoveFileTransactedW":
            case "ReplaceFile":
            case "ReplaceFileW":
            case "ReplaceFileA":
            case "rename":
            case "_wrename":
            case "Rename":
            case "RenameFile":
            case "MoveOrReplace":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether a P/Invoke move, replace or rename of this name overwrites its destination; null for other names.</summary>
    private static bool? PlatformInvokeOverwrites(string name)
    {
        switch (name)
        {
            case "MoveFileEx":
            case "MoveFileExW":
            case "MoveFileExA":
            case "MoveFileTransacted":
            case "MoveFileTransactedW":
            case "rename":
            case "_wrename":
                return true;
            case "MoveFile":
            case "MoveFileW":
            case "MoveFileA":
                return false;
            case "ReplaceFile":
            case "ReplaceFileW":
            case "ReplaceFileA":
                return true;
            default:
                return null;
        }
    }

    private bool TryRecordReplace(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        IOperation? source;
        IOperation? destination;
        bool overwrites;

        switch (ClassifyReplace(method, symbols))
        {
            case AW0002ReplaceKind.File:
                source = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, 1);
                overwrites = name == "Replace" || OverwriteFlag(invocation.Arguments, 2);
                break;
            case AW0002ReplaceKind.FileInfo:
                source = FileInfoPath(invocation.Instance);
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
                overwrites = name == "Replace" || OverwriteFlag(invocation.Arguments, 1);
                break;
            case AW0002ReplaceKind.PlatformInvoke:
                overwrites = PlatformInvokeOverwrites(name) ?? false;
                var replaceOrder = name.StartsWith("ReplaceFile", StringComparison.Ordinal);
                source = AW0002Operations.ArgumentFor(invocation.Arguments, replaceOrder ? 1 : 0);
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, replaceOrder ? 0 : 1);
                break;
            case AW0002ReplaceKind.Wrapper:
                source = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, 1);
                overwrites = name.IndexOf("Replace", StringComparison.Ordinal) >= 0 || OverwriteFlag(invocation.Arguments, 2);
                break;
            case AW0002ReplaceKind.PathType when method.IsExtensionMethod || method.ReducedFrom is not null:
                source = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, 1);
                overwrites = OverwriteFlag(invocation.Arguments, 2);
                break;
            case AW0002ReplaceKind.PathType:
                source = invocation.Instance;
                destination = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
                overwrites = OverwriteFlag(invocation.Arguments, 1);
                break;
            default:
                return false;
        }

        if (source is null || destination is null)
        {
            return false;
        }

        var sourceKey = Key(source);
        var destinationKey = Key(destination);
        if (sourceKey.Equals(destinationKey))
        {
            return false;
        }

        facts.Replaces.Add(new AW0002Replace(invocation, source, destination, sourceKey, destinationKey, overwrites) { IsCopy = name == "Copy" || name == "CopyTo" });

        // The source is gone from its place once moved.
        if (name != "Copy" && name != "CopyTo")
        {
            facts.Removals.Add((sourceKey, invocation));
        }

        return true;
    }

    private bool TryRecordDelete(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        IOperation? target;
        if (WellKnownTypes.Is(containing, symbols.File))
        {
            if (method.Name != "Delete")
            {
                return false;
            }

            target = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
        }
        else if (IsFileInfoLike(containing))
        {
            if (method.Name != "Delete")
            {
                return false;
            }

            target = FileInfoPath(invocation.Instance);
        }
        else if ((AW0002Operations.IsPlatformInvoke(method) || IsWrapperCandidate(method, 1, symbols)) && WrapperDeleteNames.Contains(method.Name))
        {
            target = AW0002Operations.ArgumentFor(invocation.Arguments, 0);
        }
        else
        {
            return false;
        }

        if (target is null)
        {
            return false;
        }

        facts.Removals.Add((Key(target), invocation));
        return true;
    }

    /// <summary>A user-defined (or System.IO.Abstractions) file helper whose first <paramref name="stringParameters"/> parameters are strings.</summary>
    private static bool IsWrapperCandidate(IMethodSymbol method, int stringParameters, WellKnownTypes symbols)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.Parameters.Length < stringParameters)
        {
            return false;
        }

        for (var i = 0; i < stringParameters; i++)
        {
            if (method.Parameters[i].Type.SpecialType != SpecialType.System_String)
            {
                return false;
            }
        }

        var returnType = method.ReturnType;
        var returnOk = method.ReturnsVoid
            || returnType.SpecialType == SpecialType.System_Boolean
            || returnType.SpecialType == SpecialType.System_Int32
            || returnType.Name == "Task"
            || returnType.Name == "ValueTask";
        if (!returnOk)
        {
            return false;
        }

        var containing = method.ContainingType;
        if (containing is null || containing.SpecialType == SpecialType.System_String
            || WellKnownTypes.Is(containing, symbols.Directory) || WellKnownTypes.Is(containing, symbols.Path))
        {
            return false;
        }

        var ns = containing.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if ((ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)) && !ns.StartsWith("System.IO.Abstractions", StringComparison.Ordinal))
        {
            return false;
        }

        return true;
    }

    private static bool OverwriteFlag(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        var value = AW0002Operations.ArgumentFor(arguments, ordinal);
        if (value is null || value.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return false;
        }

        return !(value.ConstantValue.HasValue && value.ConstantValue.Value is false);
    }

    private IOperation? FileInfoPath(IOperation? instance)
    {
        instance = instance is null ? null : OperationHelpers.Unwrap(instance);
        if (instance is ILocalReferenceOperation localReference
            && facts.LocalValues.TryGetValue(localReference.Local, out var values)
            && values.Count == 1)
        {
            instance = OperationHelpers.Unwrap(values[0]);
        }

        if (instance is IObjectCreationOperation creation && WellKnownTypes.Is(creation.Type, symbols.FileInfo))
        {
            return AW0002Operations.ArgumentFor(creation.Arguments, 0);
        }

        // fileSystem.FileInfo.New(path) (or FromFileName) of System.IO.Abstractions.
        if (instance is IInvocationOperation { TargetMethod: { Name: "New" or "FromFileName", IsStatic: false } factoryMethod } factoryCall
            && WellKnownTypes.IsAbstraction(factoryMethod.ContainingType, symbols.AbstractionsFileInfoFactory, "IFileInfoFactory"))
        {
            return AW0002Operations.ArgumentFor(factoryCall.Arguments, 0);
        }

        return null;
    }
}
