namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// A read-modify-write of one file: the writing method first reads the file from the same local, parameter or member
/// path (<c>File.ReadAllText</c>, <c>File.ReadAllBytes</c>, <c>File.OpenRead</c>, a <c>StreamReader</c> or read-mode
/// <c>FileStream</c>, <c>XDocument.Load</c>), and what it then writes is made from what it read (an entry updated, the
/// content encrypted or decrypted). The old content is the only copy of that data: a torn write loses it. A read whose
/// result only decides whether to write (an unchanged-content check before rewriting a generated file) is not one.
/// Looked at only for a write that would otherwise stay below the threshold; only the writing method's own operations
/// are searched.
/// </summary>
internal static class ReadModifyWrite
{
    /// <summary>The name of the reading API when the method rewrites content it read from the same path before the write; else null.</summary>
    public static string? ReadFirst(SinkCall sink, IOperation operation)
    {
        if (sink.Path is not { } writtenPath || operation.Syntax is not { } writeSyntax)
        {
            return null;
        }

        // The reads of the same path before the write.
        List<IOperation>? reads = null;
        string? readName = null;
        foreach (var candidate in OperationTracing.OperationsInBody(operation))
        {
            if (candidate.Syntax.SpanStart >= writeSyntax.SpanStart || candidate == operation)
            {
                continue;
            }

            if (ReadPath(candidate, out var name) is { } readPath && SamePath(readPath, writtenPath))
            {
                (reads ??= new List<IOperation>()).Add(candidate);
                readName ??= name;
            }
        }

        if (reads is null)
        {
            return null;
        }

        // The locals that hold what was read, or values made from it.
        var tainted = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var read in reads)
        {
            if (HolderOf(read) is { } holder)
            {
                tainted.Add(holder);
            }
        }

        for (var round = 0; round < 4; round++)
        {
            var grew = false;
            foreach (var candidate in OperationTracing.OperationsInBody(operation))
            {
                var (target, value) = candidate switch
                {
                    IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator => (declarator.Symbol, initial),
                    IAssignmentOperation { Target: ILocalReferenceOperation local } assignment => (local.Local, assignment.Value),
                    _ => (null, null),
                };
                if (target is null || value is null || tainted.Contains(target))
                {
                    continue;
                }

                if (MadeFrom(value, tainted, reads))
                {
                    tainted.Add(target);
                    grew = true;
                }
            }

            if (!grew)
            {
                break;
            }
        }

        // What the write puts in the file is made from what was read.
        if (sink.Content is { } content)
        {
            return MadeFrom(content, tainted, reads) ? readName : null;
        }

        if (sink.Kind is SinkKind.Stream or SinkKind.Writer or SinkKind.Abstraction && tainted.Count > 0)
        {
            foreach (var invocation in OperationTracing.InvocationsInBody(operation))
            {
                if (invocation.Syntax.SpanStart <= writeSyntax.SpanStart)
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (MadeFrom(argument.Value, tainted, reads))
                    {
                        return readName;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when the writing method reads the same path before the write only to compare what it read with other
    /// content (<c>==</c>, <c>!=</c>, <c>Equals</c>, <c>SequenceEqual</c>), directly or through a local that is used for
    /// nothing else: it rewrites the file whenever the file differs, so a torn copy is written again on the next run.
    /// </summary>
    public static bool ComparedBeforeWrite(SinkCall sink, IOperation operation)
    {
        if (sink.Path is not { } writtenPath || operation.Syntax is not { } writeSyntax)
        {
            return false;
        }

        var compared = false;
        foreach (var candidate in OperationTracing.OperationsInBody(operation))
        {
            if (candidate.Syntax.SpanStart >= writeSyntax.SpanStart || candidate == operation
                || ReadPath(candidate, out _) is not { } readPath || !SamePath(readPath, writtenPath))
            {
                continue;
            }

            if (!OnlyCompared(candidate, operation))
            {
                return false; // the method also uses what it read: a read-modify-write or a real read-back.
            }

            compared = true;
        }

        return compared;
    }

    /// <summary>The read's value (through awaits and conversions, or the local it initializes) is used only in equality comparisons.</summary>
    private static bool OnlyCompared(IOperation read, IOperation site)
    {
        var value = read;
        while (value.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation or ICoalesceOperation
            || (value.Parent is IConditionalOperation conditional && conditional.Condition != value))
        {
            value = value.Parent;
        }

        if (IsComparison(value))
        {
            return true;
        }

        if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return false;
        }

        var uses = 0;
        foreach (var candidate in OperationTracing.OperationsInBody(site))
        {
            if (candidate is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol))
            {
                uses++;
                if (!IsComparison(candidate))
                {
                    return false;
                }
            }
        }

        return uses > 0;
    }

    /// <summary>The value is an operand of <c>==</c>/<c>!=</c>, or the receiver or an argument of <c>Equals</c>/<c>SequenceEqual</c>.</summary>
    private static bool IsComparison(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Equals" or "SequenceEqual" } } => true,
            IInvocationOperation { TargetMethod.Name: "Equals" or "SequenceEqual" } invocation => invocation.Instance == value,
            _ => false,
        };
    }

