namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>A method of the compilation that passes one of its parameters as the path of a sink.</summary>
/// <param name="Method">The wrapper.</param>
/// <param name="PathParameter">Its parameter that ends up as the sink's path.</param>
/// <param name="Inner">The sink (for a wrapper of a wrapper, the innermost one).</param>
/// <param name="InnerLocation">Where the sink is.</param>
/// <param name="Conditions">
/// Empty when every call overwrites in place; otherwise a call does so only when all of these hold for its
/// arguments (the wrapper forwards the FileMode / FileAccess, or chooses the mode by a bool parameter).
/// </param>
/// <param name="InnerWrites">
/// The writes inside the wrapper that overwrite in place whatever the arguments (one per implementation for an
/// interface or abstract method), where the fix belongs; empty when the mode comes from the caller.
/// </param>
/// <param name="HoldsPath">
/// A constructor of a path-holding type (<see cref="WrapperIndex"/>'s <c>AddPathHolders</c>): only its <c>new</c>
/// sites count, since the type's own write already traces its member through <c>: base(…)</c> and <c>: this(…)</c>.
/// </param>
internal sealed record WrapperSummary(IMethodSymbol Method, IParameterSymbol PathParameter, SinkCall Inner, Location InnerLocation, ImmutableArray<ModeCondition> Conditions, ImmutableArray<WrapperInnerWrite> InnerWrites, bool HoldsPath = false);

/// <summary>A write inside a wrapper that overwrites in place whatever the wrapper's arguments.</summary>
/// <param name="Sink">The write.</param>
/// <param name="Location">Where it is.</param>
internal readonly record struct WrapperInnerWrite(SinkCall Sink, Location Location);

/// <summary>A call to a method of the compilation that takes a string, kept until the wrappers are known.</summary>
/// <param name="Syntax">The call.</param>
/// <param name="Operation">The call's operation, kept from the operation action so that it is not bound again; null when not kept.</param>
/// <param name="Callee">The method called, as the summaries are keyed (<see cref="WrapperIndex.Definition"/>).</param>
/// <param name="ContainingSymbol">The member the call is in.</param>
/// <param name="Early">The call analyzed while its operation was at hand, when the callee was already known to wrap a sink.</param>
/// <param name="ModeArguments">The call's FileMode, FileAccess and bool arguments, for wrappers that take the mode from the caller (default when not recorded).</param>
internal readonly record struct WrapperCallSite(SyntaxNode Syntax, IOperation? Operation, IMethodSymbol Callee, ISymbol? ContainingSymbol, EarlyWrapperCall? Early, ImmutableArray<ModeArgument> ModeArguments);

/// <summary>
/// A wrapper call analyzed in the operation action, for a given path parameter: saves binding the call again at the
/// end of the compilation. Used only when the final summary has the same path parameter, so the result is the same.
/// </summary>
/// <param name="PathOrdinal">The path parameter the call was analyzed for.</param>
/// <param name="Write">The write found, or null when the call writes a temp file or is guarded.</param>
internal sealed record EarlyWrapperCall(int PathOrdinal, InPlaceWrite? Write);

/// <summary>
/// Wrapper methods, found bottom-up from the operations the compiler has already bound: while the operation
/// actions run, each sink whose path is a parameter of its method, each call that passes a parameter on to
/// another method, and each call to a method of the compilation that takes a string are recorded. When the
/// compilation ends, <see cref="Resolve"/> combines them into wrapper summaries of up to <see cref="MaxHops"/>
/// calls, and the recorded call sites of those wrappers are analyzed. No method body is bound a second time,
/// so the cost is linear in the code size and small per call.
/// </summary>
internal sealed class WrapperIndex
{
    /// <summary>How many calls deep a wrapper may pass its path parameter on before it reaches the sink.</summary>
    public const int MaxHops = 3;

    private readonly Compilation _compilation;
    private readonly WellKnownTypes _symbols;
    private readonly ConcurrentQueue<Fact> _sinks = new();
    private readonly ConcurrentQueue<Edge> _edges = new();
    private readonly ConcurrentQueue<MemberFact> _memberSinks = new();
    private readonly ConcurrentQueue<WrapperCallSite> _sites = new();
    private readonly ConcurrentQueue<(SyntaxNode Syntax, string Name, ISymbol? ContainingSymbol, IInvalidOperation? Operation)> _unboundSites = new();
    private readonly ConcurrentDictionary<IMethodSymbol, IParameterSymbol> _knownDirect = new(SymbolEqualityComparer.Default);

