using System;
using System.Text;

namespace AtomicWrite.TestWriter;

/// <summary>
/// Self-checking file versions, written by the child program and checked by the tests:
/// <c>"AWv1 {version} {length}\n" + payload + "\n" + 16 hex digits of FNV-1a-64(payload) + "\n"</c>.
/// Any truncation, mix of two versions or zero-filled region fails the check.
/// </summary>
public static class Versioned
{
    public static byte[] Make(long version, int length, Random random)
    {
        string header = $"AWv1 {version} {length}\n";
        var result = new byte[header.Length + length + 1 + 16 + 1];
        Encoding.ASCII.GetBytes(header, result);
        Span<byte> payload = result.AsSpan(header.Length, length);
        random.NextBytes(payload);
        result[header.Length + length] = (byte)'\n';
        Encoding.ASCII.GetBytes(Fnv1a(payload).ToString("x16"), result.AsSpan(header.Length + length + 1));
        result[^1] = (byte)'\n';
        return result;
    }

    /// <summary>Whether the bytes are exactly one complete version.</summary>
    public static bool IsComplete(byte[] data, out string why)
    {
        why = "";
        int nl = Array.IndexOf(data, (byte)'\n');
        if (nl < 0)
        {
            why = $"no header ({data.Length} bytes)";
            return false;
        }

        string[] header = Encoding.ASCII.GetString(data, 0, nl).Split(' ');
        if (header.Length != 3 || header[0] != "AWv1" || !int.TryParse(header[2], out int length))
        {
            why = "bad header";
            return false;
        }

        int expected = nl + 1 + length + 1 + 16 + 1;
        if (data.Length != expected)
        {
            why = $"length {data.Length}, header says {expected}";
            return false;
        }

        string hash = Fnv1a(data.AsSpan(nl + 1, length)).ToString("x16");
        if (Encoding.ASCII.GetString(data, nl + 1 + length + 1, 16) != hash || data[^1] != (byte)'\n')
        {
            why = "checksum mismatch";
            return false;
        }

        return true;
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
