namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// What every analyzer of this assembly sets up the same way: concurrent execution, how generated code is treated,
/// and the descriptors it supports. A rule analyzer only registers its actions.
/// </summary>
/// <param name="generatedCode">How generated code is analyzed and reported.</param>
/// <param name="descriptors">The descriptors the analyzer reports with.</param>
public abstract class RuleAnalyzer(GeneratedCodeAnalysisFlags generatedCode, params DiagnosticDescriptor[] descriptors) : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(descriptors);

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(generatedCode);
        Register(context);
    }

    /// <summary>Registers the analyzer's actions.</summary>
    /// <param name="context">The context of <see cref="Initialize"/>.</param>
    private protected abstract void Register(AnalysisContext context);
}
