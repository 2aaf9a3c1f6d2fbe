using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.EndToEnd;

/// <summary>
/// Steps 2 to 7 on a brand-new `dotnet new console` project that adds only the AtomicWriteAnalyzers package.
/// Each test works on its own copy of that project.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleAppTests
{
    private const string Program = """
        using System.IO;

        string directory = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
        SaveToken(directory, "{\"access_token\":\"at-e2e\",\"refresh_token\":\"rt-e2e\"}");
        Console.WriteLine("saved: " + File.ReadAllText(Path.Combine(directory, "token.json")));
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "nothing secret here");

        static void SaveToken(string directory, string json)
        {
            File.WriteAllText(Path.Combine(directory, "token.json"), json);
        }

        """;

    // The stream leaves the method that opens it, so no rewrite inside that method can commit it.
    private const string UnfixableProgram = """
        using System.IO;

        string directory = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
        using (Stream stream = OpenTokenFile(directory))
        {
            stream.Write("{}"u8);
        }

        static Stream OpenTokenFile(string directory) =>
            new FileStream(Path.Combine(directory, "token.json"), FileMode.Create);

        """;

    // A stream wrapped by a writer in nested usings (a BOM-writing encoding) and an expression-bodied XML save.
    private const string NestedProgram = """
        using System.IO;
        using System.Text;
        using System.Xml.Linq;

        string directory = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
        File.WriteAllText(Path.Combine(directory, "credentials.ini"), new string('o', 4000));
        SaveIni(directory, "token = v\u00e4lue \u00df \u20ac\nuser = e2e\n", new UTF8Encoding(true));
        SaveXml(directory);
        Console.WriteLine("saved: " + File.ReadAllText(Path.Combine(directory, "credentials.ini")));

        static void SaveIni(string directory, string text, Encoding encoding)
        {
            using (var fs = new FileStream(Path.Combine(directory, "credentials.ini"), FileMode.Create, FileAccess.Write))
            {
                using var writer = new StreamWriter(fs, encoding);
                writer.Write(text);
            }
        }

        static void SaveXml(string directory) => new XDocument(new XElement("secrets", new XElement("token", "\u00e4"))).Save(Path.Combine(directory, "secrets.xml"));

        """;

    private const string SensitiveWrite = """File.WriteAllText(Path.Combine(directory, "token.json"), json)""";
    private const string OrdinaryWrite = """File.WriteAllText(Path.Combine(directory, "notes.txt"), "nothing secret here")""";

    private static readonly object TemplateGate = new();
    private static string? s_template;

    private readonly EndToEndFixture _fx;
    private readonly ITestOutputHelper _out;

    public ConsoleAppTests(EndToEndFixture fx, ITestOutputHelper output)
    {
        _fx = fx;
        _out = output;
    }

    [Fact]
    public void Build_shows_AW0001_at_the_sensitive_write()
    {
        string app = CopyOfApp();
        var expected = SourcePosition.Of(Path.Combine(app, "Program.cs"), SensitiveWrite);

        var build = Build(app);

        Assert.True(build.ExitCode == 0, build.ToString());
        var aw0001 = BuildDiagnostics.Parse(build.Output).WithId("AW0001");
        var d = Assert.Single(aw0001);
        Assert.Equal("warning", d.Severity);
        Assert.Equal("Program.cs", Path.GetFileName(d.File));
        Assert.Equal((expected.Line, expected.Column), (d.Line, d.Column));
        // AW0003 (every in-place overwrite) is off by default: the notes file is not flagged.
        Assert.Empty(BuildDiagnostics.Parse(build.Output).WithId("AW0003"));
    }

    [Fact]
    public void Build_with_warnaserror_fails_on_AW0001()
    {
        string app = CopyOfApp();
        var expected = SourcePosition.Of(Path.Combine(app, "Program.cs"), SensitiveWrite);

        var build = Build(app, "-warnaserror");

        Assert.NotEqual(0, build.ExitCode);
        var errors = BuildDiagnostics.Parse(build.Output).Where(d => d.Severity == "error").ToList();
        Assert.Contains(errors, d => d.Id == "AW0001" && d.Line == expected.Line && d.Column == expected.Column);
    }

    [Fact]
    public void The_Strict_preset_from_the_package_makes_AW0001_an_error()
    {
        string app = CopyOfApp();

        var build = Build(app, "-p:AtomicWriteAnalysisMode=Strict");

        Assert.NotEqual(0, build.ExitCode);
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        Assert.Contains(diagnostics, d => d.Id == "AW0001" && d.Severity == "error");
        Assert.Empty(diagnostics.WithId("AW0003"));
    }

    [Fact]
    public void The_All_preset_also_turns_on_AW0003_for_ordinary_overwrites()
    {
        string app = CopyOfApp();
        var ordinary = SourcePosition.Of(Path.Combine(app, "Program.cs"), OrdinaryWrite);

        var build = Build(app, "-p:AtomicWriteAnalysisMode=All");

        Assert.NotEqual(0, build.ExitCode);
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        Assert.Contains(diagnostics, d => d.Id == "AW0001" && d.Severity == "error");
        Assert.Contains(diagnostics, d => d.Id == "AW0003" && d.Severity == "error" && d.Line == ordinary.Line && d.Column == ordinary.Column);
    }

    [Fact]
    public void ErrorLog_writes_a_SARIF_file_with_the_AW0001_result()
    {
        string app = CopyOfApp();
        string sarifPath = Path.Combine(app, "build.sarif");

        var expected = SourcePosition.Of(Path.Combine(app, "Program.cs"), SensitiveWrite);

        var build = Build(app, "-p:ErrorLog=" + sarifPath + "%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.ToString());
        var sarif = Sarif.Load(sarifPath);
        var result = Assert.Single(sarif.Results, r => r.RuleId == "AW0001");
        Assert.Equal("warning", result.Level);
        Assert.EndsWith("/Program.cs", result.Uri);
        Assert.Equal((expected.Line, expected.Column), (result.StartLine, result.StartColumn));
        Assert.Equal("https://github.com/atomicwrite/AtomicWriteAnalyzers/blob/main/docs/rules/AW0001.md", sarif.HelpUri("AW0001"));
    }

    [Fact]
    public void Dotnet_format_fixes_AW0001_and_the_program_behaves_the_same()
    {
        string app = CopyOfApp();
        var before = Fixing.RunProgram(app, "app.dll", _fx.NewDirectory("console-out-before"));
        // `--verify-no-changes` fails while an AW0001 is left, and changes nothing.
        var gate = Fixing.FormatAnalyzers(app, "app.csproj", verifyOnly: true);
        Assert.True(gate.ExitCode != 0, gate.ToString());
        Assert.Contains("File.WriteAllText(Path.Combine(directory, \"token.json\"), json)", File.ReadAllText(Path.Combine(app, "Program.cs")));

        var fix = Fixing.FormatAnalyzers(app, "app.csproj");

        Assert.True(fix.ExitCode == 0, fix.ToString());
        string fixedSource = File.ReadAllText(Path.Combine(app, "Program.cs"));
        _out.WriteLine(fixedSource);
        Assert.Contains("AtomicFile.WriteAllText(Path.Combine(directory, \"token.json\"), json)", fixedSource);
        var build = Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(BuildDiagnostics.Parse(build.Output).WithId("AW0001"));
        var after = Fixing.RunProgram(app, "app.dll", _fx.NewDirectory("console-out-after"), build: false);
        Fixing.AssertSameBehaviour(before, after);
        Assert.Contains("saved: {\"access_token\":\"at-e2e\"", after.StdOut);
        var gateAfter = Fixing.FormatAnalyzers(app, "app.csproj", verifyOnly: true);
        Assert.True(gateAfter.ExitCode == 0, gateAfter.ToString());
    }

    [Fact]
    public void Dotnet_format_fixes_nested_usings_and_an_expression_bodied_save_and_the_bytes_stay_the_same()
    {
        string app = CopyOfApp();
        string program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, NestedProgram);
        var before = Fixing.RunProgram(app, "app.dll", _fx.NewDirectory("nested-out-before"));
        // The two shapes, and the write that seeds the old content.
        Assert.Equal(3, BuildDiagnostics.Parse(Build(app).Output).WithId("AW0001").Count);

        var fix = Fixing.FormatAnalyzers(app, "app.csproj");

        Assert.True(fix.ExitCode == 0, fix.ToString());
        string fixedSource = File.ReadAllText(program);
        _out.WriteLine(fixedSource);
        Assert.Contains("AtomicFile.CreateText(Path.Combine(directory, \"credentials.ini\"), encoding)", fixedSource);
        Assert.Contains("AtomicFile.Create(Path.Combine(directory, \"secrets.xml\"))", fixedSource);
        Assert.DoesNotContain("FileStream", fixedSource);
        var build = Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(BuildDiagnostics.Parse(build.Output).WithId("AW0001"));
        var after = Fixing.RunProgram(app, "app.dll", _fx.NewDirectory("nested-out-after"), build: false);
        Fixing.AssertSameBehaviour(before, after);
        Assert.Contains("saved: token = v", after.StdOut);
    }

    [Fact]
    public void Dotnet_format_verify_fails_on_an_AW0001_that_has_no_fix_and_a_fix_run_changes_nothing()
    {
        // What the README says of `--verify-no-changes`: dotnet format counts every diagnostic of a rule with a fix
        // provider, also where the provider offers nothing, so the gate fails on a write no fix can change.
        string app = CopyOfApp();
        string program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, UnfixableProgram);
        var build = Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Single(BuildDiagnostics.Parse(build.Output).WithId("AW0001"));

        var fix = Fixing.FormatAnalyzers(app, "app.csproj");
        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.True(File.ReadAllText(program) == UnfixableProgram, "a fix was applied, so this is no longer a write without a fix:\n" + File.ReadAllText(program));

        var gate = Fixing.FormatAnalyzers(app, "app.csproj", verifyOnly: true);
        Assert.True(gate.ExitCode == 2, gate.ToString());
        Assert.Contains("warning AW0001", gate.Output);
        Assert.Contains("Formatted code file", gate.Output);
        Assert.Equal(UnfixableProgram, File.ReadAllText(program));
    }

    [Fact]
    public async Task The_language_server_shows_the_AW0001_squiggle()
    {
        string app = CopyOfApp();
        var restore = ProcessRunner.Dotnet(app, EndToEndFixture.BuildTimeout, "restore", "--nologo");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        string document = Path.Combine(app, "Program.cs");
        var expected = SourcePosition.Of(document, SensitiveWrite);

        var (diagnostics, transcript) = await LanguageServer.OpenAndCollectAsync(
            _fx.CSharpLs(), app, document, set => set.Any(d => d.Code == "AW0001"));

        _out.WriteLine(string.Join("\n", diagnostics.Select(d => d.ToString())));
        var d = diagnostics.SingleOrDefault(x => x.Code == "AW0001");
        Assert.True(d is not null, "no AW0001 published; last set: " + string.Join("; ", diagnostics.Select(x => x.ToString())) + "\n" + transcript);
        // LSP positions are 0-based; the squiggle covers the whole call.
        Assert.Equal((expected.Line - 1, expected.Column - 1), (d.StartLine, d.StartCharacter));
        Assert.Equal((expected.Line - 1, expected.Column - 1 + expected.Length), (d.EndLine, d.EndCharacter));
        Assert.Equal(2, d.Severity); // Warning
    }

    private ProcessResult Build(string app, params string[] extra)
    {
        var build = ProcessRunner.Dotnet(app, EndToEndFixture.BuildTimeout,
            ["build", "--no-incremental", "-nodeReuse:false", "--nologo", "-v", "minimal", .. extra]);
        _out.WriteLine(build.ToString());
        return build;
    }

    /// <summary>Step 2 once (`dotnet new console` + `dotnet add package AtomicWriteAnalyzers`), then a fresh copy per test.</summary>
    private string CopyOfApp()
    {
        lock (TemplateGate)
        {
            if (s_template is null || !Directory.Exists(s_template))
            {
                string parent = _fx.NewDirectory("template");
                string dir = Path.Combine(parent, "app");
                var create = ProcessRunner.Dotnet(parent, TimeSpan.FromMinutes(2), "new", "console", "-o", dir, "--framework", "net10.0");
                Assert.True(create.ExitCode == 0, create.ToString());
                var add = ProcessRunner.Dotnet(dir, TimeSpan.FromMinutes(3), "add", "package", "AtomicWriteAnalyzers", "--version", _fx.Version);
                Assert.True(add.ExitCode == 0, add.ToString());
                string csproj = File.ReadAllText(Path.Combine(dir, "app.csproj"));
                Assert.Contains($"<PackageReference Include=\"AtomicWriteAnalyzers\" Version=\"{_fx.Version}\" />", csproj);
                Assert.DoesNotContain("Include=\"AtomicWrite\"", csproj);
                File.WriteAllText(Path.Combine(dir, "Program.cs"), Program);
                s_template = dir;
            }

            string copy = Path.Combine(_fx.NewDirectory("console"), "app");
            Repo.CopySource(s_template, copy);
            return copy;
        }
    }
}