    public WrapperIndex(Compilation compilation, WellKnownTypes symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
    }

    /// <summary>
    /// The recorded call sites (complete once the operation actions have all run) whose callee has a summary, in
    /// source order.
    /// </summary>
    public List<(WrapperCallSite Site, WrapperSummary Wrapper)> CallsOf(Dictionary<IMethodSymbol, WrapperSummary> summaries, OperationTracing tracing, CancellationToken cancellationToken)
    {
        var calls = new List<(WrapperCallSite Site, WrapperSummary Wrapper)>();
        foreach (var site in _sites)
        {
            if (summaries.TryGetValue(site.Callee, out var wrapper) && !(wrapper.HoldsPath && site.Syntax is ConstructorInitializerSyntax))
            {
                calls.Add((site, wrapper));
            }
        }

        // Calls that did not bind (another argument has errors, the IDE case): their candidate method is looked up
        // only when a wrapper has the name they call.
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var method in summaries.Keys)
        {
            names.Add(method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name);
        }

        foreach (var (syntax, name, containingSymbol, kept) in _unboundSites)
        {
            if (!names.Contains(name))
            {
                continue;
            }

            if ((kept ?? tracing.Model(syntax.SyntaxTree)?.GetOperation(syntax, cancellationToken)) is not IInvalidOperation invalid
                || CallShape.From(invalid) is not { } call || !summaries.TryGetValue(Definition(call.Method), out var wrapper))
            {
                continue;
            }

            calls.Add((new WrapperCallSite(syntax, invalid, Definition(call.Method), containingSymbol, null, default), wrapper));
        }

