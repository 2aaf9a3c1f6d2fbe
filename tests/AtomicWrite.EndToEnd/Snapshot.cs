using System.Security.Cryptography;

namespace AtomicWrite.EndToEnd;

/// <summary>Everything a program run left behind: what it printed, and every file it wrote (bytes and mode).</summary>
public sealed record RunSnapshot(int ExitCode, string StdOut, string StdErr, IReadOnlyList<FileSnapshot> Files)
{
    public static RunSnapshot Take(ProcessResult run, string outputDirectory) =>
        new(run.ExitCode, run.StdOut, run.StdErr, FileSnapshot.All(outputDirectory));
}

public sealed record FileSnapshot(string RelativePath, string Sha256, long Length, string Mode, byte[] Bytes)
{
    public static IReadOnlyList<FileSnapshot> All(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Of(directory, f))
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .ToList()
            : [];

    private static FileSnapshot Of(string root, string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        string mode = OperatingSystem.IsWindows() ? "-" : Convert.ToString((int)File.GetUnixFileMode(file), 8);
        return new FileSnapshot(Path.GetRelativePath(root, file), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, mode, bytes);
    }

    // Records compare arrays by reference; compare the content instead.
    public bool Equals(FileSnapshot? other) =>
        other is not null && RelativePath == other.RelativePath && Mode == other.Mode && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => HashCode.Combine(RelativePath, Sha256, Mode);

    public override string ToString() => $"{RelativePath} mode {Mode}, {Length} bytes, sha256 {Sha256}";
}
