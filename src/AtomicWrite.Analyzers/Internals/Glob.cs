using System.Text;
using System.Text.RegularExpressions;

namespace AtomicWrite.Analyzers.Internals;

/// <summary>
/// A file glob as used by the <c>atomic_write.*_globs</c> options: <c>*</c> (within a segment), <c>**</c> (any
/// segments), <c>?</c>, <c>[abc]</c>, <c>[!abc]</c>, <c>{a,b}</c>. A glob without '/' matches the file name; one
/// with '/' matches the end of the path. Matching ignores case and treats '\' as '/'.
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex, bool matchesFileName)
    {
        Pattern = pattern;
        _regex = regex;
        MatchesFileName = matchesFileName;
    }

    /// <summary>The glob as written.</summary>
    public string Pattern { get; }

    /// <summary>True when the glob has no '/' and is matched against the file name only.</summary>
    public bool MatchesFileName { get; }

    /// <summary>Parses a glob; on failure returns null and a reason.</summary>
    public static Glob? TryParse(string pattern, out string? error)
    {
        error = null;
        if (pattern.Length == 0)
        {
            error = "the glob is empty";
            return null;
        }

        var normalized = pattern.Replace('\\', '/');
        var builder = new StringBuilder();
        var braceDepth = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            switch (c)
            {
                case '*':
                    if (i + 1 < normalized.Length && normalized[i + 1] == '*')
                    {
                        i++;
                        if (i + 1 < normalized.Length && normalized[i + 1] == '/')
                        {
                            i++;
                            builder.Append("(?:.*/)?");
                        }
                        else
                        {
                            builder.Append(".*");
                        }
                    }
                    else
                    {
                        builder.Append("[^/]*");
                    }

                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                {
                    var close = normalized.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        error = "'[' at position " + (i + 1) + " has no closing ']'";
                        return null;
                    }

                    var body = normalized.Substring(i + 1, close - i - 1);
                    var negate = body.StartsWith("!", System.StringComparison.Ordinal) || body.StartsWith("^", System.StringComparison.Ordinal);
                    if (negate)
                    {
                        body = body.Substring(1);
                    }

                    if (body.Length == 0)
                    {
                        error = "'[' at position " + (i + 1) + " encloses no characters";
                        return null;
                    }

                    builder.Append(negate ? "[^" : "[");
                    foreach (var b in body)
                    {
                        builder.Append(b == '-' ? "-" : Regex.Escape(b.ToString()));
                    }

                    builder.Append(']');
                    i = close;
                    break;
                }

                case ']':
                    error = "']' at position " + (i + 1) + " has no opening '['";
                    return null;
                case '{':
                    braceDepth++;
                    builder.Append("(?:");
                    break;
                case '}':
                    if (braceDepth == 0)
                    {
                        error = "'}' at position " + (i + 1) + " has no opening '{'";
                        return null;
                    }

                    braceDepth--;
                    builder.Append(')');
                    break;
                case ',' when braceDepth > 0:
                    builder.Append('|');
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braceDepth != 0)
        {
            error = "'{' has no closing '}'";
            return null;
        }

        var matchesFileName = normalized.IndexOf('/') < 0;
        var prefix = matchesFileName ? "^" : (normalized.StartsWith("/", System.StringComparison.Ordinal) ? "^" : "(?:^|/)");
        try
        {
            var regex = new Regex(prefix + builder + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, System.TimeSpan.FromMilliseconds(100));
            return new Glob(pattern, regex, matchesFileName);
        }
        catch (System.ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>True when the glob matches the path (or its file name).</summary>
    public bool IsMatch(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (MatchesFileName)
        {
            var slash = normalized.LastIndexOf('/');
            normalized = slash >= 0 ? normalized.Substring(slash + 1) : normalized;
        }

        try
        {
            return _regex.IsMatch(normalized);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