        calls.Sort((a, b) => CompareNodes(a.Site.Syntax, b.Site.Syntax));
        return calls;
    }

    /// <summary>
    /// Records a call that did not bind, by the name it calls, for <see cref="CallsOf"/>; with
    /// <paramref name="keepOperation"/>, its operation too, so that it is not bound again at the end.
    /// </summary>
    public void RecordUnboundCall(IInvalidOperation invalid, string name, ISymbol? containingSymbol, bool keepOperation)
    {
        if (invalid.Parent is not IInvalidOperation)
        {
            _unboundSites.Enqueue((invalid.Syntax, name, containingSymbol, keepOperation ? invalid : null));
        }
    }

    /// <summary>
    /// The path parameter of a method that probably passes it to a sink: already seen to do so, or, from its syntax
    /// alone (no binding), calling a sink-named method or constructor with the parameter as an argument. Null when
    /// neither. Only a hint for analyzing a call early: <see cref="Resolve"/> decides what is a wrapper.
    /// </summary>
    public IParameterSymbol? LikelyWrapperParameter(IMethodSymbol method)
    {
        var definition = Definition(method);
        if (_knownDirect.TryGetValue(definition, out var parameter))
        {
            return parameter;
        }

        var ordinal = _syntacticGuess.GetOrAdd(definition, m => GuessFromSyntax(m));
        return ordinal >= 0 && ordinal < definition.Parameters.Length ? definition.Parameters[ordinal] : null;
    }

    private readonly ConcurrentDictionary<IMethodSymbol, int> _syntacticGuess = new(SymbolEqualityComparer.Default);

    /// <summary>The ordinal of a string parameter passed straight to a sink-named call in the method's own body, or -1.</summary>
    private static int GuessFromSyntax(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return -1;
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        SyntaxNode? body = declaration switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
            Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
            _ => null,
        };
        if (body is null)
        {
            return -1;
        }

        foreach (var node in body.DescendantNodes())
        {
            var arguments = node switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation when IsFileWriteCall(invocation) => invocation.ArgumentList,
                Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax creation when IsWriterCreation(creation) => creation.ArgumentList,
                Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitObjectCreationExpressionSyntax implicitCreation when HasFileModeArgument(implicitCreation.ArgumentList) => implicitCreation.ArgumentList,
                _ => null,
            };
            if (arguments is null || arguments.Arguments.Count == 0 || OpensWithoutOverwriting(arguments))
            {
                continue;
            }

            foreach (var argument in arguments.Arguments)
            {
                // The path itself, or the last part of Path.Combine/Path.Join (the file name from the caller).
                var pathExpression = argument.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                {
                    Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Combine" or "Join", Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "Path" } },
                    ArgumentList.Arguments: { Count: > 0 } parts,
                }
                    ? parts[parts.Count - 1].Expression
                    : argument.Expression;
                if (pathExpression is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier)
                {
                    foreach (var parameter in method.Parameters)
                    {
                        if (parameter.Name == identifier.Identifier.ValueText && parameter.Type.SpecialType == SpecialType.System_String)
                        {
                            return parameter.Ordinal;
                        }
                    }
                }
            }
        }

        return -1;
    }

    /// <summary><c>WriteAll*(…)</c> on anything, or <c>Create</c>/<c>CreateText</c>/<c>OpenWrite</c>/<c>Open</c>/<c>OpenHandle</c> on <c>File</c> (syntax only).</summary>
    private static bool IsFileWriteCall(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access)
        {
            return false;
        }

        var name = access.Name.Identifier.ValueText;
        if (name.StartsWith("WriteAll", System.StringComparison.Ordinal))
        {
            return true;
        }

        var receiver = access.Expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return receiver == "File" && name is "Create" or "CreateText" or "OpenWrite" or "Open" or "OpenHandle";
    }

    /// <summary><c>new FileStream(…)</c> or <c>new StreamWriter(…)</c> (syntax only).</summary>
    private static bool IsWriterCreation(Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax creation) =>
        InPlaceWriteEngine.CalledName(creation) is "FileStream" or "StreamWriter";

    /// <summary>An argument <c>FileMode.…</c> (a target-typed <c>new(path, FileMode.Create)</c> is a file stream).</summary>
    private static bool HasFileModeArgument(Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (FileModeName(argument) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An argument <c>FileMode.Open</c>, <c>FileMode.Append</c> or <c>FileMode.CreateNew</c>: a call that reads, appends or creates.</summary>
    private static bool OpensWithoutOverwriting(Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (FileModeName(argument) is "Open" or "Append" or "CreateNew")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member name of an argument written <c>FileMode.X</c>, or null.</summary>
    private static string? FileModeName(Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax argument) =>
        argument.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "FileMode" } } mode
            ? mode.Name.Identifier.ValueText
            : null;

    /// <summary>True when a call to <paramref name="method"/> may be a call to a wrapper of this compilation.</summary>
    public bool MayBeWrapper(IMethodSymbol method)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction or MethodKind.ReducedExtension))
        {
            return false;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return false;
        }

        foreach (var parameter in method.OriginalDefinition.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records a sink found in a method body, when its path is one of the method's string parameters.</summary>
    public void RecordSink(IOperation operation, SinkCall sink)
    {
        if (sink.Path is null)
        {
            return;
        }

        if (PathParameter(sink.Path) is not { } parameter)
        {
            if (PathMember(sink.Path) is { } member)
            {
                _memberSinks.Enqueue(new MemberFact(member, sink, operation.Syntax));
            }

            return;
        }

        var method = (IMethodSymbol)parameter.ContainingSymbol;
        _sinks.Enqueue(new Fact(method, parameter.Ordinal, sink, operation.Syntax, ImmutableArray<ModeCondition>.Empty));
        _knownDirect.TryAdd(method.OriginalDefinition, parameter);
    }

    /// <summary>
    /// Records a sink whose FileMode or FileAccess is not a constant (<see cref="SinkDetector.DetectForwardedMode"/>),
    /// when its path is a string parameter of the method and the mode and access are parameters of that method too
    /// (or the mode is <c>flag ? FileMode.X : FileMode.Y</c> on a bool parameter): the method then overwrites in place
    /// only for the calls whose arguments say so.
    /// </summary>
    public void RecordModeSink(IOperation operation, SinkCall sink, IOperation mode, IOperation? access)
    {
        if (sink.Path is null || PathParameter(sink.Path, throughFileInfo: true) is not { } parameter)
        {
            return;
        }

        var method = (IMethodSymbol)parameter.ContainingSymbol;
        int modeOrdinal = -1, switchOrdinal = -1, whenTrue = 0, whenFalse = 0, accessOrdinal = -1;
        var modeValue = OperationHelpers.Unwrap(mode);
        if (SinkDetector.ConstantInt(mode) is { } constantMode)
        {
            whenTrue = whenFalse = constantMode;
        }
        else if (OwnParameter(modeValue, method, _symbols.FileMode) is { } modeParameter)
        {
            modeOrdinal = modeParameter.Ordinal;
        }
        else if (modeValue is IConditionalOperation { WhenFalse: { } otherwise } conditional
            && SinkDetector.ConstantInt(conditional.WhenTrue) is { } first && SinkDetector.ConstantInt(otherwise) is { } second)
        {
            var condition = OperationHelpers.Unwrap(conditional.Condition);
            var negated = condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not;
            if (negated)
            {
                condition = OperationHelpers.Unwrap(((IUnaryOperation)condition).Operand);
            }

            if (condition is not IParameterReferenceOperation { Parameter.Type.SpecialType: SpecialType.System_Boolean } flag
                || !SymbolEqualityComparer.Default.Equals(flag.Parameter.ContainingSymbol, method))
            {
                return;
            }

            switchOrdinal = flag.Parameter.Ordinal;
            whenTrue = negated ? second : first;
            whenFalse = negated ? first : second;
        }
        else
        {
            return;
        }

        if (access is not null && SinkDetector.ConstantInt(access) is null)
        {
            if (OwnParameter(OperationHelpers.Unwrap(access), method, _symbols.FileAccess) is not { } accessParameter)
            {
                return;
            }

            accessOrdinal = accessParameter.Ordinal;
        }

        if (modeOrdinal < 0 && !SinkDetector.IsInPlaceMode(whenTrue) && !SinkDetector.IsInPlaceMode(whenFalse))
        {
            return; // CreateNew, Open or Append whatever the caller passes.
        }

        var conditions = ImmutableArray.Create(new ModeCondition(modeOrdinal, switchOrdinal, whenTrue, whenFalse, accessOrdinal));
        _sinks.Enqueue(new Fact(method, parameter.Ordinal, sink, operation.Syntax, conditions));
        _knownDirect.TryAdd(method.OriginalDefinition, parameter);
    }

    /// <summary>The parameter of <paramref name="method"/> of type <paramref name="type"/> that <paramref name="value"/> reads, or null.</summary>
    private static IParameterSymbol? OwnParameter(IOperation value, IMethodSymbol method, INamedTypeSymbol? type) =>
        value is IParameterReferenceOperation reference
        && type is not null
        && SymbolEqualityComparer.Default.Equals(reference.Parameter.Type, type)
        && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method)
            ? reference.Parameter
            : null;

    /// <summary>
    /// Records a call to a method of the compilation that takes a string (<see cref="MayBeWrapper"/> was true), and
    /// every parameter of the calling method that the call passes on.
    /// </summary>
    public void RecordCall(IOperation operation, IMethodSymbol callee, ImmutableArray<IArgumentOperation> arguments, ISymbol? containingSymbol, EarlyWrapperCall? early)
    {
        var definition = Definition(callee);
        var modeArguments = ModeArgument.Capture(arguments, _symbols);
        _sites.Enqueue(new WrapperCallSite(operation.Syntax, operation, definition, containingSymbol, early, modeArguments));
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } target || target.Type.SpecialType != SpecialType.System_String || argument.Value is null)
            {
                continue;
            }

            if (PathParameter(argument.Value) is { } own && !WriteGuards.IsExistenceGuarded(operation, argument.Value))
            {
                var caller = (IMethodSymbol)own.ContainingSymbol;
                if (!SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, definition))
                {
                    _edges.Enqueue(new Edge(caller.OriginalDefinition, own.Ordinal, definition, target.Ordinal, operation.Syntax, modeArguments));
                }
            }
        }
    }

    /// <summary>The method a call site names, as the summaries are keyed.</summary>
    public static IMethodSymbol Definition(IMethodSymbol method) => method.ReducedFrom ?? method.OriginalDefinition;

    /// <summary>
    /// Combines the recorded facts into wrapper summaries: methods that pass a parameter as the path of a sink
    /// (one hop), or on to such a method (up to <see cref="MaxHops"/>), and interface or abstract methods whose
    /// implementations in the compilation are all wrappers (see <see cref="AddAbstractions"/>). Deterministic
    /// whatever the order of analysis.
    /// </summary>
    public Dictionary<IMethodSymbol, WrapperSummary> Resolve(CancellationToken cancellationToken)
    {
        var summaries = new Dictionary<IMethodSymbol, WrapperSummary>(SymbolEqualityComparer.Default);
        var hopsOf = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var implementations = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        var added = new List<IMethodSymbol>();

        var sinks = new List<Fact>(_sinks);
        sinks.Sort((a, b) => CompareNodes(a.Syntax, b.Syntax));
        foreach (var fact in sinks)
        {
            var method = fact.Method.OriginalDefinition;
            if (!summaries.ContainsKey(method) && IsWrapperKind(method) && fact.Ordinal < method.Parameters.Length)
            {
                var location = fact.Syntax.GetLocation();
                var innerWrites = fact.Conditions.IsEmpty ? ImmutableArray.Create(new WrapperInnerWrite(fact.Sink, location)) : ImmutableArray<WrapperInnerWrite>.Empty;
                summaries.Add(method, new WrapperSummary(method, method.Parameters[fact.Ordinal], fact.Sink, location, fact.Conditions, innerWrites));
                hopsOf.Add(method, 1);
                added.Add(method);
            }
        }

        AddPathHolders(summaries, hopsOf, added);
        AddAbstractions(summaries, hopsOf, implementations, added, 1, cancellationToken);

        var edges = new List<Edge>(_edges);
        edges.Sort((a, b) => CompareNodes(a.Syntax, b.Syntax));
        for (var hops = 2; hops <= MaxHops; hops++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            added.Clear();
            foreach (var edge in edges)
            {
                if (summaries.ContainsKey(edge.Caller) || !IsWrapperKind(edge.Caller) || edge.CallerOrdinal >= edge.Caller.Parameters.Length)
                {
                    continue;
                }

                if (summaries.TryGetValue(edge.Callee, out var inner) && hopsOf[edge.Callee] < hops && inner.PathParameter.Ordinal == edge.CalleeOrdinal
                    && Through(inner, edge) is { } summary)
                {
                    summaries.Add(edge.Caller, summary);
                    hopsOf.Add(edge.Caller, hops);
                    added.Add(edge.Caller);
                }
            }

            AddAbstractions(summaries, hopsOf, implementations, added, hops, cancellationToken);
        }

        return summaries;
    }

    /// <summary>
    /// Path-holding types: a constructor that stores its string parameter in a member of the type that another member
    /// writes in place (<c>FilePath = filePath;</c> … <c>File.WriteAllText(FilePath, content)</c>) is a wrapper of that
    /// write: the construction site names the file.
    /// </summary>
    private void AddPathHolders(Dictionary<IMethodSymbol, WrapperSummary> summaries, Dictionary<IMethodSymbol, int> hopsOf, List<IMethodSymbol> added)
    {
        if (_memberSinks.IsEmpty)
        {
            return;
        }

        var facts = new List<MemberFact>(_memberSinks);
        facts.Sort((a, b) => CompareNodes(a.Syntax, b.Syntax));
        foreach (var fact in facts)
        {
            if (PathCarriers.IsPathType(fact.Member.ContainingType, _symbols))
            {
                continue; // a path type: its write methods are reported at their calls (PathCarriers).
            }

            foreach (var constructor in fact.Member.ContainingType.InstanceConstructors)
            {
                var definition = constructor.OriginalDefinition;
                if (summaries.ContainsKey(definition) || StoredParameter(definition, fact.Member) is not { } parameter)
                {
                    continue;
                }

                var location = fact.Syntax.GetLocation();
                summaries.Add(definition, new WrapperSummary(definition, parameter, fact.Sink, location, ImmutableArray<ModeCondition>.Empty, ImmutableArray.Create(new WrapperInnerWrite(fact.Sink, location)), HoldsPath: true));
                hopsOf.Add(definition, 1);
                added.Add(definition);
            }
        }
    }

    /// <summary>The string parameter of a constructor that its body assigns to <paramref name="member"/> (<c>Member = parameter;</c>, <c>this.member = parameter ?? throw …;</c>), or null.</summary>
    private static IParameterSymbol? StoredParameter(IMethodSymbol constructor, ISymbol member)
    {
        if (constructor.DeclaringSyntaxReferences.Length != 1
            || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax declaration)
        {
            return null;
        }

        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null)
        {
            return null;
        }

        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is not AssignmentExpressionSyntax assignment)
            {
                continue;
            }

            var target = assignment.Left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (target != member.Name || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                continue;
            }

            var value = assignment.Right;
            while (true)
            {
                if (value is ParenthesizedExpressionSyntax parenthesized)
                {
                    value = parenthesized.Expression;
                }
                else if (value is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce)
                {
                    value = coalesce.Left;
                }
                else
                {
                    break;
                }
            }

            if (value is IdentifierNameSyntax name)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (parameter.Name == name.Identifier.ValueText && parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        return parameter;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The string field or property of this instance that a sink's path is (directly, or through <c>Path.GetFullPath</c>), or null.</summary>
    private static ISymbol? PathMember(IOperation path)
    {
        var value = OperationHelpers.Unwrap(path);
        if (value is IInvocationOperation { TargetMethod.Name: "GetFullPath", Arguments.Length: 1 } full)
        {
            value = OperationHelpers.Unwrap(full.Arguments[0].Value);
        }

        return value switch
        {
            IFieldReferenceOperation { Field: { IsStatic: false, Type.SpecialType: SpecialType.System_String } field, Instance: IInstanceReferenceOperation } => field,
            IPropertyReferenceOperation { Property: { IsStatic: false, Parameters.Length: 0, Type.SpecialType: SpecialType.System_String } property, Instance: IInstanceReferenceOperation } => property,
            _ => null,
        };
    }

    /// <summary>
    /// The summary of a caller that passes its parameter on to the wrapper <paramref name="inner"/>, or null when
    /// the FileMode / FileAccess it passes (constants, or its own parameters) never overwrite in place. When the
    /// callee takes its mode from the caller and this call fixes it, the call itself is the caller's inner write.
    /// </summary>
    private static WrapperSummary? Through(WrapperSummary inner, Edge edge)
    {
        var innerWrites = inner.InnerWrites;
        var conditions = inner.Conditions;
        if (!conditions.IsEmpty)
        {
            var mapped = ImmutableArray.CreateBuilder<ModeCondition>();
            foreach (var condition in conditions)
            {
                if (!condition.TryMap(edge.ModeArguments, edge.Caller, out var left))
                {
                    return null;
                }

                if (left is { } l)
                {
                    mapped.Add(l);
                }
            }

            conditions = mapped.ToImmutable();
            if (conditions.IsEmpty)
            {
                var call = new SinkCall(SinkKind.Wrapper, InPlaceWriteEngine.DisplayName(edge.Callee), null, null, edge.Callee);
                innerWrites = innerWrites.Add(new WrapperInnerWrite(call, edge.Syntax.GetLocation()));
            }
        }

        return new WrapperSummary(edge.Caller, edge.Caller.Parameters[edge.CallerOrdinal], inner.Inner, inner.InnerLocation, conditions, innerWrites);
    }

    /// <summary>
    /// Interface and abstract methods of the compilation implemented by a new wrapper, that become wrappers for the
    /// same parameter: when the compilation has exactly one implementation, or when every implementation outside
    /// test code (<see cref="TestCode"/>) is a wrapper for that parameter and there is at least one. The conditions
    /// on the mode of all of them must hold at a call (each implementation may be the one that runs).
    /// </summary>
    private void AddAbstractions(Dictionary<IMethodSymbol, WrapperSummary> summaries, Dictionary<IMethodSymbol, int> hopsOf, Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations, List<IMethodSymbol> added, int hops, CancellationToken cancellationToken)
    {
        var found = new List<(IMethodSymbol Abstract, WrapperSummary Summary)>();
        foreach (var method in added)
        {
            foreach (var candidate in ImplementedAbstractions(method))
            {
                var definition = candidate.OriginalDefinition;
                if (summaries.ContainsKey(definition) || definition.ContainingType?.DeclaringSyntaxReferences.Length is null or 0)
                {
                    continue;
                }

                if (!implementations.TryGetValue(definition, out var all))
                {
                    all = FindImplementations(definition, cancellationToken);
                    implementations.Add(definition, all);
                }

                if (Combine(definition, all, summaries) is { } summary)
                {
                    found.Add((definition, summary));
                }
            }
        }

        foreach (var (definition, summary) in found)
        {
            if (!summaries.ContainsKey(definition))
            {
                summaries.Add(definition, summary);
                hopsOf.Add(definition, hops);
            }
        }
    }

    /// <summary>The summary of an abstraction whose implementations (in source order) are all wrappers of one parameter, or null.</summary>
    private static WrapperSummary? Combine(IMethodSymbol definition, List<IMethodSymbol> implementations, Dictionary<IMethodSymbol, WrapperSummary> summaries)
    {
        WrapperSummary? first = null;
        var conditions = ImmutableArray.CreateBuilder<ModeCondition>();
        var innerWrites = ImmutableArray.CreateBuilder<WrapperInnerWrite>();
        foreach (var implementation in implementations)
        {
            if (implementations.Count > 1 && TestCode.Contains(implementation))
            {
                continue; // a mock or fake: not what runs in the product.
            }

            if (!summaries.TryGetValue(implementation, out var summary)
                || summary.PathParameter.Ordinal >= definition.Parameters.Length
                || (first is not null && summary.PathParameter.Ordinal != first.PathParameter.Ordinal))
            {
                return null; // an implementation that does not write the file (or writes another parameter).
            }

            first ??= summary;
            conditions.AddRange(summary.Conditions);
            innerWrites.AddRange(summary.InnerWrites);
        }

        return first is null
            ? null
            : new WrapperSummary(definition, definition.Parameters[first.PathParameter.Ordinal], first.Inner, first.InnerLocation, conditions.ToImmutable(), innerWrites.ToImmutable());
    }

    /// <summary>The interface members a method implements and the abstract methods it overrides.</summary>
    private static IEnumerable<IMethodSymbol> ImplementedAbstractions(IMethodSymbol method)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.IsAbstract)
            {
                yield return overridden;
            }
        }

        foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            yield return explicitImplementation;
        }

        var type = method.ContainingType;
        if (type is null || method.MethodKind != MethodKind.Ordinary)
        {
            yield break;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol interfaceMethod
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), method))
                {
                    yield return interfaceMethod;
                }
            }
        }
    }

    /// <summary>The methods of the compilation that implement or override <paramref name="method"/>, in source order.</summary>
    private List<IMethodSymbol> FindImplementations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var type = method.ContainingType;
        var implementations = new List<IMethodSymbol>();
        foreach (var candidate in _compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, cancellationToken))
        {
            if (candidate is not IMethodSymbol m || m.IsAbstract || m.ContainingType is null || SymbolEqualityComparer.Default.Equals(m, method))
            {
                continue;
            }

            var implements = type.TypeKind == TypeKind.Interface
                ? SymbolEqualityComparer.Default.Equals(m.ContainingType.FindImplementationForInterfaceMember(method), m)
                : IsOverrideOf(m, method);
            if (implements)
            {
                implementations.Add(m.OriginalDefinition);
            }
        }

        implementations.Sort(CompareDeclarations);
        return implementations;
    }

    /// <summary>Orders methods by where they are declared (file path, then position).</summary>
    private static int CompareDeclarations(IMethodSymbol a, IMethodSymbol b)
    {
        var left = a.DeclaringSyntaxReferences;
        var right = b.DeclaringSyntaxReferences;
        if (left.Length == 0 || right.Length == 0)
        {
            return left.Length.CompareTo(right.Length);
        }

        var byPath = string.CompareOrdinal(left[0].SyntaxTree.FilePath, right[0].SyntaxTree.FilePath);
        return byPath != 0 ? byPath : left[0].Span.Start.CompareTo(right[0].Span.Start);
    }

    private static bool IsOverrideOf(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var m = candidate.OverriddenMethod; m is not null; m = m.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrapperKind(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction;

    /// <summary>
    /// The string parameter of a method or local function that the path is, directly, through a local alias, or as
    /// the last part of <c>Path.Combine</c>/<c>Path.Join</c> (the file name then comes from the caller). With
    /// <paramref name="throughFileInfo"/>, also the argument of <c>new FileInfo(x)</c> (the path of a FileInfo.Open).
    /// </summary>
    private static IParameterSymbol? PathParameter(IOperation path, bool throughFileInfo = false)
    {
        var value = OperationHelpers.Unwrap(path);
        for (var i = 0; i < 4; i++)
        {
            switch (value)
            {
                case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType: { Name: "Path", ContainingNamespace.Name: "IO" } }, Arguments: { Length: > 0 } parts }:
                    var last = parts[parts.Length - 1].Value;
                    if (last is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements })
                    {
                        last = elements[elements.Length - 1];
                    }

                    value = OperationHelpers.Unwrap(last);
                    continue;
                case IObjectCreationOperation { Constructor: { ContainingType.Name: "FileInfo", Parameters.Length: 1 }, Arguments.Length: 1 } fileInfo when throughFileInfo:
                    value = OperationHelpers.Unwrap(fileInfo.Arguments[0].Value);
                    continue;
                case IParameterReferenceOperation parameter when parameter.Parameter.Type.SpecialType == SpecialType.System_String
                    && parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction } method
                    && !IsPrimaryConstructor(method):
                    // A primary constructor's parameter is used in other members: the constructor itself writes nothing.
                    return parameter.Parameter;
                case ILocalReferenceOperation local when local.Local.Type?.SpecialType == SpecialType.System_String && OperationTracing.LocalInitializer(local) is { } initializer:
                    value = OperationHelpers.Unwrap(initializer);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetFullPath", Arguments.Length: 1 } full:
                    value = OperationHelpers.Unwrap(full.Arguments[0].Value);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsPrimaryConstructor(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
        && method.DeclaringSyntaxReferences.Length == 1
        && method.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax;

    private static int CompareNodes(SyntaxNode a, SyntaxNode b)
    {
        var byPath = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
        return byPath != 0 ? byPath : a.SpanStart.CompareTo(b.SpanStart);
    }

    /// <summary>A sink whose path is parameter <paramref name="Ordinal"/> of <paramref name="Method"/>.</summary>
    /// <param name="Method">The method the sink is in.</param>
    /// <param name="Ordinal">The path parameter's ordinal.</param>
    /// <param name="Sink">The sink.</param>
    /// <param name="Syntax">The sink's call.</param>
    /// <param name="Conditions">Empty for a sink that always overwrites in place; else when it does (see <see cref="ModeCondition"/>).</param>
    private readonly record struct Fact(IMethodSymbol Method, int Ordinal, SinkCall Sink, SyntaxNode Syntax, ImmutableArray<ModeCondition> Conditions);

    /// <summary>A sink whose path is a string member of the instance (<see cref="AddPathHolders"/>).</summary>
    /// <param name="Member">The field or property.</param>
    /// <param name="Sink">The sink.</param>
    /// <param name="Syntax">The sink's call.</param>
    private readonly record struct MemberFact(ISymbol Member, SinkCall Sink, SyntaxNode Syntax);

    /// <summary>A call that passes parameter <paramref name="CallerOrdinal"/> of its method on as parameter <paramref name="CalleeOrdinal"/> of a method of the compilation.</summary>
    /// <param name="Caller">The method the call is in.</param>
    /// <param name="CallerOrdinal">The caller's parameter passed on.</param>
    /// <param name="Callee">The method called.</param>
    /// <param name="CalleeOrdinal">The callee's parameter it is passed as.</param>
    /// <param name="Syntax">The call.</param>
    /// <param name="ModeArguments">The FileMode, FileAccess and bool arguments of the call (default when none).</param>
    private readonly record struct Edge(IMethodSymbol Caller, int CallerOrdinal, IMethodSymbol Callee, int CalleeOrdinal, SyntaxNode Syntax, ImmutableArray<ModeArgument> ModeArguments);
}
