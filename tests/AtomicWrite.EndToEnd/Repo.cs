namespace AtomicWrite.EndToEnd;

/// <summary>Paths of the repository this test assembly was built from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtomicWriteAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AtomicWriteAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Copies a directory tree, leaving out build output (bin, obj).</summary>
    public static void CopySource(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj" or "TestResults")
            {
                continue;
            }

            CopySource(dir, Path.Combine(to, name));
        }
    }
}
