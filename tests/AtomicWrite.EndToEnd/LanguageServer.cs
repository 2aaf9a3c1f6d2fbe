using System.Text.Json.Nodes;

namespace AtomicWrite.EndToEnd;

/// <summary>Drives csharp-ls the way an editor does and returns what it shows for one document.</summary>
public static class LanguageServer
{
    public static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// initialize, initialized, workspace/didChangeConfiguration {"settings":{"csharp":{"analyzersEnabled":true}}},
    /// textDocument/didOpen, then waits (bounded) for textDocument/publishDiagnostics on the document that satisfy
    /// <paramref name="done"/>. Returns the last set published for the document, and the server's log on failure.
    /// </summary>
    public static async Task<(LspDiagnostic[] Diagnostics, string Transcript)> OpenAndCollectAsync(
        string csharpLs, string workspace, string document, Func<LspDiagnostic[], bool> done)
    {
        var settings = new JsonObject { ["analyzersEnabled"] = true };
        using var client = new LspClient(csharpLs, workspace, settings);
        string rootUri = LspClient.ToUri(workspace);

        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = Path.GetFileName(workspace) }),
            ["capabilities"] = new JsonObject
            {
                ["textDocument"] = new JsonObject
                {
                    ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = false },
                    ["synchronization"] = new JsonObject { ["didSave"] = false },
                },
                ["workspace"] = new JsonObject
                {
                    ["configuration"] = true,
                    ["didChangeConfiguration"] = new JsonObject { ["dynamicRegistration"] = false },
                },
            },
        }, TimeSpan.FromMinutes(2));
        client.Notify("initialized", new JsonObject());
        client.Notify("workspace/didChangeConfiguration", new JsonObject
        {
            ["settings"] = new JsonObject { ["csharp"] = settings.DeepClone() },
        });

        string uri = LspClient.ToUri(document);
        client.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = uri,
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = await File.ReadAllTextAsync(document),
            },
        });

        var diagnostics = await Task.Run(() => client.WaitForPublishedDiagnostics(uri, done, DiagnosticsTimeout));
        string transcript = "server messages: " + string.Join(", ", client.Log.Distinct()) + "\n--- csharp-ls stderr (tail) ---\n"
            + Tail(client.StdErr, 4000);
        return (diagnostics, transcript);
    }

    private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];
}
