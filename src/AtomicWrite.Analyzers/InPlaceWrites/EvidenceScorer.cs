using System.Runtime.CompilerServices;

namespace AtomicWrite.Analyzers.InPlaceWrites;

/// <summary>
/// Weighs the evidence that a written file is sensitive. Strong evidence (weight 3 or more) fires alone: a file
/// name or extension of credentials, keys or configuration, a sensitive identifier, serialized settings or token
/// content, a [SensitiveFile] attribute, a configured word or glob. Weak evidence (enclosing method and type
/// names, a per-user folder) adds 1 and never fires alone. Names of logs, exports, caches, temp files and
/// user-chosen paths take weight away or silence the call.
/// </summary>
internal static class EvidenceScorer
{
    /// <summary>The weight at which AW0001 fires.</summary>
    public const int Threshold = 3;

    /// <summary>The weight of a file that the program reads back: enough to fire alone, unless quiet evidence weighs against it.</summary>
    private const int ReadBackWeight = 3;

    /// <summary>The HTTP/WebClient fetch the content comes from (through locals, awaits and GetBytes/GetString).</summary>
    private static readonly ContentTrace NetworkFetch = new(
        call => IsNetworkFetch(call.TargetMethod) ? call.TargetMethod.Name : null,
        call => call.TargetMethod.Name is "GetBytes" or "GetString",
        ThroughAwait: true,
        ThroughReceiver: false);

    /// <summary>
    /// The method of the program (in source) named <c>Generate…</c> or <c>Merge…</c>, or a method of a template type of
    /// the program (<c>ConfigTemplate.GetConfig(...)</c>), that the content comes from.
    /// </summary>
    private static readonly ContentTrace Derived = new(
        call => call.TargetMethod.DeclaringSyntaxReferences.Length > 0
            && (call.TargetMethod.Name.StartsWith("Generate", StringComparison.Ordinal) || call.TargetMethod.Name.StartsWith("Merge", StringComparison.Ordinal)
                || call.TargetMethod.ContainingType?.Name.EndsWith("Template", StringComparison.Ordinal) == true)
            ? (call.TargetMethod.ContainingType?.Name.EndsWith("Template", StringComparison.Ordinal) == true ? call.TargetMethod.ContainingType.Name + "." : string.Empty) + call.TargetMethod.Name
            : null,
        call => call.TargetMethod.Name is "GetBytes" or "ToString" or "ToArray",
        ThroughAwait: true,
        ThroughReceiver: true);

    /// <summary>The private-key export or <c>ProtectedData.Protect</c> the content comes from, through any call.</summary>
    private static readonly ContentTrace KeyExport = new(KeyExportName, _ => true, ThroughAwait: false, ThroughReceiver: true);

    /// <summary>The encryption the content goes through: an <c>Encrypt…</c> or <c>Protect</c> call, or an encryptor for a <c>CryptoStream</c>.</summary>
    private static readonly ContentTrace Encryption = new(EncryptionName, _ => true, ThroughAwait: true, ThroughReceiver: true);

    /// <param name="Weight">How much the evidence weighs.</param>
    /// <param name="Text">The evidence as a sentence part.</param>
    /// <param name="Credential">The evidence names a credential (a serialized token cache, for one).</param>
    /// <param name="Reader">For read-back evidence: the member that reads the file.</param>
    private sealed record Item(int Weight, string Text, bool Credential = false, string? Reader = null)
    {
        /// <summary>Each piece of evidence is itself: the read-back item is found in the list by identity.</summary>
        public bool Equals(Item? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
    }