    /// <summary>The value refers to one of the tainted locals or is (or holds) one of the reads.</summary>
    private static bool MadeFrom(IOperation value, HashSet<ILocalSymbol> tainted, List<IOperation> reads)
    {
        foreach (var node in value.DescendantsAndSelf())
        {
            if (node is ILocalReferenceOperation local && tainted.Contains(local.Local))
            {
                return true;
            }

            foreach (var read in reads)
            {
                if (node == read)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The local that a read's result (or the reader it makes) is stored in: its declaration or an assignment.</summary>
    private static ILocalSymbol? HolderOf(IOperation read)
    {
        for (var node = read.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator:
                    return declarator.Symbol;
                case IAssignmentOperation { Target: ILocalReferenceOperation local }:
                    return local.Local;
                case IBlockOperation:
                case IExpressionStatementOperation:
                case IReturnOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The path a read takes: <c>File.Read…</c>, <c>File.OpenRead</c>/<c>OpenText</c>, <c>File.Open</c> with <c>FileMode.Open</c> and read-only access, <c>XDocument</c>/<c>XElement</c>/<c>XmlDocument</c> <c>Load</c>, a <c>StreamReader</c> on a path or a read-mode <c>FileStream</c>.</summary>
    private static IOperation? ReadPath(IOperation operation, out string name)
    {
        name = string.Empty;
        switch (operation)
        {
            case IInvocationOperation invocation when invocation.Arguments.Length > 0:
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType?.Name;
                var first = FirstArgument(invocation.Arguments);
                if (first is null || first.Type?.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                if (type == "File" && (method.Name.StartsWith("Read", System.StringComparison.Ordinal) || method.Name is "OpenRead" or "OpenText"))
                {
                    name = "File." + method.Name;
                    return first;
                }

                if (type == "File" && method.Name == "Open" && OpensForReading(invocation.Arguments))
                {
                    name = "File.Open";
                    return first;
                }

                if (type is "XDocument" or "XElement" or "XmlDocument" && method.Name == "Load")
                {
                    name = type + ".Load";
                    return first;
                }

                return null;
            }

            case IObjectCreationOperation { Constructor: { } constructor } creation when creation.Arguments.Length > 0:
            {
                var first = FirstArgument(creation.Arguments);
                if (first?.Type?.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                if (constructor.ContainingType.Name == "StreamReader")
                {
                    name = "new StreamReader";
                    return first;
                }

                if (constructor.ContainingType.Name == "FileStream" && OpensForReading(creation.Arguments))
                {
                    name = "new FileStream";
                    return first;
                }

                return null;
            }

            default:
                return null;
        }
    }

    private static IOperation? FirstArgument(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A constant <c>FileMode.Open</c> with no access, or a <c>FileAccess.Read</c> access.</summary>
    private static bool OpensForReading(ImmutableArray<IArgumentOperation> arguments)
    {
        var open = false;
        int? access = null;
        foreach (var argument in arguments)
        {
            var type = argument.Value.Type?.Name;
            if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
            {
                continue;
            }

            if (type == "FileMode")
            {
                open = value == 3; // FileMode.Open
            }
            else if (type == "FileAccess")
            {
                access = value;
            }
        }

        return access is null ? open : access == 1; // FileAccess.Read
    }

    /// <summary>The same local, parameter, or member of the same instance; else the same expression, by syntax.</summary>
    private static bool SamePath(IOperation read, IOperation written)
    {
        var a = OperationHelpers.Unwrap(read);
        var b = OperationHelpers.Unwrap(written);
        switch (a, b)
        {
            case (ILocalReferenceOperation x, ILocalReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Local, y.Local);
            case (IParameterReferenceOperation x, IParameterReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter);
            case (IFieldReferenceOperation x, IFieldReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Field, y.Field) && SameInstance(x.Instance, y.Instance);
            case (IPropertyReferenceOperation x, IPropertyReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Property, y.Property) && x.Arguments.IsEmpty && SameInstance(x.Instance, y.Instance);
            case (ILiteralOperation, _):
            case (_, ILiteralOperation):
                return false; // a constant file name is read back through the compilation's index
            default:
                return a.Syntax.IsEquivalentTo(b.Syntax, topLevel: false) && a.Kind == b.Kind && a.Kind != OperationKind.Invalid
                    && a is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation);
        }
    }

    private static bool SameInstance(IOperation? a, IOperation? b) => (a, b) switch
    {
        (null, null) => true,
        (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
        (ILocalReferenceOperation x, ILocalReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Local, y.Local),
        (IParameterReferenceOperation x, IParameterReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter),
        (IFieldReferenceOperation x, IFieldReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Field, y.Field) && SameInstance(x.Instance, y.Instance),
        _ => false,
    };
}
