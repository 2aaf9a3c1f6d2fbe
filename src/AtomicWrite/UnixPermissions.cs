using System;

namespace AtomicWrite;

/// <summary>
/// Unix file mode bits. The names and values are those of <c>System.IO.UnixFileMode</c> (available from .NET 7), so a
/// value converts with a plain cast.
/// </summary>
[Flags]
public enum UnixPermissions
{
    /// <summary>No permissions.</summary>
    None = 0,

    /// <summary>Execute permission for others (0001).</summary>
    OtherExecute = 1,

    /// <summary>Write permission for others (0002).</summary>
    OtherWrite = 2,

    /// <summary>Read permission for others (0004).</summary>
    OtherRead = 4,

    /// <summary>Execute permission for the group (0010).</summary>
    GroupExecute = 8,

    /// <summary>Write permission for the group (0020).</summary>
    GroupWrite = 16,

    /// <summary>Read permission for the group (0040).</summary>
    GroupRead = 32,

    /// <summary>Execute permission for the owner (0100).</summary>
    UserExecute = 64,

    /// <summary>Write permission for the owner (0200).</summary>
    UserWrite = 128,

    /// <summary>Read permission for the owner (0400).</summary>
    UserRead = 256,

    /// <summary>Sticky bit (01000).</summary>
    StickyBit = 512,

    /// <summary>Set group ID on execution (02000).</summary>
    SetGroup = 1024,

    /// <summary>Set user ID on execution (04000).</summary>
    SetUser = 2048,
}
