namespace AtomicWrite.CodeFixes.Planning;

/// <summary>The shape of the rewrite to <c>AtomicFile</c>.</summary>
internal enum AtomicFixKind
{
    /// <summary><c>File.WriteAll*</c>: the same call on <c>AtomicFile</c>.</summary>
    WholeFile,

    /// <summary>A stream or writer held by a <c>using</c>: created by <c>AtomicFile.Create</c>/<c>CreateText</c> and committed at the end of the scope.</summary>
    StreamInUsing,

    /// <summary><c>XDocument</c>/<c>XElement</c>/<c>XmlDocument</c><c>.Save(path)</c>: saved into an atomic stream that is then committed.</summary>
    XmlSave,
}

/// <summary>
/// A rewrite of one flagged write, computed on the original syntax tree. It only refers to nodes of that tree;
/// the code fix turns it into edits. Immutable: a changed plan is a copy (<c>with</c>).
/// </summary>
internal abstract record AtomicFixPlan(ExpressionSyntax Sink)
{
    /// <summary>The shape of the rewrite.</summary>
    public abstract AtomicFixKind Kind { get; }
}

/// <summary>A whole-file write (<c>File.WriteAll*</c>): the same call on <c>AtomicFile</c>.</summary>
internal sealed record WholeFilePlan(ExpressionSyntax Sink) : AtomicFixPlan(Sink)
{
    /// <inheritdoc />
    public override AtomicFixKind Kind => AtomicFixKind.WholeFile;

    /// <summary>The receiver that names <c>File</c> (<c>File</c>, <c>System.IO.File</c>, an alias); replaced by the AtomicFile type.</summary>
    public ExpressionSyntax? Receiver { get; init; }

    /// <summary>The method name when the call has no receiver (<c>using static System.IO.File;</c>).</summary>
    public SimpleNameSyntax? BareName { get; init; }
}

/// <summary>A stream or writer held by a <c>using</c>, created by <c>AtomicFile</c> and committed at the end of the scope.</summary>
internal sealed record StreamPlan(ExpressionSyntax Sink) : AtomicFixPlan(Sink)
{
    /// <inheritdoc />
    public override AtomicFixKind Kind => AtomicFixKind.StreamInUsing;

    /// <summary><c>Create</c> or <c>CreateText</c>.</summary>
    public string FactoryMethod { get; init; } = "Create";

    /// <summary>Original arguments that carry over to the factory, in source order (path, and encoding for CreateText).</summary>
    public IReadOnlyList<ArgumentSyntax> KeptArguments { get; init; } = new ArgumentSyntax[0];

    /// <summary>For <c>FileInfo</c> forms: the FileInfo expression; the path becomes <c>receiver.FullName</c>.</summary>
    public ExpressionSyntax? FileInfoReceiver { get; init; }

    /// <summary>Comments in the parts of the original expression that the rewrite drops.</summary>
    public IReadOnlyList<SyntaxTrivia> DroppedComments { get; init; } = new SyntaxTrivia[0];

    /// <summary>The declared type of the using variable when it is not <c>var</c>; replaced by <see cref="AtomicTypeName"/>.</summary>
    public TypeSyntax? ExplicitType { get; init; }

    /// <summary><c>AtomicFileStream</c> or <c>AtomicStreamWriter</c>.</summary>
    public string AtomicTypeName { get; init; } = "AtomicFileStream";

    /// <summary>The name of the variable that is committed.</summary>
    public string VariableName { get; init; } = "stream";

    /// <summary>
    /// Where the commit goes: a <see cref="BlockSyntax"/> or <see cref="CompilationUnitSyntax"/> (end of a using
    /// declaration's scope) or a <see cref="UsingStatementSyntax"/> (end of its body).
    /// </summary>
    public SyntaxNode? ScopeOwner { get; init; }

    /// <summary>A final <c>return</c> of the scope; the commit goes right before it.</summary>
    public StatementSyntax? InsertBefore { get; init; }

    /// <summary>Commit with <c>await CommitAsync()</c>.</summary>
    public bool UseCommitAsync { get; init; }

    /// <summary>Append <c>.ConfigureAwait(false)</c> to the awaited commit.</summary>
    public bool ConfigureAwaitFalse { get; init; }

    /// <summary>
    /// For a stream wrapped by the <c>StreamWriter</c> of the next using: that writer's creation, which becomes
    /// <c>AtomicFile.CreateText</c>; the plan's scope and variable are the writer's.
    /// </summary>
    public ExpressionSyntax? WrapperCreation { get; init; }

    /// <summary>The encoding argument of the wrapping writer, if any.</summary>
    public ArgumentSyntax? WrapperEncoding { get; init; }

    /// <summary>The stream's using statement or declaration, which the fix removes (the writer replaces it).</summary>
    public StatementSyntax? RemovedOuterStatement { get; init; }

    /// <summary>
    /// A Newtonsoft <c>JsonTextWriter</c> created over the planned writer; it gets <c>CloseOutput = false</c>
    /// so that closing it leaves the atomic writer open for its commit.
    /// </summary>
    public BaseObjectCreationExpressionSyntax? JsonWrapperCreation { get; init; }

    /// <summary>The variable of that JsonTextWriter when a using declaration holds it: closed right before the commit.</summary>
    public string? CloseBeforeCommit { get; init; }
}

/// <summary>An XML save to a path, saved into an atomic stream that is then committed.</summary>
internal sealed record XmlSavePlan(ExpressionSyntax Sink) : AtomicFixPlan(Sink)
{
    /// <inheritdoc />
    public override AtomicFixKind Kind => AtomicFixKind.XmlSave;

    /// <summary>The statement that holds the save call; replaced by a using statement. Null for an expression body.</summary>
    public ExpressionStatementSyntax? Statement { get; init; }

    /// <summary>
    /// When the save call is a whole expression body: the member, local function, accessor or lambda that owns
    /// it, whose body becomes a block holding the using statement.
    /// </summary>
    public SyntaxNode? ExpressionBody { get; init; }

    /// <summary>The path argument of the save call; it moves into <c>AtomicFile.Create</c>.</summary>
    public ArgumentSyntax? PathArgument { get; init; }

    /// <summary>The name of the stream parameter of the matching <c>Save(Stream ...)</c> overload.</summary>
    public string StreamParameterName { get; init; } = "stream";

    /// <summary>The name of the new stream variable.</summary>
    public string VariableName { get; init; } = "stream";
}

/// <summary>The outcome of planning: a plan, or the reason (a <see cref="NoFixReasons"/> value) why there is none.</summary>
internal readonly struct AtomicFixAnalysis
{
    private AtomicFixAnalysis(AtomicFixPlan? plan, string? reason)
    {
        Plan = plan;
        NoFixReason = reason;
    }

    public AtomicFixPlan? Plan { get; }

    public string? NoFixReason { get; }

    public static AtomicFixAnalysis Fix(AtomicFixPlan plan) => new AtomicFixAnalysis(plan, null);

    public static AtomicFixAnalysis NoFix(string reason) => new AtomicFixAnalysis(null, reason);
}
