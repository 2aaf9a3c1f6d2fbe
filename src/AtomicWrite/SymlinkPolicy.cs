namespace AtomicWrite;

/// <summary>What an <see cref="AtomicFile"/> write does when the path names a symbolic link.</summary>
public enum SymlinkPolicy
{
    /// <summary>
    /// Follow the link chain to the final target and replace that file; the link keeps pointing at it. A dangling link
    /// creates its target, like <see cref="System.IO.File.WriteAllText(string, string)"/> does. This is the default.
    /// </summary>
    Follow = 0,

    /// <summary>Replace the link itself with a regular file; the file the link pointed to is left untouched.</summary>
    ReplaceLink = 1,

    /// <summary>
    /// Refuse to write through a link: the write throws <see cref="AtomicWriteException"/> with
    /// <see cref="AtomicWriteFailure.SymlinkRefused"/> and changes nothing. Only the last path component is checked.
    /// </summary>
    Refuse = 2,
}
