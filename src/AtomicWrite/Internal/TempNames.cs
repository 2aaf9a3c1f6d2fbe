using System;
using System.Diagnostics;
#if !NET8_0_OR_GREATER
using System.Security.Cryptography;
#endif

namespace AtomicWrite.Internal;

/// <summary>
/// Temp file names: <c>.{start of the target's name}.{writer pid}.{32 random hex digits}.awtmp</c>, in the target's
/// directory. The pid lets a later writer tell a dead writer's leftover from a live writer's temp.
/// </summary>
internal static class TempNames
{
    internal const string Suffix = ".awtmp";
    private const int MaxNameChars = 48;

    internal static readonly int ProcessId =
#if NET8_0_OR_GREATER
        Environment.ProcessId;
#else
        Process.GetCurrentProcess().Id;
#endif

#if !NET8_0_OR_GREATER
    private static readonly RandomNumberGenerator s_rng = RandomNumberGenerator.Create();
#endif

    internal static string Create(string directory, string fileName)
    {
        int nameLen = Math.Min(fileName.Length, MaxNameChars);
        if (nameLen > 0 && char.IsHighSurrogate(fileName[nameLen - 1]))
        {
            nameLen--;
        }

        string pid = ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool needsSeparator = directory.Length == 0 || (directory[directory.Length - 1] != '/' && directory[directory.Length - 1] != '\\');
        char separator = System.IO.Path.DirectorySeparatorChar;
        int length = directory.Length + (needsSeparator ? 1 : 0) + 1 + nameLen + 1 + pid.Length + 1 + 32 + Suffix.Length;

#if NET8_0_OR_GREATER
        Span<byte> random = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        return string.Create(length, (directory, fileName, nameLen, pid, needsSeparator, separator, r0: System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(random), r1: System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(random.Slice(8))), static (span, s) =>
        {
            int i = 0;
            s.directory.AsSpan().CopyTo(span);
            i += s.directory.Length;
            if (s.needsSeparator)
            {
                span[i++] = s.separator;
            }

            span[i++] = '.';
            s.fileName.AsSpan(0, s.nameLen).CopyTo(span.Slice(i));
            i += s.nameLen;
            span[i++] = '.';
            s.pid.AsSpan().CopyTo(span.Slice(i));
            i += s.pid.Length;
            span[i++] = '.';
            WriteHex(span.Slice(i, 16), s.r0);
            WriteHex(span.Slice(i + 16, 16), s.r1);
            i += 32;
            Suffix.AsSpan().CopyTo(span.Slice(i));
        });
#else
        byte[] random = new byte[16];
        lock (s_rng)
        {
            s_rng.GetBytes(random);
        }

        char[] chars = new char[length];
        int i = 0;
        directory.CopyTo(0, chars, 0, directory.Length);
        i += directory.Length;
        if (needsSeparator)
        {
            chars[i++] = separator;
        }

        chars[i++] = '.';
        fileName.CopyTo(0, chars, i, nameLen);
        i += nameLen;
        chars[i++] = '.';
        pid.CopyTo(0, chars, i, pid.Length);
        i += pid.Length;
        chars[i++] = '.';
        WriteHex(new Span<char>(chars, i, 16), BitConverter.ToUInt64(random, 0));
        WriteHex(new Span<char>(chars, i + 16, 16), BitConverter.ToUInt64(random, 8));
        i += 32;
        Suffix.CopyTo(0, chars, i, Suffix.Length);
        return new string(chars);
#endif
    }

    private static void WriteHex(Span<char> destination, ulong value)
    {
        const string digits = "0123456789abcdef";
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>Parses a temp file's name; returns false when it is not one of ours.</summary>
    internal static bool TryParse(string fileName, out int pid)
    {
        pid = 0;
        if (!fileName.EndsWith(Suffix, StringComparison.Ordinal) || fileName.Length < 1 + 1 + 1 + 1 + 32 + Suffix.Length || fileName[0] != '.')
        {
            return false;
        }

        int hexEnd = fileName.Length - Suffix.Length;
        int hexStart = hexEnd - 32;
        if (fileName[hexStart - 1] != '.')
        {
            return false;
        }

        for (int i = hexStart; i < hexEnd; i++)
        {
            char c = fileName[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        int pidEnd = hexStart - 1;
        int pidStart = pidEnd;
        while (pidStart > 0 && fileName[pidStart - 1] >= '0' && fileName[pidStart - 1] <= '9')
        {
            pidStart--;
        }

        if (pidStart == pidEnd || pidEnd - pidStart > 10 || pidStart < 2 || fileName[pidStart - 1] != '.')
        {
            return false;
        }

        return int.TryParse(fileName.Substring(pidStart, pidEnd - pidStart), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pid);
    }
}
