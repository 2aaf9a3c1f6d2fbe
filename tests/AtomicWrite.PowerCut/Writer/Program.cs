using System;
using System.IO;
using System.Text;
using AtomicWrite;
using AtomicWrite.PowerCut;

// Guest side:  powercut-writer write <atomic|inplace|tmp-move> <path> <seed>
//   rewrites <path> in a loop with a complete JSON document {"seq":N,"size":S,"payload":"..."} and prints
//   "committed N" on stdout (the serial console) after each write has returned.
// Host side:   powercut-writer check <file|-> <lastCommitted>
//   prints one verdict line: "ok <seq>", "lost <seq>", "torn <reason>" or "missing".
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "write")
        {
            return Write(args[1], args[2], int.Parse(args[3]));
        }

        if (args.Length == 3 && args[0] == "check")
        {
            return Check(args[1], long.Parse(args[2]));
        }

        Console.Error.WriteLine("usage: powercut-writer write <atomic|inplace|tmp-move> <path> <seed>");
        Console.Error.WriteLine("       powercut-writer check <file> <lastCommitted>");
        return 2;
    }

    private static int Write(string mode, string path, int seed)
    {
        Action<string, string> write = mode switch
        {
            "atomic" => static (p, text) => AtomicFile.WriteAllText(p, text),
            "inplace" => static (p, text) => File.WriteAllText(p, text),
            "tmp-move" => static (p, text) =>
            {
                string tmp = p + ".tmp";
                File.WriteAllText(tmp, text);
                File.Move(tmp, p, overwrite: true);
            },
            _ => throw new ArgumentException("unknown mode " + mode),
        };

        var random = new Random(seed);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        stdout.WriteLine("writer " + mode + " ready");
        for (long seq = 1; ; seq++)
        {
            // Sizes spread evenly over the powers of two from 8 bytes to 4 MiB, so both tiny and large files come up.
            int size = (int)Math.Pow(2, 3 + (random.NextDouble() * 19));
            write(path, StateDocument.Create(seq, size));
            stdout.WriteLine("committed " + seq);
        }
    }

    private static int Check(string file, long lastCommitted)
    {
        byte[] bytes;
        if (file == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        else if (File.Exists(file))
        {
            bytes = File.ReadAllBytes(file);
        }
        else
        {
            Console.WriteLine("missing");
            return 0;
        }

        Console.WriteLine(StateDocument.Verdict(bytes, lastCommitted));
        return 0;
    }
}
