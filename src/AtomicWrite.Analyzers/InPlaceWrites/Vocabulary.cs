using System.Text;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>The words and extensions the evidence is built from, and word splitting of names.</summary>
internal static class Vocabulary
{
    /// <summary>Words naming credentials, tokens, keys and secrets.</summary>
    public static readonly ImmutableHashSet<string> SecretWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "token", "tokens", "credential", "credentials", "creds", "cred", "secret", "secrets", "password", "passwords",
        "passwd", "apikey", "apikeys", "auth", "oauth", "cookie", "cookies", "keystore", "keychain", "keyring",
        "privatekey", "certificate", "certificates", "cert", "certs", "wallet", "vault", "jwt", "refreshtoken",
        "accesstoken", "clientkey", "clientkeys", "htpasswd", "netrc", "pgpass", "msal", "adal");

    /// <summary>Words that are secrets only as a file name part, not as an identifier ("key" in "cacheKey",
    /// "identity" in "packageIdentity").</summary>
    public static readonly ImmutableHashSet<string> SecretFileNameWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, "key", "keys", "id_rsa", "id_ed25519", "id_ecdsa", "identity");

    /// <summary>Strong words naming configuration and settings.</summary>
    public static readonly ImmutableHashSet<string> ConfigWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "config", "configs", "configuration", "configurations", "settings", "setting", "cfg", "conf", "preferences",
        "prefs", "appsettings", "usersettings", "options", "profile", "profiles", "state", "session", "sessions",
        "accounts", "account", "manifest", "registry", "bookmarks", "keybindings", "hotkeys", "userdata", "meta",
        "metadata", "enabled", "disabled");

    /// <summary>The subset of config words weaker as identifiers (used widely for other things).</summary>
    public static readonly ImmutableHashSet<string> MediumConfigWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "options", "profile", "profiles", "state", "session", "sessions", "account", "accounts", "manifest", "registry",
        "bookmarks", "userdata", "meta", "metadata", "enabled", "disabled");

    /// <summary>Words naming logs, reports, exports, caches, downloads, dumps, temp and output files.</summary>
    public static readonly ImmutableHashSet<string> QuietWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "log", "logs", "logfile", "logger", "logging", "trace", "traces", "report", "reports", "export", "exports",
        "exported", "exporter", "dump", "dumps", "cache", "cached", "caches", "temp", "tmp", "download", "downloads",
        "downloaded", "screenshot", "screenshots", "thumbnail", "thumbnails", "thumb", "favicon", "icon", "icons",
        "image", "images", "output", "outputs", "debug", "crash", "crashes", "preview", "playlist", "marker", "lock",
        "probe", "backup", "backups", "bak", "generate", "generated", "artifact", "artifacts", "snapshot", "stats",
        "statistics", "metrics", "telemetry", "sample", "samples", "test", "tests", "scratch", "transcode", "destination",
        "dest", "saveas", "extract", "extracted", "unzip");

    /// <summary>
    /// Quiet words that describe a file, not the code around it: "backup" in a file or folder name marks a copy, but a
    /// method named <c>RestoreBackup</c> writes the live file.
    /// </summary>
    public static readonly ImmutableHashSet<string> FileOnlyQuietWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, "backup", "backups", "bak");

    /// <summary>A quiet word that also counts in the names of the code around a write (methods, types, called wrappers).</summary>
    public static bool QuietsCode(string word) => QuietWords.Contains(word) && !FileOnlyQuietWords.Contains(word);

    /// <summary>
    /// As <see cref="QuietsCode(string)"/>, except that a cache word does not quiet a write whose evidence names a
    /// credential: a token cache or a session cache holds a credential, whatever it is called.
    /// </summary>
    public static bool QuietsCode(string word, bool credential) => QuietsCode(word) && !(credential && IsCacheWord(word));

    /// <summary>A quiet word, except a cache word when the evidence names a credential (see <see cref="QuietsCode(string, bool)"/>).</summary>
    public static bool Quiets(string word, bool credential) => QuietWords.Contains(word) && !(credential && IsCacheWord(word));

    /// <summary>
    /// Quiet words that, before another noun, only modify it: "output" in <c>OutputSlots.xml</c>, "log" in
    /// <c>LogSettings.dat</c>, "image" in <c>ImageLibrary.db</c>. Temp, cache, backup, lock and download words are not
    /// among them: a <c>TempSettings</c> file is a temp copy, a <c>CacheIndex</c> indexes a cache.
    /// </summary>
    public static readonly ImmutableHashSet<string> QuietModifiers = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "log", "logging", "trace", "report", "export", "dump", "screenshot", "thumbnail", "icon", "image", "output",
        "debug", "crash", "preview", "playlist", "marker", "probe", "snapshot", "stats", "statistics", "metrics",
        "telemetry", "sample", "test", "transcode", "destination", "extract");

    /// <summary>A word that can be the head noun after a modifier: letters only, three or more, and not itself quiet.</summary>
    public static bool IsHeadNoun(string word)
    {
        if (word.Length < 3 || QuietWords.Contains(word))
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"cache", "cached", "caches".</summary>
    public static bool IsCacheWord(string word) => CacheWords.Contains(word);

    /// <summary>Quiet words that name a cache.</summary>
    public static readonly ImmutableHashSet<string> CacheWords = ImmutableHashSet.Create(System.StringComparer.Ordinal, "cache", "cached", "caches");

    /// <summary>The nouns that, after "save", make it a noun (a save slot, save data, a save file) rather than the verb.</summary>
    private static readonly ImmutableHashSet<string> SaveNouns = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, "data", "game", "games", "slot", "slots", "file", "files", "state", "states");

    /// <summary>
    /// The words name saved game or program data: "save" before a save noun (<c>SaveData</c>, <c>GetSaveFilePath</c>,
    /// <c>save_slot</c>), a glued form (<c>savegame</c>, <c>savedata</c>, <c>savefile</c>), or "saves"/"savegames" as a
    /// folder or file name part. Only names along the path and file names count: a method named <c>SaveData</c> is the verb.
    /// </summary>
    public static bool NamesSaveData(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word is "savegame" or "savegames" or "savedata" or "savefile" or "savefiles" or "saveslot" or "saveslots" or "saves" or "modsave")
            {
                return true;
            }

            if (word == "save" && i + 1 < words.Count && SaveNouns.Contains(words[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words that make a cache a credential cache: a session or login cache keeps the user signed in.</summary>
    public static readonly ImmutableHashSet<string> SessionWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, "session", "sessions", "login", "logins", "signin");

    /// <summary>Words that, before an id word, name the identity of an installation, a device or a user.</summary>
    private static readonly ImmutableHashSet<string> IdentityOwnerWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, "unique", "device", "machine", "install", "installation", "hardware", "user");

    /// <summary>
    /// The words name a credential: a secret word (token, credential, cookie, MSAL…), or a cache of a session, a
    /// login or an identity (a session cache, a unique-id or device-id cache).
    /// </summary>
    public static bool NamesCredential(List<string> words)
    {
        if (ContainsSecretWord(words))
        {
            return true;
        }

        return NamesCredentialCache(words);
    }

    /// <summary>A cache word together with a session or login word, or with an identity (<c>uniqueIdCache</c>, <c>deviceid.cache</c>).</summary>
    public static bool NamesCredentialCache(List<string> words)
    {
        var session = false;
        var cache = false;
        var owner = false;
        var id = false;
        foreach (var word in words)
        {
            session |= SessionWords.Contains(word) || word == "identity";
            cache |= IsCacheWord(word);
            owner |= IdentityOwnerWords.Contains(word);
            id |= word is "id" or "ids" or "guid" or "uuid";
        }

        return cache && (session || (owner && id));
    }

    private static bool ContainsSecretWord(List<string> words)
    {
        foreach (var word in words)
        {
            if (SecretWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Extensions of key and certificate files.</summary>
    public static readonly ImmutableHashSet<string> SecretExtensions = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        ".pem", ".key", ".pfx", ".p12", ".jks", ".keystore", ".kdbx", ".crt", ".cer", ".der", ".p8", ".pkcs12", ".ppk",
        ".gpg", ".asc", ".token", ".secret", ".secrets", ".credentials");

    /// <summary>Extensions that make a file a configuration file on their own.</summary>
    public static readonly ImmutableHashSet<string> ConfigExtensions = ImmutableHashSet.Create(
        System.StringComparer.Ordinal, ".ini", ".cfg", ".conf", ".config", ".settings", ".prefs", ".properties", ".env", ".plist", ".reg");

    /// <summary>Data extensions that are configuration when the name says so.</summary>
    public static readonly ImmutableHashSet<string> DataExtensions = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        ".json", ".xml", ".yaml", ".yml", ".toml", ".js", ".dat", ".bin", ".txt", ".db", ".sqlite", ".jsonc", ".json5", ".xaml", "");

    /// <summary>Extensions of output that is not application state.</summary>
    public static readonly ImmutableHashSet<string> QuietExtensions = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        ".log", ".csv", ".tsv", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".svg", ".pdf", ".zip", ".7z",
        ".gz", ".tar", ".nupkg", ".dll", ".exe", ".mp3", ".mp4", ".mkv", ".wav", ".m3u", ".m3u8", ".wpl", ".nfo", ".html",
        ".htm", ".md", ".tmp", ".temp", ".bak", ".old", ".orig", ".lock", ".pid", ".dmp", ".cache", ".trx", ".sarif",
        ".cs", ".g.cs", ".pdb", ".icc", ".icm", ".sxcu", ".srt", ".vtt", ".xlsx", ".docx", ".rtf", ".new", ".part", ".partial", ".download", ".crdownload");

    /// <summary>Splits an identifier or file name into lower-case words (camelCase, PascalCase, snake_case, dots, dashes).</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var boundary = (char.IsUpper(c) && char.IsLower(previous))
                    || (char.IsUpper(c) && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(previous) && current.Length > 1)
                    || (char.IsDigit(c) != char.IsDigit(previous));
                if (boundary)
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);

        // Names glued together in one case (hardwarekey, apitoken, CONFIGFILE): their parts, when every part is a word
        // of the vocabulary or a common word that joins one ("hardware", "api", "file"); "monkey" or "keyboard" have
        // a part that is no such word, so they stay whole.
        var count = words.Count;
        for (var i = 0; i < count; i++)
        {
            if (Glued(words[i]) is { } parts)
            {
                words.AddRange(parts);
            }
        }

        // Compounds that are sensitive only together ("api" + "key", "client" + "key", "private" + "key").
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var pair = words[i] + words[i + 1];
            if (pair == "apikey" || pair == "privatekey" || pair == "clientkey" || pair == "accesstoken" || pair == "refreshtoken"
                || pair == "signingkey" || pair == "encryptionkey" || pair == "masterkey" || pair == "secretkey" || pair == "licensekey"
                || pair == "appsettings" || pair == "usersettings")
            {
                words.Add(pair);
            }
        }

        return words;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> GluedCache = new(System.StringComparer.Ordinal);

    /// <summary>Common words that join a vocabulary word in glued names; they carry no evidence themselves.</summary>
    public static readonly ImmutableHashSet<string> JoiningWords = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "api", "app", "user", "users", "client", "server", "hardware", "device", "machine", "access", "refresh", "private",
        "public", "master", "license", "signing", "encryption", "file", "files", "name", "path", "dir", "data", "local",
        "global", "default", "main", "site", "host", "web", "id", "db", "database", "connection", "connections", "window",
        "layout", "theme", "last", "recent", "install", "game", "games", "slot", "slots", "save", "saves", "list", "index",
        "store", "storage", "info", "error", "errors", "history", "bearer", "update", "version", "system", "network",
        "proxy", "service", "plugin", "plugins", "key", "keys", "identity", "unique", "guid", "uuid");

    /// <summary>The parts of a glued lower-case word, or null when it is a word of its own or does not split.</summary>
    public static string[]? Glued(string word)
    {
        if (word.Length < 5 || word.Length > 32 || IsKnownWord(word))
        {
            return null;
        }

        foreach (var c in word)
        {
            if (c < 'a' || c > 'z')
            {
                return null;
            }
        }

        var parts = GluedCache.GetOrAdd(word, Split);
        return parts.Length > 1 ? parts : null;
    }

    private static bool IsKnownWord(string word) =>
        SecretWords.Contains(word) || SecretFileNameWords.Contains(word) || ConfigWords.Contains(word) || QuietWords.Contains(word)
        || SessionWords.Contains(word) || JoiningWords.Contains(word);

    /// <summary>
    /// Splits a word into known words of at least two letters, preferring the fewest parts; an empty array when it
    /// cannot be covered.
    /// </summary>
    private static string[] Split(string word)
    {
        var n = word.Length;

        // best[i]: the fewest parts that cover word[0..i); from[i]: where the last of them starts.
        var best = new int[n + 1];
        var from = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            best[i] = int.MaxValue;
            for (var j = i - 2; j >= 0; j--)
            {
                if (best[j] == int.MaxValue || best[j] + 1 >= best[i] || !IsKnownWord(word.Substring(j, i - j)))
                {
                    continue;
                }

                best[i] = best[j] + 1;
                from[i] = j;
            }
        }

        if (best[n] == int.MaxValue || best[n] < 2)
        {
            return System.Array.Empty<string>();
        }

        var parts = new string[best[n]];
        for (int end = n, k = parts.Length - 1; end > 0; k--)
        {
            parts[k] = word.Substring(from[end], end - from[end]);
            end = from[end];
        }

        return parts;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>The file name part of a path candidate (after the last '/' or '\').</summary>
    public static string FileName(string path)
    {
        var slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }

    /// <summary>The directory segments of a path candidate.</summary>
    public static IEnumerable<string> DirectorySegments(string path)
    {
        var parts = path.Split('/', '\\');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].Length > 0)
            {
                yield return parts[i];
            }
        }
    }

    /// <summary>The lower-case extension of a file name, with the dot; empty when none.</summary>
    public static string Extension(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        if (dot <= 0 && !(dot == 0 && fileName.Length > 1))
        {
            return string.Empty;
        }

        var extension = fileName.Substring(dot).ToLowerInvariant();
        return extension.IndexOf('*') >= 0 ? string.Empty : extension;
    }
}
