using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace AtomicWrite.Analyzers.Internals;

/// <summary>One problem found in an <c>atomic_write.*</c> option.</summary>
internal readonly record struct SettingProblem(string Key, string Value, string Reason);

/// <summary>The <c>atomic_write.*</c> options of .editorconfig / .globalconfig, parsed and validated.</summary>
internal sealed class AnalyzerSettings
{
    /// <summary>The prefix of every key; an unknown key with this prefix is reported.</summary>
    private const string KeyPrefix = "atomic_write.";

    public const string SensitiveWordsKey = KeyPrefix + "sensitive_words";
    public const string SensitiveGlobsKey = KeyPrefix + "sensitive_globs";
    public const string IgnoredWordsKey = KeyPrefix + "ignored_words";
    public const string IgnoredGlobsKey = KeyPrefix + "ignored_globs";
    public const string SinkMethodsKey = KeyPrefix + "sink_methods";
    public const string AnalyzeGeneratedCodeKey = KeyPrefix + "analyze_generated_code";

    /// <summary>Every key the analyzers read.</summary>
    public static readonly ImmutableArray<string> KnownKeys = ImmutableArray.Create(
        SensitiveWordsKey, SensitiveGlobsKey, IgnoredWordsKey, IgnoredGlobsKey, SinkMethodsKey, AnalyzeGeneratedCodeKey);

    public static readonly AnalyzerSettings Empty = new();

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, AnalyzerSettings> Cache = new();
    private static readonly Regex WordPattern = new("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex DocIdPattern = new(
        @"^M:(?:[A-Za-z_@][A-Za-z0-9_`@#]*\.)+(?:[A-Za-z_@#][A-Za-z0-9_`@#]*)(?:``\d+)?(?:\((?:[^()\s]+)\))?(?:~[^\s]+)?$",
        RegexOptions.CultureInvariant);

    private AnalyzerSettings()
    {
    }

    public ImmutableArray<string> SensitiveWords { get; private set; } = ImmutableArray<string>.Empty;

    public ImmutableArray<Glob> SensitiveGlobs { get; private set; } = ImmutableArray<Glob>.Empty;

    public ImmutableArray<string> IgnoredWords { get; private set; } = ImmutableArray<string>.Empty;

    public ImmutableArray<Glob> IgnoredGlobs { get; private set; } = ImmutableArray<Glob>.Empty;

    /// <summary>Documentation-comment IDs (M:...) of extra sink methods; their first path-like string parameter is the path.</summary>
    public ImmutableArray<string> SinkMethods { get; private set; } = ImmutableArray<string>.Empty;

    public bool AnalyzeGeneratedCode { get; private set; }

    public ImmutableArray<SettingProblem> Problems { get; private set; } = ImmutableArray<SettingProblem>.Empty;

    /// <summary>The settings of a set of options (cached per options instance).</summary>
    public static AnalyzerSettings For(AnalyzerConfigOptions options) => Cache.GetValue(options, Parse);

    /// <summary>Parses the options; never throws.</summary>
    public static AnalyzerSettings Parse(AnalyzerConfigOptions options)
    {
        var settings = new AnalyzerSettings();
        var problems = ImmutableArray.CreateBuilder<SettingProblem>();

        settings.SensitiveWords = ParseWords(options, SensitiveWordsKey, problems);
        settings.IgnoredWords = ParseWords(options, IgnoredWordsKey, problems);
        settings.SensitiveGlobs = ParseGlobs(options, SensitiveGlobsKey, problems);
        settings.IgnoredGlobs = ParseGlobs(options, IgnoredGlobsKey, problems);

        if (options.TryGetValue(SinkMethodsKey, out var sinks))
        {
            var ids = ImmutableArray.CreateBuilder<string>();
            foreach (var id in Split(sinks, docIds: true))
            {
                if (DocIdPattern.IsMatch(id) && Balanced(id))
                {
                    ids.Add(id);
                }
                else
                {
                    problems.Add(new SettingProblem(SinkMethodsKey, id, "it is not a method documentation-comment ID such as 'M:MyApp.Storage.WriteText(System.String,System.String)'"));
                }
            }

            settings.SinkMethods = ids.ToImmutable();
        }

        if (options.TryGetValue(AnalyzeGeneratedCodeKey, out var generated))
        {
            var value = generated.Trim();
            if (string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase))
            {
                settings.AnalyzeGeneratedCode = true;
            }
            else if (!string.Equals(value, "false", System.StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new SettingProblem(AnalyzeGeneratedCodeKey, generated, "expected 'true' or 'false'"));
            }
        }

