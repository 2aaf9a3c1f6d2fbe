using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.EndToEnd;

/// <summary>
/// Step 8: the same checks on samples/TokenStore, copied out of the repository and switched from project
/// references to the AtomicWriteAnalyzers package (AtomicWriteAnalyzersVersion in a Directory.Build.props).
/// After `dotnet format`, its own tests still pass, and its output and every file it writes are byte-identical.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TokenStoreSampleTests
{
    // The naive writes the sample must be warned about (whole file, and streaming).
    private const string WholeFileWrite = "File.WriteAllText(_tokenPath, json)";
    private const string StreamingWrite = "new FileStream(_credentialsPath, FileMode.Create)";

    private readonly EndToEndFixture _fx;
    private readonly ITestOutputHelper _out;

    public TokenStoreSampleTests(EndToEndFixture fx, ITestOutputHelper output)
    {
        _fx = fx;
        _out = output;
    }

    [Fact]
    public void Build_shows_AW0001_at_the_token_and_credential_writes_and_writes_them_to_SARIF()
    {
        string root = CopyOfSample();
        string project = Path.Combine(root, "TokenStore");
        var expected = new[]
        {
            SourcePosition.Of(Path.Combine(project, "TokenStore.cs"), WholeFileWrite),
            SourcePosition.Of(Path.Combine(project, "CredentialCache.cs"), StreamingWrite),
        };
        string sarifPath = Path.Combine(root, "tokenstore.sarif");

        var build = Build(project, "-p:ErrorLog=" + sarifPath + "%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.ToString());
        var aw0001 = BuildDiagnostics.Parse(build.Output).WithId("AW0001");
        foreach (var e in expected)
        {
            Assert.Contains(aw0001, d => Path.GetFileName(d.File) == Path.GetFileName(e.File) && d.Line == e.Line && d.Column == e.Column);
        }

        // Nothing outside the two storage classes is flagged.
        Assert.All(aw0001, d => Assert.Contains(Path.GetFileName(d.File), new[] { "TokenStore.cs", "CredentialCache.cs" }));
        Assert.All(aw0001, d => Assert.Equal("warning", d.Severity));

        var sarif = Sarif.Load(sarifPath);
        foreach (var e in expected)
        {
            Assert.Contains(sarif.Results, r => r.RuleId == "AW0001" && r.Uri.EndsWith("/" + Path.GetFileName(e.File), StringComparison.Ordinal)
                && r.StartLine == e.Line && r.StartColumn == e.Column);
        }
    }

    [SkippableFact]
    public void Build_shows_AW0002_at_the_hand_rolled_temp_file_replace()
    {
        string root = CopyOfSample();
        string project = Path.Combine(root, "TokenStore");
        var tempWrite = SourcePosition.Of(Path.Combine(project, "TokenStore.cs"), "File.WriteAllText(tempPath,");
        var move = SourcePosition.Of(Path.Combine(project, "TokenStore.cs"), "File.Move(tempPath, backupPath, overwrite: true)");

        var build = Build(project);

        Assert.True(build.ExitCode == 0, build.ToString());
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        Skip.IfNot(ShipsRule("AW0002"),
            "the package does not contain AW0002 yet");
        var aw0002 = diagnostics.WithId("AW0002");
        Assert.Contains(aw0002, d => Path.GetFileName(d.File) == "TokenStore.cs" && d.Line >= tempWrite.Line && d.Line <= move.Line);
    }

    [Fact]
    public void Build_with_warnaserror_fails()
    {
        string project = Path.Combine(CopyOfSample(), "TokenStore");

        var build = Build(project, "-warnaserror");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(BuildDiagnostics.Parse(build.Output), d => d.Id == "AW0001" && d.Severity == "error");
    }

    [Fact]
    public void Dotnet_format_fixes_every_AW0001_and_tests_output_and_files_stay_the_same()
    {
        string root = CopyOfSample();
        string project = Path.Combine(root, "TokenStore");
        var before = Fixing.RunProgram(project, "TokenStore.dll", _fx.NewDirectory("tokenstore-before"));
        foreach (var f in before.Files)
        {
            _out.WriteLine("before: " + f);
        }

        var fix = Fixing.FormatAnalyzers(project, "TokenStore.csproj");

        Assert.True(fix.ExitCode == 0, fix.ToString());
        string tokenStore = File.ReadAllText(Path.Combine(project, "TokenStore.cs"));
        string credentialCache = File.ReadAllText(Path.Combine(project, "CredentialCache.cs"));
        _out.WriteLine(tokenStore);
        _out.WriteLine(credentialCache);
        Assert.DoesNotContain(WholeFileWrite + ";", tokenStore.Replace("AtomicFile.WriteAllText", "#", StringComparison.Ordinal));
        Assert.Contains("AtomicFile.WriteAllText(_tokenPath, json)", tokenStore);
        Assert.DoesNotContain(StreamingWrite, credentialCache);
        Assert.Contains("AtomicFile.", credentialCache);

        var build = Build(project);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(BuildDiagnostics.Parse(build.Output).WithId("AW0001"));

        var after = Fixing.RunProgram(project, "TokenStore.dll", _fx.NewDirectory("tokenstore-after"), build: false);
        Fixing.AssertSameBehaviour(before, after);
        Assert.Equal(new[] { "client-credentials.json", "tokens.json", "tokens.json.bak" }, after.Files.Select(f => f.RelativePath));

        var tests = ProcessRunner.Dotnet(Path.Combine(root, "TokenStore.Tests"), TimeSpan.FromMinutes(5),
            "test", "-nodeReuse:false", "--nologo", "-v", "quiet");
        _out.WriteLine(tests.ToString());
        Assert.True(tests.ExitCode == 0, tests.ToString());
        Assert.Matches(@"Failed:\s+0, Passed:\s+[1-9]\d*", tests.Output);
    }

    [Fact]
    public async Task The_language_server_shows_AW0001_in_the_sample()
    {
        string root = CopyOfSample();
        string project = Path.Combine(root, "TokenStore");
        var restore = ProcessRunner.Dotnet(project, EndToEndFixture.BuildTimeout, "restore", "--nologo");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        string document = Path.Combine(project, "TokenStore.cs");
        var expected = SourcePosition.Of(document, WholeFileWrite);

        var (diagnostics, transcript) = await LanguageServer.OpenAndCollectAsync(
            _fx.CSharpLs(), project, document, set => set.Any(d => d.Code == "AW0001"));

        var d = diagnostics.FirstOrDefault(x => x.Code == "AW0001" && x.StartLine == expected.Line - 1);
        Assert.True(d is not null, "no AW0001 on line " + expected.Line + "; last set: " + string.Join("; ", diagnostics.Select(x => x.ToString())) + "\n" + transcript);
        Assert.Equal((expected.Line - 1, expected.Column - 1, expected.Column - 1 + expected.Length), (d.StartLine, d.StartCharacter, d.EndCharacter));
    }

    [Fact]
    public void The_fixed_sample_builds_clean_under_its_strict_editorconfig_and_behaves_like_the_naive_one()
    {
        string root = CopyOfSample();
        string naive = Path.Combine(root, "TokenStore");
        string fixedProject = Path.Combine(root, "TokenStore.Fixed");

        // Its .editorconfig makes every AtomicWrite rule an error and sets each atomic_write.* key (AW0005 checks them).
        var build = Build(fixedProject);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(BuildDiagnostics.Parse(build.Output), d => d.Id.StartsWith("AW", StringComparison.Ordinal));
        Assert.Contains("AtomicFile.Create(", File.ReadAllText(Path.Combine(fixedProject, "CredentialCache.cs")));
        Assert.Contains("AtomicFile.WriteAllText(", File.ReadAllText(Path.Combine(fixedProject, "TokenStore.cs")));

        var fixedRun = Fixing.RunProgram(fixedProject, "TokenStore.Fixed.dll", _fx.NewDirectory("fixed-sample"), build: false);
        var naiveRun = Fixing.RunProgram(naive, "TokenStore.dll", _fx.NewDirectory("naive-sample"));
        Fixing.AssertSameBehaviour(naiveRun, fixedRun);
    }

    private bool ShipsRule(string id)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_fx.PackageDirectory, $"AtomicWriteAnalyzers.{_fx.Version}.nupkg"));
        using var entry = zip.GetEntry("analyzers/dotnet/cs/AtomicWrite.Analyzers.dll")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return System.Text.Encoding.UTF8.GetString(copy.ToArray()).Contains(id, StringComparison.Ordinal)
            || System.Text.Encoding.Unicode.GetString(copy.ToArray()).Contains(id, StringComparison.Ordinal);
    }

    private ProcessResult Build(string project, params string[] extra)
    {
        var build = ProcessRunner.Dotnet(project, EndToEndFixture.BuildTimeout,
            ["build", "--no-incremental", "-nodeReuse:false", "--nologo", "-v", "minimal", .. extra]);
        _out.WriteLine(build.ToString());
        return build;
    }

    /// <summary>samples/TokenStore and samples/TokenStore.Tests copied under the fixture's root, using the package.</summary>
    private string CopyOfSample()
    {
        string root = _fx.NewDirectory("tokenstore");
        Repo.CopySource(Repo.PathOf("samples", "TokenStore"), Path.Combine(root, "TokenStore"));
        Repo.CopySource(Repo.PathOf("samples", "TokenStore.Tests"), Path.Combine(root, "TokenStore.Tests"));
        Repo.CopySource(Repo.PathOf("samples", "TokenStore.Fixed"), Path.Combine(root, "TokenStore.Fixed"));
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <AtomicWriteAnalyzersVersion>{_fx.Version}</AtomicWriteAnalyzersVersion>
              </PropertyGroup>
            </Project>
            """);
        return root;
    }
}
