namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>Follows a path expression through literals, constants, interpolations, Path.Combine, concatenations,
/// conditionals, locals, fields, properties and small methods, collecting <see cref="PathFacts"/>.</summary>
internal sealed class PathTracer
{
    private const int MaxDepth = 6;
    private const int MaxAlternatives = 6;
    private const int MaxNodes = 80;
    private const string Unknown = "*";

    private readonly WellKnownTypes _symbols;
    private readonly OperationTracing _tracing;
    private readonly CancellationToken _cancellationToken;
    private readonly PathFacts _facts = new();
    private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);
    private int _nodes;
    private int _directoryDepth;

    private PathTracer(WellKnownTypes symbols, OperationTracing tracing, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _tracing = tracing;
        _cancellationToken = cancellationToken;
    }

    public static PathFacts Trace(IOperation? path, WellKnownTypes symbols, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var tracer = new PathTracer(symbols, tracing, cancellationToken);
        if (path is null)
        {
            tracer._facts.Candidates.Add(Unknown);
            return tracer._facts;
        }

        var root = OperationHelpers.Unwrap(path);
        tracer._facts.RootSymbol = OperationHelpers.ReferencedSymbol(root);
        foreach (var candidate in tracer.Visit(path, 0))
        {
            tracer._facts.Candidates.Add(candidate);
        }

        tracer.FindReadBack(root);
        return tracer._facts;
    }

    /// <summary>A path held in a field or property (directly, or through a local set from it) that the type reads back.</summary>
    private void FindReadBack(IOperation root)
    {
        if (root is ILocalReferenceOperation local && OperationTracing.LocalInitializer(local) is { } initializer)
        {
            root = OperationHelpers.Unwrap(initializer);
        }

        ISymbol? member = root switch
        {
            IFieldReferenceOperation f => f.Field,
            IPropertyReferenceOperation p => p.Property,
            _ => null,
        };
        if (member is null || root.SemanticModel?.Compilation is not { } compilation)
        {
            return;
        }

        var readBack = ReadBackIndex.For(compilation).Reader(member.OriginalDefinition, root, _tracing, _cancellationToken);
        if (readBack is not null)
        {
            _facts.ReadBack = (member.Name, readBack.Reader, readBack.EmptyCheck, readBack.SameTypeOnly);
        }
    }

    private List<string> One(string value) => new() { value };

    private List<string> Visit(IOperation? operation, int depth)
    {
        if (operation is null || depth > MaxDepth || ++_nodes > MaxNodes)
        {
            return One(Unknown);
        }

        _cancellationToken.ThrowIfCancellationRequested();
        operation = OperationHelpers.Unwrap(operation);
        if (operation.ConstantValue.HasValue)
        {
            if (operation is IFieldReferenceOperation constantField)
            {
                AddIdentifier(constantField.Field.Name);
                CheckAttributes(constantField.Field);
            }

            return One(operation.ConstantValue.Value as string ?? Unknown);
        }

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
            {
                // Parts before the last separator are the directory: their names are weaker evidence.
                var result = One(string.Empty);
                var directory = false;
                for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                {
                    var part = interpolated.Parts[i];
                    List<string> next;
                    if (part is IInterpolatedStringTextOperation text)
                    {
                        var value = text.Text.ConstantValue.Value as string ?? string.Empty;
                        next = One(value);
                        if (value.IndexOf('/') >= 0 || value.IndexOf('\\') >= 0)
                        {
                            directory = true;
                        }
                    }
                    else if (part is IInterpolationOperation hole)
                    {
                        next = directory ? VisitDirectory(hole.Expression, depth + 1) : Visit(hole.Expression, depth + 1);
                    }
                    else
                    {
                        next = One(Unknown);
                    }

                    result = Concat(next, result, null);
                }

                return result;
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
            {
                var right = Visit(binary.RightOperand, depth + 1);
                var rightHasSeparator = right.TrueForAll(r => r.IndexOf('/') >= 0 || r.IndexOf('\\') >= 0);
                var left = rightHasSeparator ? VisitDirectory(binary.LeftOperand, depth + 1) : Visit(binary.LeftOperand, depth + 1);
                return Concat(left, right, null);
            }

            case IConditionalOperation conditional:
                return Union(Visit(conditional.WhenTrue, depth + 1), Visit(conditional.WhenFalse, depth + 1));

            case ISwitchExpressionOperation switchExpression:
            {
                // path = kind switch { Kind.A => "a.json", _ => "b.json" }: every arm is a file the call may write.
                List<string>? arms = null;
                foreach (var arm in switchExpression.Arms)
                {
                    var next = Visit(arm.Value, depth + 1);
                    arms = arms is null ? next : Union(arms, next);
                }

                return arms ?? One(Unknown);
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide, OperatorMethod: not null } pathJoin:
                // A path type's own join operator (root / "settings.json"): a directory and a name.
                return Concat(VisitDirectory(pathJoin.LeftOperand, depth + 1), Visit(pathJoin.RightOperand, depth + 1), "/");

            case ICoalesceOperation coalesce:
                return Union(Visit(coalesce.Value, depth + 1), Visit(coalesce.WhenNull, depth + 1));

            case IInvocationOperation invocation:
                return VisitInvocation(invocation, depth);

            case IObjectCreationOperation creation:
                if (creation.Constructor is { } ctor && (ctor.ContainingType?.Name == "FileInfo" || ctor.ContainingType?.Name == "Uri") && creation.Arguments.Length > 0)
                {
                    return Visit(creation.Arguments[0].Value, depth + 1);
                }

                // new FilePath("settings.json"): a project's own path type made from a string.
                if (creation.Constructor is { Parameters.Length: > 0 } carrierCtor && PathCarriers.IsPathType(carrierCtor.ContainingType, _symbols)
                    && creation.Arguments.Length > 0 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
                {
                    return Visit(creation.Arguments[0].Value, depth + 1);
                }

                return One(Unknown);

            case ILocalReferenceOperation local:
                AddIdentifier(local.Local.Name);
                if (_visited.Add(local.Local))
                {
                    if (OperationTracing.LocalInitializer(local) is { } initializer)
                    {
                        return Visit(initializer, depth + 1);
                    }

                    return VisitLocalWithoutInitializer(local, depth);
                }

                return One(Unknown);

            case IParameterReferenceOperation parameter:
                AddIdentifier(parameter.Parameter.Name);
                CheckAttributes(parameter.Parameter);

                // An optional path parameter: its default value is a path the method writes.
                if (parameter.Parameter.HasExplicitDefaultValue && parameter.Parameter.ExplicitDefaultValue is string defaultPath)
                {
                    return new List<string> { Unknown, defaultPath };
                }

                // A constructor parameter: the values derived types pass in base(...), or the same type in this(...).
                return VisitConstructorParameter(parameter.Parameter, parameter.SemanticModel?.Compilation, depth);

            case IFieldReferenceOperation field:
                AddIdentifier(field.Field.Name);
                CheckAttributes(field.Field);
                return VisitMember(field.Field, field.Instance, depth);

            case IPropertyReferenceOperation property:
                return VisitProperty(property, depth);

            case IInvalidOperation invalid:
                // Code with errors (a type that does not resolve): keep the names and literals it holds.
                if (invalid.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: var callee })
                {
                    var name = callee switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => string.Empty,
                    };
                    AddIdentifier(name);
                }

                List<string>? found = null;
                foreach (var child in invalid.ChildOperations)
                {
                    var next = Visit(child, depth + 2);
                    if (next.Exists(c => c != Unknown))
                    {
                        found = found is null ? next : Union(found, next);
                    }
                }

                return found is null ? One(Unknown) : Union(One(Unknown), found);

            default:
                return One(Unknown);
        }
    }

    private List<string> VisitConstructorParameter(IParameterSymbol parameter, Compilation? compilation, int depth)
    {
        if (compilation is null || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } || !_visited.Add(parameter))
        {
            return One(Unknown);
        }

        var values = ConstructorArguments.For(compilation).ValuesOf(parameter, _tracing, _cancellationToken);
        List<string>? result = null;
        foreach (var value in values)
        {
            var next = Visit(value, depth + 1);
            result = result is null ? next : Union(result, next);
        }

        // Other callers (new T(...)) are not searched: the path may be something else too.
        return result is null ? One(Unknown) : Union(result, One(Unknown));
    }

    private List<string> VisitProperty(IPropertyReferenceOperation property, int depth)
    {
        var symbol = property.Property;
        var containing = symbol.ContainingType;
        if (property.Instance is { } instance && instance.Type is { } instanceType)
        {
            // sfd.FileName where sfd is a SaveFileDialog / OpenFileDialog / FileDialog: a user-chosen path.
            if (IsDialog(instanceType))
            {
                _facts.UserChosen = true;
                return One(Unknown);
            }

            // fileInfo.FullName / .Name: the file info's own path.
            if ((symbol.Name == "FullName" || symbol.Name == "Name") && (containing?.Name == "FileInfo" || containing?.Name == "FileSystemInfo" || containing?.Name == "IFileInfo" || containing?.Name == "IFileSystemInfo"))
            {
                return Visit(instance, depth + 1);
            }
        }

        // file.FullPath / file.Value where file is a project's own path type: the path is the instance itself.
        if (property.Instance is { } carrier and not IInstanceReferenceOperation && symbol.Type.SpecialType == SpecialType.System_String
            && IsGenericPathName(symbol.Name) && carrier.Type is INamedTypeSymbol carrierType && PathCarriers.IsPathType(carrierType, _symbols))
        {
            var fromInstance = Visit(carrier, depth + 1);
            if (fromInstance.Exists(c => c != Unknown))
            {
                return fromInstance;
            }
        }

        AddIdentifier(symbol.Name);
        CheckAttributes(symbol);
        return VisitMember(symbol, property.Instance, depth);
    }

    /// <summary>
    /// A local declared without a value: one assigned in the branches of a <c>switch</c> or an <c>if</c>
    /// (<c>string path; switch (kind) { case A: path = "a.json"; break; … }</c>), or a pattern variable
    /// (<c>if (x is string path)</c>, <c>case AbsolutePath path:</c>) whose value is the expression tested.
    /// Syntax of the enclosing member only; every assigned value is a file the call may write.
    /// </summary>
    private List<string> VisitLocalWithoutInitializer(ILocalReferenceOperation local, int depth)
    {
        var model = local.SemanticModel;
        if (model is null || local.Local.DeclaringSyntaxReferences.Length != 1)
        {
            return One(Unknown);
        }

        var declaration = local.Local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
        if (declaration.SyntaxTree != model.SyntaxTree)
        {
            return One(Unknown);
        }

        if (declaration is Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax designation)
        {
            var tested = PatternSubject(designation);
            return tested is not null && model.GetOperation(tested, _cancellationToken) is { } subject ? Visit(subject, depth + 1) : One(Unknown);
        }

        if (declaration is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax)
        {
            return One(Unknown);
        }

        SyntaxNode? body = declaration;
        while (body is not null && body is not (Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax))
        {
            body = body.Parent;
        }

        if (body is null)
        {
            return One(Unknown);
        }

        var name = local.Local.Name;
        List<string>? result = null;
        var count = 0;
        foreach (var node in body.DescendantNodes())
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax left } assignment
                && assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) && left.Identifier.ValueText == name
                && ++count <= MaxAlternatives && model.GetOperation(assignment.Right, _cancellationToken) is { } value)
            {
                var next = Visit(value, depth + 1);
                result = result is null ? next : Union(result, next);
            }
        }

        return result ?? One(Unknown);
    }

    /// <summary>The expression a pattern variable is taken from: the tested value of <c>is</c>, a <c>switch</c> statement or a switch expression.</summary>
    private static SyntaxNode? PatternSubject(SyntaxNode designation)
    {
        for (var node = designation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.SubpatternSyntax:
                    return null; // a property of the tested value: not the value itself.
                case Microsoft.CodeAnalysis.CSharp.Syntax.IsPatternExpressionSyntax isPattern:
                    return isPattern.Expression;
                case Microsoft.CodeAnalysis.CSharp.Syntax.SwitchSectionSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.SwitchStatementSyntax switchStatement }:
                    return switchStatement.Expression;
                case Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionArmSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionSyntax switchExpression }:
                    return switchExpression.GoverningExpression;
                case Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool IsDialog(ITypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name.EndsWith("FileDialog", System.StringComparison.Ordinal) || t.Name == "FileDialog" || t.Name == "SaveFileDialog" || t.Name == "SaveFilePicker")
            {
                return true;
            }
        }

        return false;
    }

    private List<string> VisitMember(ISymbol member, IOperation? instance, int depth)
    {
        if (instance is not null && instance is not IInstanceReferenceOperation && IsGenericPathName(member.Name))
        {
            // other.Path: the name of the receiver is evidence too (e.g. _settings.Path), unless the member names its
            // own file (Settings.PidFile is a PID file, whatever object holds its path).
            AddReceiverNames(instance);
        }

        if (!_visited.Add(member))
        {
            return One(Unknown);
        }

        var values = _tracing.MemberValues(member.OriginalDefinition, _cancellationToken);
        if (values.IsDefaultOrEmpty)
        {
            return One(Unknown);
        }

        List<string>? result = null;
        foreach (var value in values)
        {
            var next = Visit(value, depth + 1);
            result = result is null ? next : Union(result, next);
        }

        return result ?? One(Unknown);
    }

    /// <summary>
    /// A member or method name that says only "a path" (<c>Path</c>, <c>FilePath</c>, <c>FullName</c>, <c>GetPath</c>,
    /// <c>DataFile</c>), so that the name of the object it is read from tells what the file is.
    /// </summary>
    private static bool IsGenericPathName(string name)
    {
        foreach (var word in Vocabulary.Words(name))
        {
            if (!GenericPathWords.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUniqueNameSource(IMethodSymbol method)
    {
        if (method.Name == "NewGuid" && method.ContainingType?.Name == "Guid")
        {
            return true;
        }

        // A static helper of the project (Utils.GetGuid(), NewUniqueName()); an instance method may return a stored id.
        if (!method.IsStatic || method.ContainingType?.SpecialType != SpecialType.None || method.ContainingType.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var word in Vocabulary.Words(method.Name))
        {
            if (word is "guid" or "uuid" or "unique" or "random")
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> GenericPathWords = new(System.StringComparer.Ordinal)
    {
        "get", "path", "paths", "file", "filename", "name", "full", "location", "dir", "directory", "folder", "root",
        "target", "uri", "url", "value", "current", "data", "local", "absolute", "relative", "default", "main",
    };

    private void AddReceiverNames(IOperation instance)
    {
        if (OperationHelpers.ReferencedSymbol(OperationHelpers.Unwrap(instance)) is { } receiver)
        {
            AddIdentifier(receiver.Name);
        }
    }

    private List<string> VisitInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        CheckAttributes(method);
        if (type is not null && _symbols.Path is not null && SymbolEqualityComparer.Default.Equals(type, _symbols.Path))
        {
            switch (method.Name)
            {
                case "GetTempPath":
                case "GetTempFileName":
                case "GetRandomFileName":
                    _facts.Temp = true;
                    return One(Unknown);
                case "Combine":
                case "Join":
                {
                    var parts = new List<IOperation>(ArgumentValues(invocation));
                    List<string>? result = null;
                    for (var i = 0; i < parts.Count; i++)
                    {
                        var next = i < parts.Count - 1 ? VisitDirectory(parts[i], depth + 1) : Visit(parts[i], depth + 1);
                        result = result is null ? next : Concat(result, next, "/");
                    }

                    return result ?? One(Unknown);
                }

                case "GetFullPath":
                case "TrimEndingDirectorySeparator":
                    return invocation.Arguments.Length > 0 ? Visit(invocation.Arguments[0].Value, depth + 1) : One(Unknown);
                case "ChangeExtension":
                    if (invocation.Arguments.Length == 2)
                    {
                        var basePath = Visit(invocation.Arguments[0].Value, depth + 1);
                        var extension = Visit(invocation.Arguments[1].Value, depth + 1);
                        return Concat(basePath, extension, null);
                    }

                    return One(Unknown);
                default:
                    return One(Unknown);
            }
        }

        if (type is not null && _symbols.Environment is not null && SymbolEqualityComparer.Default.Equals(type, _symbols.Environment))
        {
            if (method.Name == "GetFolderPath" && invocation.Arguments.Length > 0)
            {
                var folder = OperationHelpers.Unwrap(invocation.Arguments[0].Value);
                _facts.SpecialFolder = folder is IFieldReferenceOperation f ? f.Field.Name : "SpecialFolder";
            }
            else if (method.Name == "GetEnvironmentVariable" && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Value.ConstantValue.Value is string variable
                && (variable == "APPDATA" || variable == "LOCALAPPDATA" || variable == "HOME" || variable == "USERPROFILE" || variable == "XDG_CONFIG_HOME" || variable == "XDG_STATE_HOME" || variable == "XDG_DATA_HOME"))
            {
                _facts.SpecialFolder = variable;
            }

            return One(Unknown);
        }

        if (type?.SpecialType == SpecialType.System_String)
        {
            switch (method.Name)
            {
                case "Concat":
                {
                    List<string>? result = null;
                    foreach (var part in ArgumentValues(invocation))
                    {
                        var next = Visit(part, depth + 1);
                        result = result is null ? next : Concat(result, next, null);
                    }

                    return result ?? One(Unknown);
                }

                case "Format":
                    foreach (var part in ArgumentValues(invocation))
                    {
                        Visit(part, depth + 1);
                    }

                    return One(Unknown);
                case "Trim":
                case "ToLower":
                case "ToLowerInvariant":
                case "Replace":
                    return invocation.Instance is not null ? Visit(invocation.Instance, depth + 1) : One(Unknown);
            }
        }

        // System.IO.Abstractions: fileSystem.FileInfo.New(path) gives a file info for that path.
        if ((method.Name == "New" || method.Name == "FromFileName") && type?.Name == "IFileInfoFactory" && invocation.Arguments.Length > 0)
        {
            return Visit(invocation.Arguments[0].Value, depth + 1);
        }

        if (method.Name == "ToString" && invocation.Instance is not null)
        {
            return Visit(invocation.Instance, depth + 1);
        }

        // Guid.NewGuid(), or a helper named for a GUID or a unique/random name, in the file name: a new file each time.
        if (_directoryDepth == 0 && IsUniqueNameSource(method))
        {
            _facts.UniqueName = true;
            return One(Unknown);
        }

        // Another method: its name and receiver are evidence; a small source method is followed to its returns. The
        // receiver counts only for a method that takes nothing and says only "a path" (_settings.GetPath()), not for
        // a name factory (Settings.GetFileName(".wav")).
        AddIdentifier(method.Name);
        if (invocation.Instance is not null && invocation.Instance is not IInstanceReferenceOperation && IsGenericPathName(method.Name) && invocation.Arguments.Length == 0)
        {
            AddReceiverNames(invocation.Instance);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type?.SpecialType == SpecialType.System_String)
            {
                Visit(argument.Value, depth + 2);
            }
        }

        if (method.DeclaringSyntaxReferences.Length == 1 && _visited.Add(method))
        {
            var returns = _tracing.ReturnValues(method, _cancellationToken);
            List<string>? result = null;
            foreach (var value in returns)
            {
                var next = Visit(value, depth + 1);
                result = result is null ? next : Union(result, next);
            }

            if (result is not null)
            {
                return result;
            }
        }

        return One(Unknown);
    }

    private static IEnumerable<IOperation> ArgumentValues(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = OperationHelpers.Unwrap(argument.Value);
            if (argument.ArgumentKind == ArgumentKind.ParamArray && value is IArrayCreationOperation { Initializer: { } init })
            {
                foreach (var element in init.ElementValues)
                {
                    yield return element;
                }
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                yield return value;
            }
        }
    }

    private List<string> VisitDirectory(IOperation operation, int depth)
    {
        _directoryDepth++;
        try
        {
            return Visit(operation, depth);
        }
        finally
        {
            _directoryDepth--;
        }
    }

    private void AddIdentifier(string name)
    {
        var list = _directoryDepth > 0 ? _facts.DirectoryIdentifiers : _facts.Identifiers;
        if (name.Length > 0 && list.Count < 24)
        {
            list.Add(name);
        }
    }

    private void CheckAttributes(ISymbol symbol)
    {
        if (_facts.SensitiveAttributeOn is not null)
        {
            return;
        }

        if (HasSensitiveFileAttribute(symbol))
        {
            _facts.SensitiveAttributeOn = symbol.Name;
        }
    }

    /// <summary>True when the symbol carries an attribute named SensitiveFile / SensitiveFileAttribute.</summary>
    public static bool HasSensitiveFileAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name == "SensitiveFileAttribute" || name == "SensitiveFile")
            {
                return true;
            }
        }

        if (symbol is IPropertySymbol or IFieldSymbol)
        {
            // [field: SensitiveFile] on an auto-property, or the property of a backing field.
            if (symbol is IFieldSymbol { AssociatedSymbol: { } associated } && associated is not IFieldSymbol)
            {
                return HasSensitiveFileAttribute(associated);
            }
        }

        return false;
    }

    private static List<string> Concat(List<string> left, List<string> right, string? separator)
    {
        var result = new List<string>();
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                if (result.Count >= MaxAlternatives)
                {
                    return result;
                }

                if (separator is null || l.Length == 0 || r.Length == 0 || l.EndsWith("/", System.StringComparison.Ordinal) || l.EndsWith("\\", System.StringComparison.Ordinal))
                {
                    result.Add(l + r);
                }
                else
                {
                    result.Add(l + separator + r);
                }
            }
        }

        return result;
    }

    private static List<string> Union(List<string> left, List<string> right)
    {
        var result = new List<string>(left);
        foreach (var r in right)
        {
            if (result.Count >= MaxAlternatives)
            {
                break;
            }

            if (!result.Contains(r))
            {
                result.Add(r);
            }
        }

        return result;
    }
}
