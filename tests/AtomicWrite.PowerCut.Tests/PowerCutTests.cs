using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.PowerCut.Tests;

/// <summary>
/// A short power-cut series per writer (tests/AtomicWrite.PowerCut/powercut.sh): a QEMU VM runs the writer on an ext4
/// disk and is SIGKILLed at a random moment after its first commit; the file is then read from the disk image.
/// Skipped, with the reason, where the VM cannot boot. POWERCUT_CI_CUTS sets the cuts per writer (default 20).
/// </summary>
public sealed class PowerCutTests
{
    private readonly ITestOutputHelper _output;

    public PowerCutTests(ITestOutputHelper output) => _output = output;

    private static int Cuts => int.TryParse(Environment.GetEnvironmentVariable("POWERCUT_CI_CUTS"), out int n) && n > 0 ? n : 20;

    [SkippableFact]
    public void AtomicFile_never_leaves_a_torn_file_nor_loses_a_committed_write()
    {
        var series = Series.Run("atomic", Cuts, _output);
        Assert.Equal(Cuts, series.Count);
        Assert.All(series, c => Assert.True(c.Committed >= 1, c.Line));
        Assert.Empty(series.Where(c => c.Verdict.StartsWith("torn", StringComparison.Ordinal) || c.Verdict == "missing").Select(c => c.Line));
        Assert.Empty(series.Where(c => c.Verdict.StartsWith("lost", StringComparison.Ordinal)).Select(c => c.Line));
        Assert.All(series, c => Assert.StartsWith("ok ", c.Verdict));
    }

    /// <summary>
    /// The control writers (no fsync at all): within the first seconds of a boot, before ext4's periodic journal commit,
    /// a cut loses what they wrote. At least one failure in the series shows that the harness can see a failure.
    /// </summary>
    [SkippableTheory]
    [InlineData("inplace")]
    [InlineData("tmp-move")]
    public void A_control_writer_without_fsync_loses_or_tears_the_file(string writer)
    {
        var series = Series.Run(writer, Cuts, _output);
        Assert.Equal(Cuts, series.Count);
        Assert.All(series, c => Assert.True(c.Committed >= 1, c.Line));
        Assert.Contains(series, c => !c.Verdict.StartsWith("ok ", StringComparison.Ordinal));
    }

    private sealed record Cut(string Line, long Committed, string Verdict);

    private static class Series
    {
        private static readonly Regex s_cut = new(@"^cut \d+ .* committed=(\d+) fsck=\S+ (.+)$", RegexOptions.CultureInvariant);

        public static List<Cut> Run(string writer, int cuts, ITestOutputHelper output)
        {
            Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
                "the power-cut VM runs on Linux x64 only");
            string root = RepoRoot();
            string script = Path.Combine(root, "tests", "AtomicWrite.PowerCut", "powercut.sh");
            var psi = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = root,
            };
            foreach (string a in new[] { script, "run", "--fs", "ext4", "--writer", writer, "--cuts", cuts.ToString() })
            {
                psi.ArgumentList.Add(a);
            }

            // The test host's MSBuild/VSTest variables would leak into the writer's publish.
            foreach (string key in psi.Environment.Keys.ToList())
            {
                if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key == "DOTNET_HOST_PATH")
                {
                    psi.Environment.Remove(key);
                }
            }

            psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            psi.Environment["UseSharedCompilation"] = "false";
            // Its own work folder, so a long run of the script in the same clone is left alone.
            psi.Environment["POWERCUT_WORK"] = Path.Combine(root, "artifacts", "powercut-ci");
            if (!psi.Environment.ContainsKey("POWERCUT_KILL_MAX_MS"))
            {
                psi.Environment["POWERCUT_KILL_MAX_MS"] = "2000";
            }

            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
            var clock = Stopwatch.StartNew();
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"powercut.sh did not finish within 20 minutes\n{stdout}\n{stderr}");
            }

            process.WaitForExit();
            string outText, errText;
            lock (stdout) { outText = stdout.ToString(); }
            lock (stderr) { errText = stderr.ToString(); }
            output.WriteLine($"powercut.sh run --writer {writer} --cuts {cuts}: exit {process.ExitCode} after {clock.Elapsed.TotalSeconds:F0} s");
            output.WriteLine(outText);
            output.WriteLine(errText);
            Directory.CreateDirectory(Path.Combine(root, "artifacts", "powercut-ci"));
            File.WriteAllText(Path.Combine(root, "artifacts", "powercut-ci", "ext4-" + writer + ".txt"), outText + errText);

            // Exit 3: the VM cannot run here (no kernel, no QEMU, no boot). Say so and skip; never pass.
            string reason = string.Join(" ", errText.Split('\n').Where(l => l.Contains("VM CANNOT RUN", StringComparison.Ordinal)
                || l.Contains("did not reach", StringComparison.Ordinal)).Select(l => l.Trim()));
            Skip.If(process.ExitCode == 3, "the power-cut VM cannot boot on this machine: " + (reason.Length > 0 ? reason : errText.Trim()));
            Assert.True(process.ExitCode == 0, $"powercut.sh exit {process.ExitCode}\n{outText}\n{errText}");

            var result = new List<Cut>();
            foreach (string line in outText.Split('\n').Select(l => l.TrimEnd('\r')))
            {
                var m = s_cut.Match(line);
                if (m.Success)
                {
                    result.Add(new Cut(line, long.Parse(m.Groups[1].Value), m.Groups[2].Value));
                }
            }

            Assert.Contains("summary fs=ext4 writer=" + writer + " cuts=" + cuts + " ", outText, StringComparison.Ordinal);
            return result;
        }

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AtomicWriteAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("AtomicWriteAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