    public static Verdict Score(SinkCall sink, PathFacts path, IOperation operation, ISymbol? containingSymbol, AnalyzerSettings settings, CancellationToken cancellationToken)
    {
        var target = Target(path, operation, sink);
        var name = KnownFileName(path);

        // A configured ignore wins over everything.
        if (IgnoredByConfiguration(path, settings))
        {
            return new Verdict(false, 0, target, "it matches an ignored word or glob");
        }

        if (path.SensitiveAttributeOn is { } marked)
        {
            return new Verdict(true, 100, target, "'" + marked + "' is marked [SensitiveFile]");
        }

        if (containingSymbol is not null && PathTracer.HasSensitiveFileAttribute(containingSymbol))
        {
            return new Verdict(true, 100, target, "'" + containingSymbol.Name + "' is marked [SensitiveFile]");
        }

        if (TestCode.Contains(containingSymbol))
        {
            return new Verdict(false, 0, target, "it is written by test code");
        }

        if (path.UserChosen)
        {
            return new Verdict(false, 0, target, "the path is chosen by the user");
        }

        // The content is a private key or a DPAPI-protected secret: whatever the file or the code around it is called
        // (GenerateKeypair, a cache folder), losing it loses the key.
        if (KeyMaterial(sink, operation) is { } export)
        {
            // ... unless it goes to a fresh temp file for another process, a folder the user picked, or a file opened for
            // the user that the program never reads back.
            if (Regenerable(sink, path, operation, readBack: path.ReadBack is not null, secret: true, cancellationToken) is { } handedOver)
            {
                return new Verdict(false, 0, target, handedOver);
            }

            return new Verdict(true, 10, target, "its content is a private key or protected secret from '" + export + "'");
        }

        // The program's own reader checks for an empty copy of this file before loading it: truncation is a known
        // failure of this very file, whatever its name says (a cache, a download), so no name or content quiets it.
        if (path.ReadBack is { EmptyCheck: { } emptyCheck } guarded)
        {
            if (RegenerableWrites.InUserPickedFolder(sink.Path, operation))
            {
                return new Verdict(false, 0, target, UserPickedFolder);
            }

            return new Verdict(true, 10, target, "'" + emptyCheck + "' checks '" + guarded.Member + "' for an empty file before reading it back");
        }

        var items = new List<Item>();
        var configured = ConfiguredEvidence(path, settings);
        if (configured is not null)
        {
            items.Add(configured);
        }

        // Secrets beat quiet words: a token, credential, cookie or session cache is a credential file, so cache words
        // do not quiet a write whose file name or path names say credential.
        var credential = NamesCredential(path);

        // 1. The file name and extension (best candidate).
        var (fileItem, allQuiet, modifiers) = FileNameEvidence(path, credential);
        Item? modifierReadBack = null;
        if (allQuiet && configured is null)
        {
            // A quiet word that only modifies the noun after it (OutputSlots.xml, LogSettings.dat) does not make the file
            // an output or a log: when the program reads the file back, it is its state, and the same words in the names
            // along the path (output_path) echo the file name rather than describe the file.
            modifierReadBack = modifiers is null ? null : ModifierReadBack(sink, path, operation, cancellationToken);
            if (modifierReadBack is null)
            {
                return new Verdict(false, 0, target, "the file name says it is a log, export, cache or temporary file");
            }
        }

        var primary = fileItem;

        // 2. Identifier names along the path.
        var quietIdentifier = false;
        Item? identifierItem = null;
        foreach (var identifier in path.Identifiers)
        {
            var words = Vocabulary.Words(identifier);
            var quiet = false;
            var weight = 0;
            var credentialName = Vocabulary.NamesCredential(words);
            foreach (var word in words)
            {
                if (Vocabulary.Quiets(word, credential) && !(modifiers?.Contains(word) ?? false))
                {
                    quiet = true;
                }
                else if (Vocabulary.SecretWords.Contains(word))
                {
                    weight = System.Math.Max(weight, 3);
                }
                else if (Vocabulary.ConfigWords.Contains(word))
                {
                    weight = System.Math.Max(weight, Vocabulary.MediumConfigWords.Contains(word) ? 2 : 3);
                }
            }

            if (quiet)
            {
                quietIdentifier = true;
                continue;
            }

            if (credentialName)
            {
                weight = System.Math.Max(weight, 3); // a token, session or identity cache
            }

            var saveData = weight < 3 && Vocabulary.NamesSaveData(words);
            if (saveData)
            {
                weight = 3; // a save slot, save data or a save file: the user's progress
            }

            if (weight > 0 && (identifierItem is null || weight > identifierItem.Weight))
            {
                identifierItem = new Item(weight, "the name '" + identifier + "' suggests " + (credentialName ? "credentials" : saveData ? "saved data" : "settings or state"));
            }
        }

        // Names of the directory part: a config or credentials folder is medium evidence, a cache or log folder quiets.
        foreach (var identifier in path.DirectoryIdentifiers)
        {
            var words = Vocabulary.Words(identifier);
            if (AnyQuiet(words, credential))
            {
                quietIdentifier = true;
                continue;
            }

            if ((ContainsAny(words, Vocabulary.SecretWords) || ContainsAny(words, Vocabulary.ConfigWords)) && (identifierItem is null || identifierItem.Weight < 2))
            {
                identifierItem = new Item(2, "it is kept under '" + identifier + "'");
            }
        }

        if (identifierItem is not null && (primary is null || identifierItem.Weight > primary.Weight))
        {
            primary = identifierItem;
        }

        if (primary is not null)
        {
            items.Add(primary);
        }

        // 3. The content written.
        var content = ContentEvidence(sink, operation, credential, out var serialized, out var serializedTypes, cancellationToken);
        if (content is not null)
        {
            items.Add(content);
            credential |= content.Credential;
        }

        // 3a. The content is encrypted: a program encrypts what it must keep secret.
        if (content is not { Weight: >= 3 } && Encrypted(sink, operation) is { } encryption)
        {
            items.Add(new Item(3, "its content is encrypted by '" + encryption + "'"));
        }

        // 3b. The program reads the file back: it is its own state, not output. A file the program names (a constant
        // file name) or saves serialized fires on this alone, and so does an opaque path (a member given by unknown
        // callers) that the same type both loads and saves: such a type is a store of the program's state. Quiet
        // evidence (a log, export, temp or cache name) still weighs against it.
        Item? readBackItem = modifierReadBack;
        if (readBackItem is not null)
        {
            items.Add(readBackItem);
        }
        else if (path.ReadBack is { } readBack)
        {
            readBackItem = serialized
                ? new Item(ReadBackWeight, "'" + readBack.Member + "' is saved serialized and loaded back by '" + readBack.Reader + "'", Reader: readBack.Reader)
                : new Item(name is not null || !readBack.OtherInstance ? ReadBackWeight : 2, "'" + readBack.Member + "' is read back by '" + readBack.Reader + "'", Reader: readBack.Reader);
            items.Add(readBackItem);
        }

        // 4. A per-user location.
        if (path.SpecialFolder is { } folder)
        {
            var configish = primary is not null || (name is not null && Vocabulary.DataExtensions.Contains(Vocabulary.Extension(name)) && Vocabulary.Extension(name).Length > 0);
            items.Add(new Item(configish ? 2 : 1, "it lives in the per-user folder " + folder));
        }

        // 5. Weak: the enclosing method and type names, and at a call to a wrapper, the wrapper's own name, or for a
        // constructor its type's (GenerateClientConfig(path) writes generated output; SaveSettings(path) writes
        // settings; new ReportExporter(path) holds an export's path).
        var contextWeight = 0;
        var quietContext = 0;
        string? contextText = null;
        if (sink.Method is { } wrapperMethod && (sink.Kind == SinkKind.Wrapper || wrapperMethod.DeclaringSyntaxReferences.Length > 0))
        {
            var wrapperWords = Vocabulary.Words(wrapperMethod.MethodKind == MethodKind.Constructor ? wrapperMethod.ContainingType.Name : wrapperMethod.Name);
            var wrapperCredential = credential || Vocabulary.NamesCredential(wrapperWords);
            foreach (var word in wrapperWords)
            {
                if (Vocabulary.QuietsCode(word, wrapperCredential))
                {
                    quietContext = 2;
                    break;
                }
            }
        }

        for (var symbol = containingSymbol; symbol is not null && symbol is not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod })
            {
                continue;
            }

