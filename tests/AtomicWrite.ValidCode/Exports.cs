using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AtomicWrite.ValidCode;

public sealed record SalesRow(string Region, decimal Amount);

public sealed class UiSettings
{
    public string Theme { get; set; } = "light";
}

/// <summary>Reports and exports written to a place the user picked; the user can simply export again.</summary>
public static class Exports
{
    public static void ExportCsv(IEnumerable<SalesRow> rows, string exportPath)
    {
        var lines = new[] { "region,amount" }.Concat(rows.Select(r => r.Region + "," + r.Amount));
        File.WriteAllLines(exportPath, lines, Encoding.UTF8);
    }

    public static void WriteReport(string outputDirectory, string html) =>
        File.WriteAllText(Path.Combine(outputDirectory, "report.html"), html);

    public static void ExportSettings(UiSettings settings, string destinationPath) =>
        File.WriteAllText(destinationPath, JsonSerializer.Serialize(settings));

    public static void SaveScreenshot(string folder, byte[] png) =>
        File.WriteAllBytes(Path.Combine(folder, "screenshot-" + System.DateTime.Now.ToString("yyyyMMdd-HHmmss") + ".png"), png);

    public static void WriteGeneratedSource(string outputDirectory, string code) =>
        File.WriteAllText(Path.Combine(outputDirectory, "Generated.g.cs"), code);
}
