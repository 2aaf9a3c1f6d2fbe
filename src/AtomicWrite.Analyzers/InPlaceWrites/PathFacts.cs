namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>What is known about a path expression after following it through locals, members and calls.</summary>
internal sealed class PathFacts
{
    /// <summary>Possible path strings, with '*' where a part is unknown (at most a few alternatives).</summary>
    public List<string> Candidates { get; } = new();

    /// <summary>Names of the locals, parameters, fields, properties and methods the path flows through.</summary>
    public List<string> Identifiers { get; } = new();

    /// <summary>Names met in the directory part of the path (weaker evidence).</summary>
    public List<string> DirectoryIdentifiers { get; } = new();

    /// <summary>Symbols the path expression directly refers to (for existence guards and rename patterns).</summary>
    public ISymbol? RootSymbol { get; set; }

    /// <summary>The path comes from Path.GetTempPath / GetTempFileName / GetRandomFileName.</summary>
    public bool Temp { get; set; }

    /// <summary>The file name has a part made fresh for each write (<c>Guid.NewGuid()</c>, a GUID or random-name helper): a new file, nothing to overwrite.</summary>
    public bool UniqueName { get; set; }

    /// <summary>The path comes from a file dialog (a user-chosen location).</summary>
    public bool UserChosen { get; set; }

    /// <summary>The well-known per-user folder the path is built on, if any (e.g. "ApplicationData").</summary>
    public string? SpecialFolder { get; set; }

    /// <summary>
    /// When the path is a field or property whose file the same type reads back: the member, the reading method, and the
    /// reading method that first checks for an empty file (null when none does), and whether the member is an instance
    /// member of another type read by the writing type through an instance (rather than the file of the member's own type).
    /// </summary>
    public (string Member, string Reader, string? EmptyCheck, bool OtherInstance)? ReadBack { get; set; }

    /// <summary>The name of the member or parameter marked [SensitiveFile], if any.</summary>
    public string? SensitiveAttributeOn { get; set; }
}