            var words = Vocabulary.Words(symbol.Name);
            var sensitive = false;
            var credentialName = credential || Vocabulary.NamesCredential(words);
            foreach (var word in words)
            {
                if (Vocabulary.QuietsCode(word, credentialName))
                {
                    quietContext = System.Math.Max(quietContext, symbol is IMethodSymbol ? 2 : 1);
                    sensitive = false;
                    break;
                }

                if (Vocabulary.SecretWords.Contains(word) || (Vocabulary.ConfigWords.Contains(word) && !Vocabulary.MediumConfigWords.Contains(word)))
                {
                    sensitive = true;
                }
            }

            if (sensitive && contextWeight < 2)
            {
                contextWeight++;
                contextText ??= "it is written by '" + symbol.Name + "'";
            }
        }

        if (contextWeight > 0)
        {
            items.Add(new Item(contextWeight, contextText!));
        }

        var total = 0;
        foreach (var item in items)
        {
            total += item.Weight;
        }

        if (quietIdentifier)
        {
            total -= 3;
        }

        total -= quietContext;

        // Content fetched from the network is a download: it can be fetched again. Content that a method of the
        // program generates or merges from other data (MergePacFile(rules), GenerateManifest()) is derived: it can be
        // made again.
        if (IsDownloaded(sink, operation) || DerivedContent(sink) is not null)
        {
            total -= 3;
        }

        // Read back anywhere in the compilation (another type, through the same member, constant, method or constant
        // file name): looked up only when it decides the verdict, so most writes never need the compilation's reads.
        if (readBackItem is null && total < Threshold && total + ReadBackWeight >= Threshold
            && operation.SemanticModel?.Compilation is { } compilation
            && ReadBackIndex.For(compilation).Across(sink.Path, path, operation, cancellationToken) is { } across)
        {
            readBackItem = serialized
                ? new Item(ReadBackWeight, "'" + across.Key + "' is saved serialized and loaded back by '" + across.Reader + "'", Reader: across.Reader)
                : new Item(ReadBackWeight, "'" + across.Key + "' is read back by '" + across.Reader + "'", Reader: across.Reader);
            items.Add(readBackItem);
            total += readBackItem.Weight;
        }

        // A serialization of a type of the program that the program deserializes from a file it reads (anywhere in the
        // compilation): it saves and loads that type from disk, so the file is state it depends on, whatever the path
        // is called. Looked up only when it decides the verdict; the index is built once per compilation.
        if (readBackItem is null && serialized && serializedTypes.Count > 0 && total < Threshold && total + ReadBackWeight >= Threshold
            && operation.SemanticModel?.Compilation is { } typeCompilation
            && ReadBackIndex.For(typeCompilation).LoadedFromFile(serializedTypes, name is null ? null : Vocabulary.FileName(name), cancellationToken) is { } loaded)
        {
            readBackItem = new Item(ReadBackWeight, "a serialized '" + loaded.Type + "' is loaded back from a file by '" + loaded.Reader + "'", Reader: loaded.Reader);
            items.Add(readBackItem);
            total += readBackItem.Weight;
        }

        // A read-modify-write: the same method reads the file from the same path and writes back content made from what
        // it read. The old content is the only copy; a torn write loses it.
        if (readBackItem is null && total < Threshold && total + ReadBackWeight >= Threshold
            && ReadModifyWrite.ReadFirst(sink, operation) is { } firstRead)
        {
            readBackItem = new Item(ReadBackWeight, "its old content is read by '" + firstRead + "' and rewritten in place");
            items.Add(readBackItem);
            total += readBackItem.Weight;
        }

