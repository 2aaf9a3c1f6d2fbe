using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using AtomicWrite;

// Child process of the runtime tests. Every mode prints one result line on stdout.
//   once <path> <text> [None|AtomicOnly|Durable]   one AtomicFile.WriteAllText; prints "ok" or "error <Type> <Reason> <OsError> <OriginalUnchanged>"
//   loop <path> <seed>                               rewrites <path> forever with self-checking versions; prints "started" after the first
//   hold <path>                                      opens AtomicFile.Create, writes, prints "holding"; a stdin line "exit"
//                                                    calls Environment.Exit, end of stdin disposes the stream
//   identity <dir>                                   writes through File and AtomicFile, prints "identical N" or "different ..."
//   host <path>                                      a Generic Host whose BackgroundService opens AtomicFile.Create after the host
//                                                    started, prints "holding", and commits "new" while stopping (SIGTERM)
//   cancelkey <path>                                 Console.CancelKeyPress cancels SIGINT; the handler commits "new"
//   replace <source> <destination> <backup|-> [None|AtomicOnly|Durable]
//                                                    one AtomicFile.Replace; prints like "once"
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

    case "replace":
        {
            var durability = args.Length > 4 ? Enum.Parse<AtomicDurability>(args[4]) : AtomicDurability.Durable;
            try
            {
                AtomicFile.Replace(path, args[2], args[3] == "-" ? null : args[3], new AtomicWriteOptions { Durability = durability });
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
            for (long version = 1; ; version++)
            {
                AtomicFile.WriteAllBytes(path, AtomicWrite.TestWriter.Versioned.Make(version, random.Next(1, 256 * 1024), random));
                if (version == 1)
                {
                    // Written once (so JIT and start-up are behind us); the parent kills at a random moment from now.
                    Console.WriteLine("started");
                    Console.Out.Flush();
                }
            }
        }

    case "hold":
        {
            var stream = AtomicFile.Create(path);
            stream.Write(new byte[8192]);
            stream.Flush();
            Console.WriteLine("holding");
            Console.Out.Flush();
            if (Console.ReadLine() == "exit")
            {
                Environment.Exit(3); // without disposing the stream
            }

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

    case "identity":
        {
            // Writes the same content through File and AtomicFile and compares the bytes.
            string[] texts = { "", "hello", "héllo wörld\r\n", "emoji 😀 𝄞", new string('x', 40000) + "😀" };
            Encoding?[] encodings = { null, Encoding.UTF8, new UTF8Encoding(false), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, Encoding.ASCII, Encoding.Latin1 };
            int compared = 0;
            foreach (Encoding? encoding in encodings)
            {
                foreach (string text in texts)
                {
                    string f = Path.Combine(path, "file-" + compared);
                    string a = Path.Combine(path, "atomic-" + compared);
                    string fl = f + "-lines";
                    string al = a + "-lines";
                    string[] lines = { text, "second", "" };
                    if (encoding is null)
                    {
                        File.WriteAllText(f, text);
                        AtomicFile.WriteAllText(a, text);
                        File.WriteAllLines(fl, lines);
                        AtomicFile.WriteAllLines(al, lines);
                    }
                    else
                    {
                        File.WriteAllText(f, text, encoding);
                        AtomicFile.WriteAllText(a, text.AsSpan(), encoding);
                        File.WriteAllLines(fl, lines, encoding);
                        AtomicFile.WriteAllLinesAsync(al, lines, encoding).GetAwaiter().GetResult();
                    }

                    foreach (var (x, y) in new[] { (f, a), (fl, al) })
                    {
                        if (!File.ReadAllBytes(x).AsSpan().SequenceEqual(File.ReadAllBytes(y)))
                        {
                            Console.WriteLine($"different {y} ({encoding?.WebName ?? "default"})");
                            return;
                        }
                    }

                    compared++;
                }
            }

            byte[] bytes = new byte[300_000];
            new Random(5).NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(path, "fb"), bytes);
            AtomicFile.WriteAllBytesAsync(Path.Combine(path, "ab"), bytes).GetAwaiter().GetResult();
            using (StreamWriter w = File.CreateText(Path.Combine(path, "fc")))
            {
                w.Write("created ✓");
            }

            using (AtomicStreamWriter w = AtomicFile.CreateText(Path.Combine(path, "ac")))
            {
                w.Write("created ✓");
                w.Commit();
            }

            bool same = File.ReadAllBytes(Path.Combine(path, "fb")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(path, "ab")))
                && File.ReadAllBytes(Path.Combine(path, "fc")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(path, "ac")));
            Console.WriteLine(same ? $"identical {compared}" : "different bytes/createtext");
            break;
        }

    case "host":
        AtomicWrite.TestWriter.HostMode.Run(path);
        break;

    case "cancelkey":
        {
            var done = new ManualResetEventSlim();
            AtomicFileStream? pending = null;
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                try
                {
                    pending!.Commit();
                    Console.WriteLine("committed");
                }
                catch (Exception ex)
                {
                    Console.WriteLine("commit failed: " + ex.Message);
                }

                done.Set();
            };
            pending = AtomicFile.Create(path);
            pending.Write("new"u8);
            Console.WriteLine("holding");
            Console.Out.Flush();
            done.Wait();
            pending.Dispose();
            break;
        }

    default:
        Console.WriteLine("unknown mode " + mode);
        Environment.Exit(2);
        break;
}
