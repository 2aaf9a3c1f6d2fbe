using Xunit;

namespace AtomicWrite.EndToEnd;

/// <summary>Runs a program before and after `dotnet format analyzers` and compares what it did.</summary>
public static class Fixing
{
    public static readonly TimeSpan FormatTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Builds (unless told not to) and runs the project's program with <paramref name="outputDirectory"/> as its only argument.</summary>
    public static RunSnapshot RunProgram(string projectDirectory, string dll, string outputDirectory, bool build = true)
    {
        if (build)
        {
            var b = ProcessRunner.Dotnet(projectDirectory, EndToEndFixture.BuildTimeout, "build", "-nodeReuse:false", "--nologo", "-v", "quiet");
            Assert.True(b.ExitCode == 0, b.ToString());
        }

        string program = Path.Combine(projectDirectory, "bin", "Debug", "net10.0", dll);
        Assert.True(File.Exists(program), program + " was not built");
        var run = ProcessRunner.Dotnet(projectDirectory, RunTimeout, program, outputDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        var snapshot = RunSnapshot.Take(run, outputDirectory);
        Assert.NotEmpty(snapshot.Files);
        return snapshot;
    }

    /// <summary>`dotnet format analyzers &lt;project&gt; --diagnostics AW0001 --severity warn`, optionally with --verify-no-changes.</summary>
    public static ProcessResult FormatAnalyzers(string workingDirectory, string project, bool verifyOnly = false) =>
        ProcessRunner.Run("dotnet",
            ["format", "analyzers", project, "--diagnostics", "AW0001", "--severity", "warn", "-v", "diagnostic", .. verifyOnly ? new[] { "--verify-no-changes" } : []],
            workingDirectory, FormatTimeout);

    public static void AssertSameBehaviour(RunSnapshot before, RunSnapshot after)
    {
        Assert.Equal(before.ExitCode, after.ExitCode);
        Assert.Equal(before.StdOut, after.StdOut);
        Assert.Equal(before.StdErr, after.StdErr);
        Assert.Equal(before.Files.Select(f => f.ToString()), after.Files.Select(f => f.ToString()));
        Assert.Equal(before.Files, after.Files);
    }
}
