namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// AW0005: an <c>atomic_write.*</c> option of .editorconfig / .globalconfig is malformed (a bad glob, a word with
/// spaces or symbols, an unparsable documentation-comment ID, a non-boolean flag, an unknown key). Each distinct
/// key and value is reported once per compilation, without a source location.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MalformedConfigurationAnalyzer() : RuleAnalyzer(GeneratedCodeAnalysisFlags.None, Descriptors.MalformedConfiguration)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationAction(compilationContext =>
        {
            var problems = new ConcurrentDictionary<string, SettingProblem>();
            var provider = compilationContext.Options.AnalyzerConfigOptionsProvider;
            AnalyzerGuard.Run(() =>
            {
                var seen = new HashSet<AnalyzerSettings>();
                Collect(AnalyzerSettings.For(provider.GlobalOptions), seen, problems);
                foreach (var tree in compilationContext.Compilation.SyntaxTrees)
                {
                    Collect(AnalyzerSettings.For(provider.GetOptions(tree)), seen, problems);
                }
            });

            var ordered = new List<SettingProblem>(problems.Values);
            ordered.Sort((a, b) => string.CompareOrdinal(a.Key + "=" + a.Value, b.Key + "=" + b.Value));
            foreach (var problem in ordered)
            {
                compilationContext.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedConfiguration, Location.None, problem.Key, problem.Value, problem.Reason));
            }
        });
    }

    private static void Collect(AnalyzerSettings settings, HashSet<AnalyzerSettings> seen, ConcurrentDictionary<string, SettingProblem> problems)
    {
        if (!seen.Add(settings))
        {
            return;
        }

        foreach (var problem in settings.Problems)
        {
            problems.TryAdd(problem.Key + "\u0000" + problem.Value, problem);
        }
    }
}
