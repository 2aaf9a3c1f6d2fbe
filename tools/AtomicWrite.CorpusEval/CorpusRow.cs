using System;
using System.Collections.Generic;
using System.IO;

namespace AtomicWrite.CorpusEval;

/// <summary>One labelled call site of the corpus table (dev.tsv).</summary>
internal sealed record CorpusRow(
    int Index,
    string Repo,
    string Commit,
    string Path,
    int Line,
    string Api,
    string Label,
    string TargetFileKind,
    string Reason)
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string AlreadyAtomic = "already-atomic";
    public const string HandRolledFlawed = "hand-rolled-flawed";

    /// <summary>"name-abcdef12": the folder a checkout of this row's commit is extracted to.</summary>
    public string TreeName => RepoName + "-" + Commit.Substring(0, Math.Min(8, Commit.Length));

    public string RepoName => Repo.Substring(Repo.IndexOf('/') + 1);

    public bool Borderline => Reason.Contains("[borderline]", StringComparison.Ordinal);

    /// <summary>Reads the corpus table: a header line, then tab-separated rows.</summary>
    public static List<CorpusRow> Load(string tsvPath)
    {
        var rows = new List<CorpusRow>();
        var lines = File.ReadAllLines(tsvPath);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{tsvPath}: empty");
        }

        var header = lines[0].Split('\t');
        int Col(string name)
        {
            int i = Array.IndexOf(header, name);
            if (i < 0)
            {
                throw new InvalidDataException($"{tsvPath}: no column '{name}'");
            }

            return i;
        }

        int repo = Col("repo"), commit = Col("commit"), path = Col("path"), line = Col("line"),
            api = Col("api"), label = Col("label"), kind = Col("target_file_kind"), reason = Col("reason");

        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            var f = lines[n].Split('\t');
            string Get(int i) => i < f.Length ? f[i].Trim() : string.Empty;
            if (!int.TryParse(Get(line), out int lineNumber))
            {
                throw new InvalidDataException($"{tsvPath}:{n + 1}: line '{Get(line)}' is not a number");
            }

            var l = Get(label);
            if (l is not (Positive or Negative or AlreadyAtomic or HandRolledFlawed))
            {
                throw new InvalidDataException($"{tsvPath}:{n + 1}: unknown label '{l}'");
            }

            rows.Add(new CorpusRow(n, Get(repo), Get(commit), Get(path).Replace('\\', '/'), lineNumber,
                Get(api), l, Get(kind), Get(reason)));
        }

        return rows;
    }
}