        items.Sort((a, b) => b.Weight.CompareTo(a.Weight));

        // The message names the reading member when the read-back is among the strongest evidence.
        if (readBackItem is not null && items[0] != readBackItem && items[0].Weight <= readBackItem.Weight)
        {
            items.Remove(readBackItem);
            items.Insert(0, readBackItem);
        }

        var evidence = items.Count == 0 ? "no evidence" : items[0].Text;
        if (items.Count > 1 && items[0].Weight < Threshold)
        {
            evidence += ", and " + items[1].Text;
        }

        // Content the program regenerates, and files it hands over: looked for only when the write would be reported.
        if (total >= Threshold && Regenerable(sink, path, operation, readBackItem is not null, secret: false, cancellationToken) is { } regenerable)
        {
            return new Verdict(false, 0, target, regenerable);
        }

        // Content the program builds (not a serialization of its state) and writes only when the file differs from it:
        // a torn copy differs, so the next run writes it again.
        if (total >= Threshold && !serialized && !credential && !ReadElsewhere(readBackItem, containingSymbol)
            && ReadModifyWrite.ComparedBeforeWrite(sink, operation))
        {
            return new Verdict(false, 0, target, "it is written only when it differs from the content the program builds, so a torn copy is written again");
        }

        return new Verdict(total >= Threshold, total, target, evidence);
    }

    /// <summary>
    /// A member other than the writing one reads the file back (the read-back evidence names it): the file is then input
    /// the program loads, whatever the writing method checks before it writes.
    /// </summary>
    private static bool ReadElsewhere(Item? readBackItem, ISymbol? containingSymbol)
    {
        if (readBackItem?.Reader is not { } reader)
        {
            return false; // no read-back, or the writing method's own read (a read-modify-write)
        }

        return containingSymbol is null
            || (reader != containingSymbol.Name && reader != containingSymbol.ContainingType?.Name + "." + containingSymbol.Name);
    }

    private const string UserPickedFolder = "it is written into a folder the user has just picked";

    /// <summary>
    /// Why a write that would be reported may be torn after all, or null: a folder the user picked, a fresh temp file, a
    /// file opened for the user and never read back, and (for content that is not a secret) an &lt;auto-generated&gt;
    /// file or constant or embedded-resource content written into a fresh or versioned directory.
    /// </summary>
    private static string? Regenerable(SinkCall sink, PathFacts path, IOperation operation, bool readBack, bool secret, CancellationToken cancellationToken)
    {
        if (RegenerableWrites.InUserPickedFolder(sink.Path, operation))
        {
            return UserPickedFolder;
        }

        if (RegenerableWrites.FreshTempFile(path, operation))
        {
            return "it is written to a fresh temp file";
        }

        if (!secret)
        {
            if (RegenerableWrites.AutoGenerated(sink, operation, cancellationToken))
            {
                return "its content is an <auto-generated> file, written again by each build";
            }

            if (RegenerableWrites.RegeneratedContent(sink, path, operation) is { } regenerated)
            {
                return "its content is " + regenerated;
            }
        }

        if (RegenerableWrites.OpenedForTheUser(path, operation)
            && !readBack
            && (operation.SemanticModel?.Compilation is not { } compilation || ReadBackIndex.For(compilation).Across(sink.Path, path, operation, cancellationToken) is null))
        {
            return "it is opened for the user and never read back";
        }

        return null;
    }

    /// <summary>
    /// The content comes from the network: for whole-file writes, the content traced back to an HTTP/WebClient
    /// fetch; for streams and writers, such a fetch in the same method.
    /// </summary>
    private static bool IsDownloaded(SinkCall sink, IOperation operation) => ContentSource(sink, operation, NetworkFetch) is not null;

    /// <summary>
    /// The name of the call the written content comes from, as <paramref name="trace"/> names calls: for whole-file
    /// writes, found by tracing the content back; for streams, writers and abstractions, any such call in the same
    /// method (the stream is usually handed to it). Null when there is none.
    /// </summary>
    private static string? ContentSource(SinkCall sink, IOperation operation, ContentTrace trace)
    {
        if (sink.Kind == SinkKind.WholeFile)
        {
            return sink.Content is { } content ? trace.From(content) : null;
        }

        // Streams, writers and abstractions, and a wrapper that returns a stream (a path type's Open…).
        if (sink.Kind is not (SinkKind.Stream or SinkKind.Writer or SinkKind.Abstraction)
            && !(sink.Kind == SinkKind.Wrapper && sink.Method?.ReturnType.Name.EndsWith("Stream", StringComparison.Ordinal) == true))
        {
            return null;
        }

        foreach (var invocation in OperationTracing.InvocationsInBody(operation))
        {
            if (trace.Origin(invocation) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The name of a private-key export (<c>ToXmlString(true)</c>, <c>ExportPkcs8PrivateKey</c>, <c>ExportRSAPrivateKey</c>,
    /// …, a PFX <c>Export</c> of a certificate) or of <c>ProtectedData.Protect</c> that the content comes from: traced
    /// through locals and the arguments of conversions and helpers for whole-file writes, looked for in the same method
    /// for streams and writers.
    /// </summary>
    private static string? KeyMaterial(SinkCall sink, IOperation operation) => ContentSource(sink, operation, KeyExport);

    /// <summary>
    /// The call that encrypts what is written: for whole-file writes, traced back from the content; for streams and
    /// writers, in the same method (the stream is handed to a <c>CryptoStream</c> or a <c>Protect</c> helper). A program
    /// encrypts what it must keep secret, so the file holds a secret it reads back, whatever it is called.
    /// </summary>
    private static string? Encrypted(SinkCall sink, IOperation operation)
    {
        if (ContentSource(sink, operation, Encryption) is { } direct)
        {
            return direct;
        }

        // A content local that one branch sets to the encrypted form (json = encrypt ? Encrypt(json) : json).
        if (sink.Kind == SinkKind.WholeFile && sink.Content is { } content && OperationHelpers.Unwrap(content) is ILocalReferenceOperation local)
        {
            foreach (var candidate in OperationTracing.OperationsInBody(operation))
            {
                if (candidate is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local)
                    && Encryption.From(assignment.Value) is { } assigned)
                {
                    return assigned;
                }
            }
        }

        return null;
    }

    private static string? EncryptionName(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        return (name.StartsWith("Encrypt", System.StringComparison.Ordinal) && !name.StartsWith("Encrypted", System.StringComparison.Ordinal)) || name is "Protect" or "ProtectAsync" or "CreateEncryptor"
            ? (invocation.TargetMethod.ContainingType is { } type ? type.Name + "." + name : name)
            : null;
    }

    private static string? KeyExportName(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "ExportRSAPrivateKey":
            case "ExportRSAPrivateKeyPem":
            case "ExportPkcs8PrivateKey":
            case "ExportPkcs8PrivateKeyPem":
            case "ExportEncryptedPkcs8PrivateKey":
            case "ExportEncryptedPkcs8PrivateKeyPem":
            case "ExportECPrivateKey":
            case "ExportECPrivateKeyPem":
                return method.Name;
            case "ToXmlString" when invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: true }:
                return "ToXmlString(true)";
            case "Protect" when method.ContainingType?.Name == "ProtectedData":
                return "ProtectedData.Protect";
            case "Export" when method.ContainingType?.Name is "X509Certificate" or "X509Certificate2"
                && invocation.Arguments.Length > 0
                && OperationHelpers.Unwrap(invocation.Arguments[0].Value) is IFieldReferenceOperation { Field.Name: "Pfx" or "Pkcs12" }:
                return "X509Certificate.Export(Pfx)";
            default:
                return null;
        }
    }

    /// <summary>
    /// For a whole-file write: the method of the program (in source) named <c>Generate…</c> or <c>Merge…</c> whose
    /// result the content is, traced through locals and text conversions; null when there is none.
    /// </summary>
    private static string? DerivedContent(SinkCall sink) =>
        sink.Kind == SinkKind.WholeFile && sink.Content is { } content ? Derived.From(content) : null;

    /// <summary>
    /// Traces written content back to the call it comes from: through locals, awaits (when
    /// <paramref name="ThroughAwait"/>) and the calls that pass content on, up to four steps.
    /// </summary>
    /// <param name="Origin">The name of the call that content comes from, or null for any other call.</param>
    /// <param name="PassesOn">Whether a call passes its arguments (and, when <paramref name="ThroughReceiver"/>, its receiver) on as its result.</param>
    /// <param name="ThroughAwait">Whether an awaited value is traced on.</param>
    /// <param name="ThroughReceiver">Whether the receiver of a call that passes content on is traced, before its arguments.</param>
    private sealed record ContentTrace(Func<IInvocationOperation, string?> Origin, Func<IInvocationOperation, bool> PassesOn, bool ThroughAwait, bool ThroughReceiver)
    {
        /// <summary>The name of the call <paramref name="content"/> comes from, or null.</summary>
        public string? From(IOperation content) => From(content, 0);

        private string? From(IOperation content, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            var value = OperationHelpers.Unwrap(content);
            if (ThroughAwait && value is IAwaitOperation awaited)
            {
                value = OperationHelpers.Unwrap(awaited.Operation);
            }

            switch (value)
            {
                case ILocalReferenceOperation local when OperationTracing.LocalInitializer(local) is { } initializer:
                    return From(initializer, depth + 1);
                case IInvocationOperation invocation when Origin(invocation) is { } name:
                    return name;
                case IInvocationOperation invocation when PassesOn(invocation):
                    return OperationTracing.FirstInInputs(invocation, ThroughReceiver, input => From(input, depth + 1));
                default:
                    return null;
            }
        }
    }

    private static bool IsNetworkFetch(IMethodSymbol method)
    {
        var type = method.ContainingType?.Name;
        if (type is "HttpClient" or "HttpContent" or "WebClient" or "HttpMessageInvoker")
        {
            return method.Name.StartsWith("Get", System.StringComparison.Ordinal)
                || method.Name.StartsWith("ReadAs", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Download", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Send", System.StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>
    /// The file names or the identifiers of the file part of the path name a credential (a secret word or a key
    /// extension, or a session or login cache).
    /// </summary>
    private static bool NamesCredential(PathFacts path)
    {
        foreach (var candidate in path.Candidates)
        {
            var fileName = Vocabulary.FileName(candidate);
            var extension = Vocabulary.Extension(fileName);
            if (Vocabulary.SecretExtensions.Contains(extension))
            {
                return true;
            }

            var words = Vocabulary.Words(fileName);
            if (extension == ".cache")
            {
                words.Add("cache");
            }

            if (Vocabulary.NamesCredential(words))
            {
                return true;
            }
        }

        foreach (var identifier in path.Identifiers)
        {
            if (Vocabulary.NamesCredential(Vocabulary.Words(identifier)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> WithCache(List<string> words) => new(words) { "cache" };

    private static bool AnyQuiet(List<string> words, bool credential)
    {
        foreach (var word in words)
        {
            if (Vocabulary.Quiets(word, credential))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For a file name made quiet only by modifier words (<see cref="Vocabulary.QuietModifiers"/>), the evidence that the
    /// program reads the file back: in the same type (<see cref="PathFacts.ReadBack"/>) or anywhere in the compilation
    /// through the same member, constant or constant file name. Null when it does not.
    /// </summary>
    private static Item? ModifierReadBack(SinkCall sink, PathFacts path, IOperation operation, CancellationToken cancellationToken)
    {
        if (path.ReadBack is { } readBack)
        {
            return new Item(ReadBackWeight, "'" + readBack.Member + "' is read back by '" + readBack.Reader + "'", Reader: readBack.Reader);
        }

        return operation.SemanticModel?.Compilation is { } compilation
            && ReadBackIndex.For(compilation).Across(sink.Path, path, operation, cancellationToken) is { } across
            ? new Item(ReadBackWeight, "'" + across.Key + "' is read back by '" + across.Reader + "'", Reader: across.Reader)
            : null;
    }

    /// <summary>
    /// The file-name evidence: the strongest item, whether every known file name is quiet, and, when each is quiet only
    /// through modifier words (a quiet word followed by a word that is not quiet, as "output" in <c>OutputSlots.xml</c>),
    /// those words; otherwise null.
    /// </summary>
    private static (Item? Item, bool AllQuiet, HashSet<string>? Modifiers) FileNameEvidence(PathFacts path, bool credential)
    {
        Item? best = null;
        var known = 0;
        var quiet = 0;
        HashSet<string>? modifiers = new(System.StringComparer.Ordinal);
        foreach (var candidate in path.Candidates)
        {
            var fileName = Vocabulary.FileName(candidate);
            var extension = Vocabulary.Extension(fileName);
            var stem = extension.Length > 0 ? fileName.Substring(0, fileName.Length - extension.Length) : fileName;
            var words = Vocabulary.Words(stem);
            var hasName = words.Count > 0 || extension.Length > 0;
            if (!hasName)
            {
                continue;
            }

            known++;
            var isQuiet = (Vocabulary.QuietExtensions.Contains(extension) && !(credential && extension == ".cache")) || candidate.EndsWith("~", System.StringComparison.Ordinal)
                || HasTemporarySuffix(fileName);
            var configOrKeyExtension = Vocabulary.ConfigExtensions.Contains(extension) || Vocabulary.SecretExtensions.Contains(extension);
            var byModifiersOnly = !isQuiet;
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (Vocabulary.Quiets(word, credential) && !configOrKeyExtension)
                {
                    isQuiet = true;
                    byModifiersOnly &= Vocabulary.QuietModifiers.Contains(word) && i + 1 < words.Count
                        && Vocabulary.IsHeadNoun(words[i + 1]);
                    if (byModifiersOnly)
                    {
                        modifiers?.Add(word);
                    }
                }
            }

            foreach (var segment in Vocabulary.DirectorySegments(candidate))
            {
                foreach (var word in Vocabulary.Words(segment))
                {
                    if (word == "temp" || word == "tmp" || word == "logs" || word == "log" || ((word == "cache" || word == "caches") && !credential) || word == "downloads" || word == "exports")
                    {
                        isQuiet = true;
                    }
                }
            }

            if (isQuiet)
            {
                quiet++;
                if (!byModifiersOnly)
                {
                    modifiers = null;
                }

                continue;
            }

            var shown = fileName.IndexOf('*') >= 0 ? stem.Trim('*', '_', '-', '.') + extension : fileName;
            Item? item = null;
            if (Vocabulary.SecretExtensions.Contains(extension))
            {
                item = new Item(4, "'" + shown + "' looks like a key or credentials file");
            }
            else if (ContainsAny(words, Vocabulary.SecretWords) || ContainsAny(words, Vocabulary.SecretFileNameWords) || Vocabulary.SecretFileNameWords.Contains(stem.ToLowerInvariant()))
            {
                item = new Item(4, "'" + shown + "' looks like a credentials file");
            }
            else if (Vocabulary.NamesCredentialCache(extension == ".cache" ? WithCache(words) : words))
            {
                item = new Item(4, "'" + shown + "' looks like a session or identity cache, which keeps a credential");
            }
            else if (Vocabulary.ConfigExtensions.Contains(extension))
            {
                item = new Item(3, "'" + shown + "' is a configuration file");
            }
            else if (ContainsAny(words, Vocabulary.ConfigWords) && Vocabulary.DataExtensions.Contains(extension))
            {
                item = new Item(3, "'" + shown + "' looks like a settings or state file");
            }
            else if (Vocabulary.NamesSaveData(words) && Vocabulary.DataExtensions.Contains(extension))
            {
                item = new Item(3, "'" + shown + "' looks like saved game or program data");
            }
            else if (Vocabulary.DataExtensions.Contains(extension) && extension.Length > 0)
            {
                foreach (var segment in Vocabulary.DirectorySegments(candidate))
                {
                    if (ContainsAny(Vocabulary.Words(segment), Vocabulary.ConfigWords))
                    {
                        item = new Item(3, "'" + shown + "' is kept in the '" + segment + "' folder");
                        break;
                    }
                }
            }

            if (item is not null && (best is null || item.Weight > best.Weight))
            {
                best = item;
            }
        }

        var allQuiet = known > 0 && quiet == known && best is null;
        return (best, allQuiet, allQuiet && modifiers is { Count: > 0 } ? modifiers : null);
    }

    /// <summary>A temp or backup marker before a unique part: <c>packages.config.new.{timestamp}</c>, <c>settings.json.tmp.{guid}</c>.</summary>
    private static bool HasTemporarySuffix(string fileName)
    {
        var parts = fileName.Split('.');
        for (var i = 1; i < parts.Length - 1; i++)
        {
            switch (parts[i].ToLowerInvariant())
            {
                case "tmp":
                case "temp":
                case "new":
                case "old":
                case "bak":
                case "backup":
                case "orig":
                case "part":
                    return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(List<string> words, System.Collections.Immutable.ImmutableHashSet<string> set)
    {
        foreach (var word in words)
        {
            if (set.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static Item? ConfiguredEvidence(PathFacts path, AnalyzerSettings settings)
    {
        foreach (var glob in settings.SensitiveGlobs)
        {
            foreach (var candidate in path.Candidates)
            {
                if (glob.IsMatch(candidate))
                {
                    return new Item(4, "'" + Vocabulary.FileName(candidate) + "' matches the sensitive glob '" + glob.Pattern + "'");
                }
            }
        }

        foreach (var word in settings.SensitiveWords)
        {
            var hit = FindWord(path, word);
            if (hit is not null)
            {
                return new Item(4, "'" + hit + "' contains the sensitive word '" + word + "'");
            }
        }

        return null;
    }

    private static bool IgnoredByConfiguration(PathFacts path, AnalyzerSettings settings)
    {
        foreach (var glob in settings.IgnoredGlobs)
        {
            foreach (var candidate in path.Candidates)
            {
                if (glob.IsMatch(candidate))
                {
                    return true;
                }
            }
        }

        foreach (var word in settings.IgnoredWords)
        {
            if (FindWord(path, word) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The file name or identifier containing a configured word (case-insensitive), or null.</summary>
    private static string? FindWord(PathFacts path, string word)
    {
        foreach (var candidate in path.Candidates)
        {
            var fileName = Vocabulary.FileName(candidate);
            if (fileName.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return fileName;
            }
        }

        foreach (var identifier in path.Identifiers)
        {
            if (identifier.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return identifier;
            }
        }

        return null;
    }

    /// <summary>A file name fully known from literals, or null.</summary>
    private static string? KnownFileName(PathFacts path)
    {
        foreach (var candidate in path.Candidates)
        {
            var fileName = Vocabulary.FileName(candidate);
            if (fileName.Length > 0 && fileName.IndexOf('*') < 0)
            {
                return fileName;
            }
        }

        return null;
    }

    private static string Target(PathFacts path, IOperation operation, SinkCall sink)
    {
        var name = KnownFileName(path);
        if (name is not null)
        {
            return "'" + name + "'";
        }

        if (sink.Path is { } pathOperation)
        {
            var text = pathOperation.Syntax.ToString();
            if (text.Length > 0 && text.Length <= 60 && text.IndexOf('\n') < 0)
            {
                return "'" + text + "'";
            }
        }

        return "the file";
    }

    private static Item? ContentEvidence(SinkCall sink, IOperation operation, bool credential, out bool serialized, out List<ITypeSymbol> types, CancellationToken cancellationToken)
    {
        types = new List<ITypeSymbol>();
        serialized = sink.Kind == SinkKind.XmlSave;
        if (sink.Content is { } content)
        {
            serialized |= CollectContentTypes(content, types, 0);

            // An argument of a call to a wrapper of the program that serializes that parameter into the file it writes
            // (WriteListTo(path, items) => JsonSerializer.Serialize(File.Create(path), items)).
            if (!serialized && sink.Kind == SinkKind.WholeFile && sink.Method is { DeclaringSyntaxReferences.Length: > 0 }
                && content.Parent is IArgumentOperation { Parameter: { } parameter }
                && operation.SemanticModel?.Compilation is { } wrapperCompilation
                && ReadBackIndex.For(wrapperCompilation).SerializesParameter(parameter, cancellationToken))
            {
                serialized = true;
                types.Add(parameter.Type);
                if (OperationHelpers.Unwrap(content).Type is { } argumentType)
                {
                    types.Add(argumentType);
                }
            }
        }

        if (sink.Kind != SinkKind.WholeFile || types.Count == 0)
        {
            // Streams, writers and wrappers: serializer calls in the same method body (the stream is usually passed to them).
            foreach (var invocation in OperationTracing.InvocationsInBody(operation))
            {
                if (IsSerializer(invocation.TargetMethod))
                {
                    serialized = true;
                    AddSerializedTypes(invocation, types);
                }
            }
        }

        Item? best = null;
        foreach (var type in types)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = TypeEvidence(type, credential, 0);
            if (item is not null && (best is null || item.Weight > best.Weight))
            {
                best = item;
            }
        }

        return best;
    }

    private static Item? TypeEvidence(ITypeSymbol type, bool credential, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return TypeEvidence(array.ElementType, credential, depth + 1);
        }

        Item? best = null;
        if (type is INamedTypeSymbol named)
        {
            foreach (var argument in named.TypeArguments)
            {
                var item = TypeEvidence(argument, credential, depth + 1);
                if (item is not null && (best is null || item.Weight > best.Weight))
                {
                    best = item;
                }
            }
        }

        if (!IsOwnType(type))
        {
            return best;
        }

        var weight = 0;
        var typeWords = Vocabulary.Words(type.Name);
        var credentialType = credential || Vocabulary.NamesCredential(typeWords);
        foreach (var word in typeWords)
        {
            if (Vocabulary.Quiets(word, credentialType))
            {
                return best;
            }

            if (Vocabulary.SecretWords.Contains(word))
            {
                weight = 3;
            }
            else if (Vocabulary.ConfigWords.Contains(word))
            {
                weight = System.Math.Max(weight, Vocabulary.MediumConfigWords.Contains(word) ? 2 : 3);
            }
        }

        if (weight > 0 && (best is null || weight > best.Weight))
        {
            best = new Item(weight, "the content is a serialized '" + type.Name + "'", Vocabulary.NamesCredential(typeWords));
        }

        return best;
    }

    /// <summary>True for types that are not from the framework or well-known serializer libraries.</summary>
    private static bool IsOwnType(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.TypeParameter || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return !(ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal)
            || ns.StartsWith("Newtonsoft", System.StringComparison.Ordinal)
            || ns.StartsWith("YamlDotNet", System.StringComparison.Ordinal)
            || ns.StartsWith("MessagePack", System.StringComparison.Ordinal)
            || ns.StartsWith("MemoryPack", System.StringComparison.Ordinal)
            || ns.StartsWith("ProtoBuf", System.StringComparison.Ordinal)
            || ns.StartsWith("Tomlyn", System.StringComparison.Ordinal));
    }

    private static bool IsSerializer(IMethodSymbol method)
    {
        var name = method.Name;
        return name.IndexOf("Serialize", System.StringComparison.Ordinal) >= 0
            || (name == "WriteObject" && method.ContainingType?.Name.EndsWith("Serializer", System.StringComparison.Ordinal) == true)
            || name == "ToJson" || name == "ToJsonString" || name == "ToXml" || name == "ToYaml" || name == "ToToml" || name == "Stringify";
    }

    private static void AddSerializedTypes(IInvocationOperation invocation, List<ITypeSymbol> types)
    {
        foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
        {
            types.Add(typeArgument);
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is IInstanceReferenceOperation instance && instance.Type is not null)
            {
                types.Add(instance.Type);
            }
            else if (value.Type is not null)
            {
                types.Add(value.Type);
            }
        }
    }

    private static bool CollectContentTypes(IOperation content, List<ITypeSymbol> types, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        var value = OperationHelpers.Unwrap(content);
        switch (value)
        {
            case ILocalReferenceOperation local when OperationTracing.LocalInitializer(local) is { } initializer:
                return CollectContentTypes(initializer, types, depth + 1);
            case IInvocationOperation invocation when IsSerializer(invocation.TargetMethod):
                AddSerializedTypes(invocation, types);
                return true;
            case IInvocationOperation invocation when invocation.Instance is not null && (invocation.TargetMethod.Name == "ToString" || invocation.TargetMethod.Name == "GetBytes"):
                var found = CollectContentTypes(invocation.Instance, types, depth + 1);
                foreach (var argument in invocation.Arguments)
                {
                    found |= CollectContentTypes(argument.Value, types, depth + 1);
                }

                return found;
            case IInstanceReferenceOperation instance when instance.Type is not null:
                types.Add(instance.Type);
                break;
            default:
                if (value.Type is { SpecialType: SpecialType.None } type && type.TypeKind != TypeKind.Array)
                {
                    types.Add(type);
                }

                break;
        }

        return false;
    }
}
