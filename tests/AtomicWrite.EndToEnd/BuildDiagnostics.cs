using System.Text.RegularExpressions;

namespace AtomicWrite.EndToEnd;

/// <summary>One diagnostic line of MSBuild's console output: <c>file(line,col): warning ID: message [project]</c>.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    public override string ToString() => $"{Path.GetFileName(File)}({Line},{Column}): {Severity} {Id}: {Message}";
}

public static partial class BuildDiagnostics
{
    [GeneratedRegex(@"^[ \t]*(?<file>[^\s(][^\r\n(]*?)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<sev>warning|error) (?<id>[A-Za-z]+\d+): (?<msg>[^\r\n]*?)(?: \[[^\]\r\n]+\])?[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    /// <summary>Distinct diagnostics (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        DiagnosticLine().Matches(output)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                int.Parse(m.Groups["line"].Value),
                int.Parse(m.Groups["col"].Value),
                m.Groups["sev"].Value,
                m.Groups["id"].Value,
                m.Groups["msg"].Value))
            .Distinct()
            .ToList();

    public static IReadOnlyList<BuildDiagnostic> WithId(this IEnumerable<BuildDiagnostic> diagnostics, string id) =>
        diagnostics.Where(d => d.Id == id).ToList();
}

/// <summary>A position in a source file found by searching for a snippet (1-based, like the compiler prints).</summary>
public sealed record SourcePosition(string File, int Line, int Column, int Length)
{
    public static SourcePosition Of(string file, string snippet)
    {
        string[] lines = System.IO.File.ReadAllText(file).Split('\n');
        SourcePosition? found = null;
        for (int i = 0; i < lines.Length; i++)
        {
            int col = lines[i].IndexOf(snippet, StringComparison.Ordinal);
            if (col >= 0)
            {
                if (found is not null)
                {
                    throw new InvalidOperationException($"'{snippet}' occurs more than once in {file}");
                }

                found = new SourcePosition(file, i + 1, col + 1, snippet.Length);
            }
        }

        return found ?? throw new InvalidOperationException($"'{snippet}' not found in {file}");
    }

    public override string ToString() => $"{Path.GetFileName(File)}({Line},{Column})";
}
