using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// Reads the analyzer report that `dotnet build -p:ReportAnalyzer=true -v:d` prints for each Csc call:
/// "Total analyzer execution time: 1.234 seconds." followed by one "time  %  name" row per analyzer assembly and type.
/// </summary>
internal static partial class BuildLog
{
    public sealed record Row(string Name, double Seconds, string Percent);

    public sealed record Result(string Project, string Command, double TotalAnalyzerSeconds, double OursSeconds, List<Row> Rows, bool Found);

    [GeneratedRegex(@"Total analyzer execution time:\s*([0-9.,]+)\s*seconds", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^\s*(<?[0-9]+[.,][0-9]+)\s+(<?\d+)\s+(\S.*?)\s*$")]
    private static partial Regex AnalyzerRow();

    public static Result Parse(string logPath, string project, string command)
    {
        string[] lines = File.ReadAllLines(logPath);
        double total = 0;
        var rows = new List<Row>();
        bool found = false;
        for (int i = 0; i < lines.Length; i++)
        {
            Match m = TotalLine().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            found = true;
            total += ParseSeconds(m.Groups[1].Value);
            // Rows come in groups (an assembly row, then its analyzer rows), separated by blank lines; the generator
            // report or a NOTE ends the analyzer report.
            for (int j = i + 1; j < lines.Length; j++)
            {
                string line = StripPrefix(lines[j]);
                Match r = AnalyzerRow().Match(line);
                if (r.Success)
                {
                    rows.Add(new Row(r.Groups[3].Value, ParseSeconds(r.Groups[1].Value), r.Groups[2].Value));
                }
                else if (line.Trim().Length == 0 || line.Contains("Time (s)", StringComparison.Ordinal))
                {
                    continue;
                }
                else
                {
                    break;
                }
            }
        }

        // Assembly rows name "AtomicWrite.Analyzers, Version=..."; type rows under them name our analyzer types.
        double ours = rows.Where(r => r.Name.StartsWith("AtomicWrite.Analyzers,", StringComparison.Ordinal)).Sum(r => r.Seconds);
        return new Result(project, command, total, ours, rows, found);
    }

    /// <summary>Detailed logs may prefix lines with a node id ("  1>").</summary>
    private static string StripPrefix(string line)
    {
        int gt = line.IndexOf('>');
        return gt > 0 && gt < 6 && line[..gt].Trim().All(char.IsDigit) ? line[(gt + 1)..] : line;
    }

    private static double ParseSeconds(string s) => double.Parse(s.TrimStart('<').Replace(',', '.'), CultureInfo.InvariantCulture);
}
