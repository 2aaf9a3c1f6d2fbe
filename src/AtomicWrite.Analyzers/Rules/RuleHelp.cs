namespace AtomicWrite.Analyzers.Rules;

/// <summary>Shared constants for the rule descriptors.</summary>
internal static class RuleHelp
{
    /// <summary>The category of every rule.</summary>
    public const string Category = "AtomicWrite";

    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) =>
        "https://github.com/atomicwrite/AtomicWriteAnalyzers/blob/main/docs/rules/" + id + ".md";
}
