using System.Text;

namespace AtomicWrite.Benchmarks;

/// <summary>The content every replace writes: 'a'..'z' repeated, the same bytes the node peer writes.</summary>
internal static class Payload
{
    public const int ReplaceSize = 4096;

    public static string Text(int size)
    {
        var sb = new StringBuilder(size);
        for (int i = 0; i < size; i++)
        {
            sb.Append((char)('a' + (i % 26)));
        }

        return sb.ToString();
    }

    public static byte[] Bytes(int size) => Encoding.UTF8.GetBytes(Text(size));
}
