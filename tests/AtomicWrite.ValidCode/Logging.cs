using System;
using System.IO;
using System.Text;

namespace AtomicWrite.ValidCode;

/// <summary>An append-only log and a rotating debug log: appends never truncate what is already there.</summary>
public sealed class FileLogger
{
    private readonly string _logFilePath;

    public FileLogger(string directory)
    {
        _logFilePath = Path.Combine(directory, "app.log");
    }

    public void Write(string message) =>
        File.AppendAllText(_logFilePath, DateTime.UtcNow.ToString("O") + " " + message + Environment.NewLine, Encoding.UTF8);

    public void WriteMany(string[] lines)
    {
        using var writer = new StreamWriter(_logFilePath, append: true);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    public void Rotate()
    {
        var previous = Path.ChangeExtension(_logFilePath, ".1.log");
        if (File.Exists(_logFilePath))
        {
            File.Copy(_logFilePath, previous, overwrite: true);
        }

        // Starting a fresh log truncates the old one on purpose.
        using var stream = new FileStream(_logFilePath, FileMode.Truncate, FileAccess.Write);
    }

    public void DumpDiagnostics(string text) => File.WriteAllText(Path.Combine(Path.GetDirectoryName(_logFilePath)!, "crash-dump.txt"), text);
}
