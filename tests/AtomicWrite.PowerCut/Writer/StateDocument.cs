using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AtomicWrite.PowerCut;

/// <summary>
/// The document the power-cut writer writes, and the host's verdict on what it finds after a cut.
/// A document is one line of JSON: <c>{"seq":N,"size":S,"payload":"..."}</c>, whose payload is S copies of one letter
/// fixed by N, so that a file mixing two writes, cut short or padded with zeros is told apart from a whole one.
/// </summary>
public static class StateDocument
{
    /// <summary>The document for sequence number <paramref name="seq"/> with a payload of <paramref name="size"/> letters.</summary>
    public static string Create(long seq, int size) =>
        "{\"seq\":" + seq + ",\"size\":" + size + ",\"payload\":\"" + new string(Letter(seq), size) + "\"}\n";

    private static char Letter(long seq) => (char)('a' + (int)(seq % 26));

    /// <summary>
    /// "ok N" when <paramref name="bytes"/> is one whole document whose sequence number N is at least
    /// <paramref name="lastCommitted"/>; "lost N" when it is whole but older; "torn ..." when it is not one whole
    /// document (empty, cut short, zero-filled, mixed).
    /// </summary>
    public static string Verdict(byte[] bytes, long lastCommitted)
    {
        if (bytes.Length == 0)
        {
            return "torn empty";
        }

        long seq;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            seq = root.GetProperty("seq").GetInt64();
            int size = root.GetProperty("size").GetInt32();
            string payload = root.GetProperty("payload").GetString() ?? "";
            if (payload.Length != size)
            {
                return "torn payload-length " + payload.Length + "/" + size + " seq " + seq;
            }

            if (seq > 0 && payload.AsSpan().IndexOfAnyExcept(Letter(seq)) >= 0)
            {
                return "torn payload-mixed seq " + seq;
            }

            if (bytes.AsSpan().IndexOf((byte)0) >= 0)
            {
                return "torn nul-bytes seq " + seq;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            int nuls = bytes.AsSpan().Count((byte)0);
            return "torn unparsable " + bytes.Length + "B " + nuls + "NUL";
        }

        return seq >= lastCommitted ? "ok " + seq : "lost " + seq;
    }
}
