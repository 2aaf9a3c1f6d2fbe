using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// The system calls of one replace, floor against AtomicFile: run.sh traces "replace-once" with strace, and the report
/// shows the calls the process made between two marker look-ups, so the reader sees where any extra time can come from.
/// </summary>
internal static class SyscallTrace
{
    public const string BeginMarker = "/aw-trace-begin";
    public const string EndMarker = "/aw-trace-end";

    public static int ReplaceOnce(string kind, string dir)
    {
        string target = Path.Combine(dir, "traced.json");
        string text = Payload.Text(Payload.ReplaceSize);
        byte[] bytes = Payload.Bytes(Payload.ReplaceSize);
        File.WriteAllText(target, text);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        byte[] tempC = Posix.CString(Path.Combine(dir, ".traced.tmp")), targetC = Posix.CString(target), dirC = Posix.CString(dir);
        Action op = kind switch
        {
            "floor" => () => Posix.Replace(tempC, targetC, dirC, bytes),
            "atomic" => () => AtomicFile.WriteAllText(target, text),
            _ => throw new ArgumentException($"unknown kind {kind}"),
        };

        op(); // warm-up: JIT and assembly loading stay outside the traced window
        op();
        _ = File.Exists(BeginMarker);
        op();
        _ = File.Exists(EndMarker);
        return File.ReadAllText(target) == text ? 0 : 1;
    }

    /// <summary>The calls between the markers, from the thread that made them, with pids and timings stripped.</summary>
    public static List<string> Extract(string straceLog)
    {
        string[] lines = File.ReadAllLines(straceLog);
        int begin = Array.FindIndex(lines, l => l.Contains(BeginMarker, StringComparison.Ordinal));
        int end = Array.FindIndex(lines, l => l.Contains(EndMarker, StringComparison.Ordinal));
        if (begin < 0 || end < begin)
        {
            return [];
        }

        string pid = Regex.Match(lines[begin], @"^(\d+)\s").Groups[1].Value;
        return lines[(begin + 1)..end]
            .Where(l => pid.Length == 0 || l.StartsWith(pid + " ", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\d+\s+", ""))
            .ToList();
    }
}
