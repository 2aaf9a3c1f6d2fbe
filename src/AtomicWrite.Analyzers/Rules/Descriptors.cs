using System.Resources;

namespace AtomicWrite.Analyzers.Rules;

/// <summary>
/// The descriptor of every rule, in one place: each rule's default, category and help link, its texts from
/// <c>Descriptors.resx</c> (localizable), and the <see cref="WellKnownDiagnosticTags.CompilationEnd"/> twins of the
/// rules that also report at the end of the compilation.
/// </summary>
public static class Descriptors
{
    /// <summary>The category of every rule.</summary>
    public const string Category = "AtomicWrite";

    private static readonly ResourceManager Texts = new("AtomicWrite.Analyzers.Rules.Descriptors", typeof(Descriptors).Assembly);

    /// <summary>AW0001, for writes reported as each operation is analyzed.</summary>
    public static readonly DiagnosticDescriptor InPlaceWriteToSensitiveFile = Rule(DiagnosticIds.InPlaceWriteToSensitiveFile);

    /// <summary>AW0001, for reports made at the end of the compilation (calls to wrappers, and the wrappers' own writes).</summary>
    public static readonly DiagnosticDescriptor InPlaceWriteToSensitiveFileAtEnd = AtCompilationEnd(InPlaceWriteToSensitiveFile);

    /// <summary>AW0002.</summary>
    public static readonly DiagnosticDescriptor HandRolledReplaceNotCrashSafe = Rule(DiagnosticIds.HandRolledReplaceNotCrashSafe);

    /// <summary>AW0003 (disabled by default), for writes reported as each operation is analyzed.</summary>
    public static readonly DiagnosticDescriptor InPlaceOverwrite = Rule(DiagnosticIds.InPlaceOverwrite, isEnabledByDefault: false);

    /// <summary>AW0003, for reports made at the end of the compilation (calls to mode-forwarding wrappers).</summary>
    public static readonly DiagnosticDescriptor InPlaceOverwriteAtEnd = AtCompilationEnd(InPlaceOverwrite);

    /// <summary>AW0004.</summary>
    public static readonly DiagnosticDescriptor UncommittedAtomicStream = Rule(DiagnosticIds.UncommittedAtomicStream);

    /// <summary>AW0005: reported once per compilation, at its end, without a source location.</summary>
    public static readonly DiagnosticDescriptor MalformedConfiguration = Rule(DiagnosticIds.MalformedConfiguration, customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) =>
        "https://github.com/atomicwrite/AtomicWriteAnalyzers/blob/main/docs/rules/" + id + ".md";

    private static DiagnosticDescriptor Rule(string id, bool isEnabledByDefault = true, params string[] customTags) =>
        new(id, Text(id + "Title"), Text(id + "Message"), Category, DiagnosticSeverity.Warning, isEnabledByDefault, Text(id + "Description"), HelpLink(id), customTags);

    private static LocalizableResourceString Text(string name) => new(name, Texts, typeof(Descriptors));

    private static DiagnosticDescriptor AtCompilationEnd(DiagnosticDescriptor rule) => new(
        rule.Id, rule.Title, rule.MessageFormat, rule.Category, rule.DefaultSeverity, rule.IsEnabledByDefault, rule.Description, rule.HelpLinkUri,
        WellKnownDiagnosticTags.CompilationEnd);
}
