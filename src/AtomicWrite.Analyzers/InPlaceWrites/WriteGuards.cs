namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Shapes that make an in-place write harmless or not in place: the write only runs when the file does not exist
/// (<c>if (!File.Exists(p))</c>, also joined by <c>&amp;&amp;</c> with more conditions, or after an earlier
/// <c>if (File.Exists(p)) return;</c>, or in a <c>catch (FileNotFoundException)</c>), or the written path is a temporary that is then moved or replaced over the real
/// file in the same method (a hand-rolled atomic write, which is AW0002's concern).
/// </summary>
internal static class WriteGuards
{
    public static bool IsGuardedOrRenamed(IOperation sinkOperation, SinkCall sink)
    {
        if (sink.Path is null)
        {
            return false;
        }

        if (PathKey.Of(sink.Path) is not { } pathKey)
        {
            return false;
        }

        if (IsExistenceGuarded(sinkOperation, pathKey))
        {
            return true;
        }

        // write(temp) ... File.Move(temp, real) / File.Replace(temp, real, backup)
        foreach (var invocation in OperationTracing.InvocationsInBody(sinkOperation))
        {
            if (IsMoveOrReplace(invocation.TargetMethod))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { Ordinal: 0 } && pathKey.Matches(argument.Value))
                    {
                        return true;
                    }
                }

                if (invocation.TargetMethod.Name is "MoveTo" or "Replace" && invocation.Instance is { } instance && pathKey.Matches(instance))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The call (a write, or a call that passes <paramref name="path"/> on to a wrapper) runs only when the file does
    /// not exist yet.
    /// </summary>
    public static bool IsExistenceGuarded(IOperation operation, IOperation path) => PathKey.Of(path) is { } pathKey && IsExistenceGuarded(operation, pathKey);

    /// <summary>
    /// if (!File.Exists(path)) { ...write... }; an earlier if (File.Exists(path)) return; in an enclosing block (also
    /// at the top of a try block before it); or a write in a catch (FileNotFoundException) clause.
    /// </summary>
    private static bool IsExistenceGuarded(IOperation operation, PathKey pathKey)
    {
        IOperation? child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && child == conditional.WhenTrue && IsNotExists(conditional.Condition, pathKey))
            {
                return true;
            }

            if (parent is IBlockOperation block && ExitsEarlierWhenExists(block, child, pathKey))
            {
                return true;
            }

            if (parent is ICatchClauseOperation { ExceptionType.Name: "FileNotFoundException" })
            {
                return true;
            }

            if (parent is IMethodBodyOperation || parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
            {
                break;
            }
        }

