using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AtomicWrite;

// Child process of the runtime tests. Every mode prints one result line on stdout.
//   once <path> <text> [None|AtomicOnly|Durable]   one AtomicFile.WriteAllText; prints "ok" or "error <Type> <Reason> <OsError> <OriginalUnchanged>"
//   loop <path> <seed>                               rewrites <path> forever with self-checking versions; prints "started"
//   hold <path>                                      opens AtomicFile.Create, writes, prints "holding", waits for stdin to close
//   stream <path> <MiB>                              streams MiB mebibytes through AtomicFile.Create and commits;
//                                                    prints "done <allocatedBytes> <peakWorkingSetBytes>"
string mode = args[0];
string path = args[1];
switch (mode)
{
    case "once":
        {
            var durability = args.Length > 3 ? Enum.Parse<AtomicDurability>(args[3]) : AtomicDurability.Durable;
            try
            {
                AtomicFile.WriteAllText(path, args[2], new AtomicWriteOptions { Durability = durability });
                Console.WriteLine("ok");
            }
            catch (AtomicWriteException e)
            {
                Console.WriteLine($"error {e.GetType().Name} {e.Reason} {e.OsError} {e.OriginalUnchanged}");
                Console.Error.WriteLine(e.Message);
            }
            catch (Exception e)
            {
                Console.WriteLine($"error {e.GetType().Name} - 0 -");
                Console.Error.WriteLine(e.Message);
            }

            break;
        }

    case "loop":
        {
            var random = new Random(int.Parse(args[2]));
            Console.WriteLine("started");
            Console.Out.Flush();
            for (long version = 1; ; version++)
            {
                AtomicFile.WriteAllBytes(path, Versioned.Make(version, random.Next(1, 256 * 1024), random));
            }
        }

    case "hold":
        {
            var stream = AtomicFile.Create(path);
            stream.Write(new byte[8192]);
            stream.Flush();
            Console.WriteLine("holding");
            Console.Out.Flush();
            Console.In.ReadToEnd();
            stream.Dispose();
            Console.WriteLine("released");
            break;
        }

    case "stream":
        {
            long mib = long.Parse(args[2]);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            byte[] chunk = new byte[64 * 1024];
            using (AtomicFileStream stream = AtomicFile.Create(path, new AtomicWriteOptions { Durability = AtomicDurability.AtomicOnly }))
            {
                for (long i = 0; i < mib * 16; i++)
                {
                    chunk.AsSpan().Fill((byte)(i % 251));
                    stream.Write(chunk, 0, chunk.Length);
                }

                stream.Commit();
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"done {allocated} {self.PeakWorkingSet64}");
            break;
        }

    default:
        Console.WriteLine("unknown mode " + mode);
        Environment.Exit(2);
        break;
}

/// <summary>Self-checking file versions: "AWv1 {version} {length}\n{payload}\n{sha256 hex}\n".</summary>
internal static class Versioned
{
    internal static byte[] Make(long version, int length, Random random)
    {
        var payload = new byte[length];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)('a' + random.Next(26));
        }

        string header = $"AWv1 {version} {length}\n";
        string hash = Convert.ToHexString(SHA256.HashData(payload));
        var result = new byte[header.Length + length + 1 + hash.Length + 1];
        Encoding.ASCII.GetBytes(header, result);
        payload.CopyTo(result, header.Length);
        result[header.Length + length] = (byte)'\n';
        Encoding.ASCII.GetBytes(hash, result.AsSpan(header.Length + length + 1));
        result[^1] = (byte)'\n';
        return result;
    }
}