        foreach (var key in Keys(options))
        {
            if (key.StartsWith(KeyPrefix, System.StringComparison.OrdinalIgnoreCase) && !KnownKeys.Contains(key))
            {
                options.TryGetValue(key, out var unknownValue);
                problems.Add(new SettingProblem(key, unknownValue ?? string.Empty, "the key is unknown (known keys: " + string.Join(", ", KnownKeys) + ")"));
            }
        }

        settings.Problems = problems.ToImmutable();
        return settings;
    }

    private static IEnumerable<string> Keys(AnalyzerConfigOptions options)
    {
        try
        {
            return options.Keys;
        }
        catch (System.NotImplementedException)
        {
            return System.Array.Empty<string>();
        }
    }

    private static ImmutableArray<string> ParseWords(AnalyzerConfigOptions options, string key, ImmutableArray<SettingProblem>.Builder problems)
    {
        if (!options.TryGetValue(key, out var raw))
        {
            return ImmutableArray<string>.Empty;
        }

        var words = ImmutableArray.CreateBuilder<string>();
        foreach (var word in Split(raw, docIds: false))
        {
            if (WordPattern.IsMatch(word))
            {
                words.Add(word.ToLowerInvariant());
            }
            else
            {
                problems.Add(new SettingProblem(key, word, "a word may hold only letters, digits, '_', '-' and '.'"));
            }
        }

        return words.ToImmutable();
    }

    private static ImmutableArray<Glob> ParseGlobs(AnalyzerConfigOptions options, string key, ImmutableArray<SettingProblem>.Builder problems)
    {
        if (!options.TryGetValue(key, out var raw))
        {
            return ImmutableArray<Glob>.Empty;
        }

        var globs = ImmutableArray.CreateBuilder<Glob>();
        foreach (var pattern in SplitGlobs(raw))
        {
            var glob = Glob.TryParse(pattern, out var error);
            if (glob is null)
            {
                problems.Add(new SettingProblem(key, pattern, error ?? "the glob is malformed"));
            }
            else
            {
                globs.Add(glob);
            }
        }

        return globs.ToImmutable();
    }

    /// <summary>Splits a list on commas, semicolons and spaces (doc IDs: on semicolons and spaces, as they hold commas).</summary>
    private static IEnumerable<string> Split(string raw, bool docIds)
    {
        var separators = docIds ? new[] { ';', ' ', '\t' } : new[] { ',', ';', ' ', '\t' };
        foreach (var part in raw.Split(separators, System.StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                yield return trimmed;
            }
        }
    }

    /// <summary>Splits globs on commas, semicolons and spaces that are outside braces.</summary>
    private static IEnumerable<string> SplitGlobs(string raw)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= raw.Length; i++)
        {
            var end = i == raw.Length;
            var c = end ? ',' : raw[i];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = System.Math.Max(0, depth - 1);
            }
            else if ((c == ',' || c == ';' || c == ' ' || c == '\t') && (depth == 0 || end))
            {
                var part = raw.Substring(start, i - start).Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
        }
    }

    private static bool Balanced(string id)
    {
        var depth = 0;
        foreach (var c in id)
        {
            if (c == '(' || c == '{' || c == '[')
            {
                depth++;
            }
            else if (c == ')' || c == '}' || c == ']')
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
        }

        return depth == 0;
    }
}