        return false;
    }

    private static bool IsMoveOrReplace(IMethodSymbol method)
    {
        var typeName = method.ContainingType?.Name;
        if (method.Name is "Move" or "Replace")
        {
            if (typeName is "File" or "IFile" or "FileBase" or "FileWrapper" or "MockFile")
            {
                return true;
            }
        }

        // A project's own helper (FileUtility.Move(temp, path), IoHelper.ReplaceFile(...)): two path strings first.
        if (method.Name is "Move" or "MoveFile" or "Replace" or "ReplaceFile" or "Rename" or "RenameFile"
            && method.Parameters.Length >= 2
            && method.ContainingType is { SpecialType: SpecialType.None, Name: not "StringBuilder" and not "Regex" }
            && method.Parameters[0].Type.SpecialType == SpecialType.System_String
            && method.Parameters[1].Type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        return method.Name is "MoveTo" or "Replace" && typeName is "FileInfo" or "IFileInfo" or "FileInfoBase";
    }

    /// <summary>
    /// A statement before <paramref name="child"/> in <paramref name="block"/> leaves the method when the file exists:
    /// <c>if (File.Exists(path)) return;</c>, or <c>throw</c>, also with more conditions joined by <c>||</c>.
    /// </summary>
    private static bool ExitsEarlierWhenExists(IBlockOperation block, IOperation child, PathKey pathKey)
    {
        foreach (var statement in block.Operations)
        {
            if (statement == child)
            {
                return false;
            }

            if (ExitsWhenExists(statement, pathKey))
            {
                return true;
            }

            // try { if (File.Exists(path)) return; ... } catch { } followed by the write.
            if (statement is ITryOperation { Body: { } body })
            {
                foreach (var inner in body.Operations)
                {
                    if (ExitsWhenExists(inner, pathKey))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool ExitsWhenExists(IOperation statement, PathKey pathKey) =>
        statement is IConditionalOperation { WhenFalse: null } conditional && IsExists(conditional.Condition, pathKey) && AlwaysExits(conditional.WhenTrue);

    /// <summary>True only when the file exists: <c>File.Exists(p)</c>, <c>fileInfo.Exists</c>, or a <c>||</c> that has one.</summary>
    private static bool IsExists(IOperation condition, PathKey pathKey)
    {
        var value = OperationHelpers.Unwrap(condition);
        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or)
        {
            return IsExists(or.LeftOperand, pathKey) || IsExists(or.RightOperand, pathKey);
        }

        return IsExistsCheck(value, pathKey);
    }

    /// <summary><c>File.Exists(p)</c> (any <c>Exists(p)</c> call) or <c>fileInfo.Exists</c>, for the path of <paramref name="pathKey"/>.</summary>
    private static bool IsExistsCheck(IOperation value, PathKey pathKey) => value switch
    {
        IInvocationOperation { TargetMethod.Name: "Exists", Arguments.Length: >= 1 } exists => pathKey.Matches(exists.Arguments[0].Value),
        IPropertyReferenceOperation { Property.Name: "Exists", Instance: { } instance } => pathKey.Matches(instance),
        _ => false,
    };

    private static bool AlwaysExits(IOperation statement)
    {
        var last = statement is IBlockOperation block ? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1] : null) : statement;
        return last is IReturnOperation or IThrowOperation || last is IExpressionStatementOperation { Operation: IThrowOperation }
            || last is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue };
    }

    private static bool IsNotExists(IOperation condition, PathKey pathKey)
    {
        var value = OperationHelpers.Unwrap(condition);

        // !File.Exists(a) && !File.Exists(b): the write runs only when every one of them is missing.
        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
        {
            return IsNotExists(and.LeftOperand, pathKey) || IsNotExists(and.RightOperand, pathKey);
        }

        // !File.Exists(p), !fileInfo.Exists
        if (value is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return IsExistsCheck(OperationHelpers.Unwrap(not.Operand), pathKey);
        }

        // File.Exists(p) == false
        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary
            && binary.RightOperand.ConstantValue.Value is false
            && OperationHelpers.Unwrap(binary.LeftOperand) is IInvocationOperation { TargetMethod.Name: "Exists" } exists2
            && exists2.Arguments.Length >= 1)
        {
            return pathKey.Matches(exists2.Arguments[0].Value);
        }

        return false;
    }

    /// <summary>
    /// A comparable key for a path expression: the local, parameter, field or property it reads, or else its text.
    /// Symbols are compared as symbols, so no display string is built for every call that is checked.
    /// </summary>
    private readonly struct PathKey
    {
        private readonly ISymbol? _symbol;
        private readonly string? _text;

        private PathKey(ISymbol? symbol, string? text)
        {
            _symbol = symbol;
            _text = text;
        }

        public static PathKey? Of(IOperation operation)
        {
            var value = OperationHelpers.Unwrap(operation);
            if (OperationHelpers.ReferencedSymbol(value) is { } symbol)
            {
                return new PathKey(symbol, null);
            }

            var text = value.Syntax.ToString();
            return text.Length > 0 ? new PathKey(null, text) : null;
        }

        public bool Matches(IOperation operation) => Of(operation) is { } other
            && (_symbol is not null
                ? other._symbol is not null && SymbolEqualityComparer.Default.Equals(_symbol, other._symbol)
                : other._symbol is null && other._text == _text);
    }
}
