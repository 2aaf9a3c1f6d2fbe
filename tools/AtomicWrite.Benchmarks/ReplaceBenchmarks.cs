using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace AtomicWrite.Benchmarks;

/// <summary>
/// One replace of an existing 4 KiB file, every way side by side in one process, one directory, one size.
/// The baseline is the floor: the bare durable syscall sequence.
/// </summary>
[MemoryDiagnoser]
public class ReplaceBenchmarks
{
    private static readonly AtomicWriteOptions AtomicOnlyOptions = new() { Durability = AtomicDurability.AtomicOnly };
    private static readonly AtomicWriteOptions NoneOptions = new() { Durability = AtomicDurability.None };

    private string dir = "";
    private string target = "";
    private string text = "";
    private byte[] bytes = [];
    private byte[] tempC = [];
    private byte[] targetC = [];
    private byte[] dirC = [];

    [GlobalSetup]
    public void Setup()
    {
        dir = Posix.NewScratchDirectory("replace");
        target = Path.Combine(dir, "token.json");
        text = Payload.Text(Payload.ReplaceSize);
        bytes = Payload.Bytes(Payload.ReplaceSize);
        tempC = Posix.CString(Path.Combine(dir, ".token.json.floor.tmp"));
        targetC = Posix.CString(target);
        dirC = Posix.CString(dir);
        File.WriteAllText(target, text);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        string written = File.ReadAllText(target);
        Directory.Delete(dir, recursive: true);
        if (written != text)
        {
            throw new InvalidOperationException("the target does not hold the payload after the benchmark");
        }
    }

    [Benchmark(Baseline = true, Description = "floor: bare syscalls, durable")]
    public void Floor() => Posix.Replace(tempC, targetC, dirC, bytes, Posix.Level.Durable);

    [Benchmark(Description = "AtomicFile.WriteAllText (Durable, default)")]
    public void AtomicFileDurable() => AtomicFile.WriteAllText(target, text);

    [Benchmark(Description = "File.WriteAllText in place (unsafe)")]
    public void FileWriteAllTextInPlace() => File.WriteAllText(target, text);

    [Benchmark(Description = "floor: bare syscalls, no directory fsync")]
    public void FloorAtomicOnly() => Posix.Replace(tempC, targetC, dirC, bytes, Posix.Level.AtomicOnly);

    [Benchmark(Description = "AtomicFile.WriteAllText (AtomicOnly)")]
    public void AtomicFileAtomicOnly() => AtomicFile.WriteAllText(target, text, AtomicOnlyOptions);

    [Benchmark(Description = "floor: bare syscalls, no fsync")]
    public void FloorNone() => Posix.Replace(tempC, targetC, dirC, bytes, Posix.Level.None);

    [Benchmark(Description = "AtomicFile.WriteAllText (None)")]
    public void AtomicFileNone() => AtomicFile.WriteAllText(target, text, NoneOptions);
}

/// <summary>Allocation of a 4 KiB whole-file write: AtomicFile against System.IO.File (target: at most +1 KiB).</summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private string dir = "";
    private string atomicTarget = "";
    private string plainTarget = "";
    private byte[] bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        dir = Posix.NewScratchDirectory("alloc");
        atomicTarget = Path.Combine(dir, "atomic.bin");
        plainTarget = Path.Combine(dir, "plain.bin");
        bytes = Payload.Bytes(Payload.ReplaceSize);
        File.WriteAllBytes(atomicTarget, bytes);
        File.WriteAllBytes(plainTarget, bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(dir, recursive: true);

    [Benchmark(Baseline = true, Description = "File.WriteAllBytes")]
    public void FileWriteAllBytes() => File.WriteAllBytes(plainTarget, bytes);

    [Benchmark(Description = "AtomicFile.WriteAllBytes")]
    public void AtomicFileWriteAllBytes() => AtomicFile.WriteAllBytes(atomicTarget, bytes);
}
