using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtomicWrite.EndToEnd;

/// <summary>A diagnostic as a language server published it (0-based positions, as LSP has them).</summary>
public sealed record LspDiagnostic(string Uri, string? Code, int StartLine, int StartCharacter, int EndLine, int EndCharacter, int? Severity, string Message)
{
    public override string ToString() => $"{Code} [{StartLine}:{StartCharacter}-{EndLine}:{EndCharacter}] {Message}";
}

/// <summary>
/// A minimal LSP client over a language server's stdio (Content-Length framed JSON-RPC): enough to initialize,
/// configure, open a document and collect the diagnostics the server publishes. The server and its children
/// are killed on dispose.
/// </summary>
public sealed class LspClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly object _writeGate = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly BlockingCollection<LspDiagnostic[]> _published = new();
    private readonly StringBuilder _stderr = new();
    private readonly JsonObject _configuration;
    private int _nextId;

    public LspClient(string executable, string workingDirectory, JsonObject csharpConfiguration)
    {
        _configuration = csharpConfiguration;
        var psi = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment.Clear();
        foreach (var (k, v) in ProcessRunner.ChildEnvironment())
        {
            if (v is not null)
            {
                psi.Environment[k] = v;
            }
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + executable);
        _stdin = _process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_stderr) { _stderr.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" }.Start();
    }

    /// <summary>Every server-to-client notification method seen, in order (for failure messages).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await tcs.Task.WaitAsync(timeout);
    }

    public void Notify(string method, JsonNode? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>
    /// Waits until the server publishes diagnostics for <paramref name="uri"/> that satisfy <paramref name="done"/>;
    /// returns the last published set for that document either way (empty if none came in time).
    /// </summary>
    public LspDiagnostic[] WaitForPublishedDiagnostics(string uri, Func<LspDiagnostic[], bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        LspDiagnostic[] last = [];
        while (deadline.Elapsed < timeout)
        {
            if (!_published.TryTake(out var set, timeout - deadline.Elapsed))
            {
                break;
            }

            if (set.Length > 0 && !SameDocument(set[0].Uri, uri))
            {
                continue;
            }

            if (set.Length == 0)
            {
                continue;
            }

            last = set;
            if (done(set))
            {
                return set;
            }
        }

        return last;
    }

    public static string ToUri(string path) => new Uri(path).AbsoluteUri;

    private static bool SameDocument(string a, string b) =>
        string.Equals(new Uri(a).LocalPath, new Uri(b).LocalPath, StringComparison.Ordinal);

    private void Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeGate)
        {
            _stdin.Write(header);
            _stdin.Write(body);
            _stdin.Flush();
        }
    }

    private void ReadLoop()
    {
        var stdout = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int length = -1;
                string? line;
                while ((line = ReadHeaderLine(stdout)) is not null && line.Length > 0)
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line[(colon + 1)..].Trim());
                    }
                }

                if (line is null || length < 0)
                {
                    break;
                }

                byte[] body = new byte[length];
                stdout.ReadExactly(body);
                Dispatch(JsonNode.Parse(body)!.AsObject());
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
        }
        finally
        {
            _published.CompleteAdding();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("the language server closed its output"));
            }
        }
    }

    private static string? ReadHeaderLine(Stream s)
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return sb.ToString().TrimEnd('\r');
            }

            sb.Append((char)b);
        }
    }

    private void Dispatch(JsonObject message)
    {
        string? method = message["method"]?.GetValue<string>();
        JsonNode? id = message["id"];
        if (method is null && id is not null)
        {
            // A response to one of our requests.
            if (_pending.TryRemove(id.GetValue<int>(), out var tcs))
            {
                if (message["error"] is JsonNode error)
                {
                    tcs.TrySetException(new InvalidOperationException("LSP error: " + error.ToJsonString()));
                }
                else
                {
                    tcs.TrySetResult(message["result"]?.DeepClone());
                }
            }

            return;
        }

        Log.Enqueue(method ?? "?");
        if (id is not null)
        {
            // A request from the server: answer configuration pulls with our settings, everything else with null.
            JsonNode? result = null;
            if (method == "workspace/configuration")
            {
                var items = message["params"]?["items"]?.AsArray() ?? [];
                result = new JsonArray(items.Select(_ => (JsonNode?)_configuration.DeepClone()).ToArray());
            }

            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
            return;
        }

        if (method == "textDocument/publishDiagnostics")
        {
            string uri = message["params"]!["uri"]!.GetValue<string>();
            var diagnostics = (message["params"]!["diagnostics"]?.AsArray() ?? [])
                .Select(d => new LspDiagnostic(
                    uri,
                    d!["code"]?.ToString(),
                    d["range"]!["start"]!["line"]!.GetValue<int>(),
                    d["range"]!["start"]!["character"]!.GetValue<int>(),
                    d["range"]!["end"]!["line"]!.GetValue<int>(),
                    d["range"]!["end"]!["character"]!.GetValue<int>(),
                    d["severity"]?.GetValue<int>(),
                    d["message"]?.GetValue<string>() ?? ""))
                .ToArray();
            // An empty set still says which document it is about.
            _published.Add(diagnostics.Length > 0 ? diagnostics : []);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
