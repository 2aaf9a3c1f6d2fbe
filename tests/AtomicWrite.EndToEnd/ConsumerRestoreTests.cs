using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace AtomicWrite.EndToEnd;

/// <summary>
/// Installing AtomicWriteAnalyzers must never force a package upgrade on the consuming project: libraries that pin
/// older polyfill versions and treat warnings as errors still restore and build, with the versions they pinned.
/// NuGet reports a forced upgrade as NU1605 (a direct reference below what a dependency asks for) or NU1109
/// (a central pin below it); with TreatWarningsAsErrors either one stops the build.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsumerRestoreTests
{
    private const string NetStandard = "netstandard2.0";
    private const string Net8 = "net8.0";

    // The polyfill versions older libraries commonly pin (LiteDB's, for one).
    private static readonly (string Id, string Version)[] OlderPins =
    [
        ("System.Buffers", "4.5.1"),
        ("System.Memory", "4.5.4"),
        ("System.Threading.Tasks.Extensions", "4.5.4"),
    ];

    // Uses the runtime through the System.Memory types of its public surface, so the build compiles against
    // the pinned polyfills; no write here is one the analyzers report.
    private const string Library = """
        using System;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;
        using AtomicWrite;

        namespace Consumer
        {
            public static class SettingsStore
            {
                public static void Save(string directory, string json)
                {
                    ReadOnlySpan<byte> bytes = Encoding.UTF8.GetBytes(json.Trim());
                    AtomicFile.WriteAllBytes(Path.Combine(directory, "settings.json"), bytes);
                }

                public static Task SaveTokenAsync(string directory, string token) =>
                    AtomicFile.WriteAllTextAsync(Path.Combine(directory, "token.json"), token.AsMemory());
            }
        }

        """;

    private readonly EndToEndFixture _fx;
    private readonly ITestOutputHelper _out;

    public ConsumerRestoreTests(EndToEndFixture fx, ITestOutputHelper output)
    {
        _fx = fx;
        _out = output;
    }

    [Fact]
    public void A_multi_target_library_pinning_older_polyfills_restores_and_builds_with_warnings_as_errors()
    {
        string dir = _fx.NewDirectory("pinned-library");
        string references = string.Join("\n", OlderPins.Select(p => $"""    <PackageReference Include="{p.Id}" Version="{p.Version}" />"""));
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            {AuditSourceMayBeUnreachable}
              </PropertyGroup>
              <ItemGroup>
            {references}
                <PackageReference Include="AtomicWriteAnalyzers" Version="{_fx.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "SettingsStore.cs"), Library);

        RestoreAndBuild(dir);

        var assets = Assets(dir);
        foreach (var (id, version) in OlderPins)
        {
            Assert.Equal(version, Resolved(assets, NetStandard, id));
        }

        AssertRuntimeDependencies(assets);
    }

    [Fact]
    public void A_central_package_management_repository_with_transitive_pinning_restores_and_builds_with_warnings_as_errors()
    {
        string dir = _fx.NewDirectory("central-pinning");
        string pins = string.Join("\n", OlderPins.Select(p => $"""    <PackageVersion Include="{p.Id}" Version="{p.Version}" />"""));
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="AtomicWriteAnalyzers" Version="{_fx.Version}" />
            {pins}
              </ItemGroup>
            </Project>
            """);
        // The project names only the analyzer package; the pins act on what it brings in.
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            {AuditSourceMayBeUnreachable}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AtomicWriteAnalyzers" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "SettingsStore.cs"), Library);

        RestoreAndBuild(dir);

        var assets = Assets(dir);
        // Every pin that applies holds: System.Memory is always brought in on netstandard2.0, and no polyfill
        // arrives in a version above its pin.
        Assert.Equal("4.5.4", Resolved(assets, NetStandard, "System.Memory"));
        foreach (var (id, version) in OlderPins)
        {
            string? resolved = Resolved(assets, NetStandard, id);
            Assert.True(resolved is null || resolved == version, $"{id} resolved to {resolved}, pinned at {version}");
        }

        AssertRuntimeDependencies(assets);
    }

    [Fact]
    public void A_library_that_pins_nothing_gets_the_runtime_polyfills_at_their_lowest_versions()
    {
        string dir = _fx.NewDirectory("unpinned-library");
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            {AuditSourceMayBeUnreachable}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AtomicWriteAnalyzers" Version="{_fx.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "SettingsStore.cs"), Library);

        RestoreAndBuild(dir);

        // NuGet takes the lowest version a dependency allows: these are what the runtime asks for, and what a
        // library that installs only the analyzers ends up with on netstandard2.0.
        var assets = Assets(dir);
        Assert.Equal("4.5.0", Resolved(assets, NetStandard, "System.Memory"));
        Assert.Equal("4.4.0", Resolved(assets, NetStandard, "System.Buffers"));
        Assert.Null(Resolved(assets, NetStandard, "System.Threading.Tasks.Extensions"));
        Assert.Null(Resolved(assets, NetStandard, "Microsoft.Bcl.AsyncInterfaces"));
        AssertRuntimeDependencies(assets);
    }

    // The audit's vulnerability data comes from the package source; where that source cannot be read, NuGet warns
    // NU1900, which is no vulnerability. Real audit findings (NU1901-NU1904) still fail these builds.
    private const string AuditSourceMayBeUnreachable = "    <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1900</WarningsNotAsErrors>";

    private void RestoreAndBuild(string dir)
    {
        var restore = ProcessRunner.Dotnet(dir, EndToEndFixture.BuildTimeout, "restore", "--nologo", "-v", "minimal");
        _out.WriteLine(restore.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.DoesNotContain("NU1605", restore.Output);
        Assert.DoesNotContain("NU1109", restore.Output);

        var build = ProcessRunner.Dotnet(dir, EndToEndFixture.BuildTimeout, "build", "--no-restore", "-nodeReuse:false", "--nologo", "-v", "minimal");
        _out.WriteLine(build.ToString());
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(BuildDiagnostics.Parse(build.Output));
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "netstandard2.0", "Consumer.dll")), "netstandard2.0 build missing");
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "net8.0", "Consumer.dll")), "net8.0 build missing");
    }

    /// <summary>The runtime came from this run's package, and its net8.0 asset depends on nothing.</summary>
    private void AssertRuntimeDependencies(JsonNode assets)
    {
        Assert.Equal(_fx.Version, Resolved(assets, NetStandard, "AtomicWrite"));
        Assert.Equal(_fx.Version, Resolved(assets, Net8, "AtomicWrite"));
        var net8Runtime = LibraryNode(assets, Net8, "AtomicWrite")!;
        Assert.True(net8Runtime["dependencies"] is null, "net8.0 AtomicWrite depends on " + net8Runtime["dependencies"]?.ToJsonString());
    }

    private static JsonNode Assets(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "obj", "project.assets.json")))!;

    /// <summary>The version of <paramref name="id"/> restore chose for <paramref name="target"/>, or null if it is not in the graph.</summary>
    private static string? Resolved(JsonNode assets, string target, string id) =>
        LibraryEntry(assets, target, id)?.Key.Split('/')[1];

    private static JsonNode? LibraryNode(JsonNode assets, string target, string id) => LibraryEntry(assets, target, id)?.Value;

    private static KeyValuePair<string, JsonNode?>? LibraryEntry(JsonNode assets, string target, string id)
    {
        var libraries = assets["targets"]?[target]?.AsObject() ?? throw new InvalidOperationException("no restore target " + target);
        foreach (var entry in libraries)
        {
            if (entry.Key.StartsWith(id + "/", StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
