using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace AtomicWrite.ValidCode;

/// <summary>Temporary files, rebuilt caches and downloads: losing them costs a rebuild or a re-download.</summary>
public sealed class TempAndCaches
{
    private readonly string _cacheDirectory;

    public TempAndCaches(string cacheDirectory)
    {
        _cacheDirectory = cacheDirectory;
    }

    public string ConvertWithScratchFile(byte[] input)
    {
        var scratch = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(scratch, input);
            return File.ReadAllText(scratch);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    public void WriteTempCopy(string name, string text) =>
        File.WriteAllText(Path.Combine(Path.GetTempPath(), name), text);

    public void StoreThumbnail(string key, byte[] png) =>
        File.WriteAllBytes(Path.Combine(_cacheDirectory, key + ".png"), png);

    public async Task DownloadAsync(HttpClient client, Uri source, string downloadPath)
    {
        await using var stream = new FileStream(downloadPath, FileMode.Create, FileAccess.Write);
        await using var body = await client.GetStreamAsync(source);
        await body.CopyToAsync(stream);
    }

    public void SaveCachedIndex(string cachePath, byte[] index) => File.WriteAllBytes(cachePath, index);
}
