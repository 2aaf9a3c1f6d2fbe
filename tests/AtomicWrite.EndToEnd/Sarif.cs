using System.Text.Json.Nodes;

namespace AtomicWrite.EndToEnd;

public sealed record SarifResult(string RuleId, string Level, string Uri, int StartLine, int StartColumn);

/// <summary>The parts of a SARIF 2.1 log the tests look at.</summary>
public sealed class Sarif
{
    private readonly JsonNode _run;

    private Sarif(JsonNode run, IReadOnlyList<SarifResult> results)
    {
        _run = run;
        Results = results;
    }

    public IReadOnlyList<SarifResult> Results { get; }

    public static Sarif Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        if (root["version"]?.GetValue<string>() != "2.1.0")
        {
            throw new InvalidDataException($"{path} is not SARIF 2.1.0: version {root["version"]}");
        }

        var run = root["runs"]!.AsArray().Single()!;
        var results = (run["results"]?.AsArray() ?? [])
            .Select(r =>
            {
                var location = r!["locations"]?.AsArray().FirstOrDefault()?["physicalLocation"];
                return new SarifResult(
                    r["ruleId"]!.GetValue<string>(),
                    r["level"]?.GetValue<string>() ?? "warning",
                    location?["artifactLocation"]?["uri"]?.GetValue<string>() ?? "",
                    location?["region"]?["startLine"]?.GetValue<int>() ?? 0,
                    location?["region"]?["startColumn"]?.GetValue<int>() ?? 0);
            })
            .ToList();
        return new Sarif(run, results);
    }

    public string? HelpUri(string ruleId) =>
        _run["tool"]?["driver"]?["rules"]?.AsArray()
            .FirstOrDefault(r => r?["id"]?.GetValue<string>() == ruleId)?["helpUri"]?.GetValue<string>();
}
