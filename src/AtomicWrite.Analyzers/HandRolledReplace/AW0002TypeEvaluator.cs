using System.Linq;
using AtomicWrite.Analyzers.InPlaceWrites;
using AtomicWrite.Analyzers.Rules;

namespace AtomicWrite.Analyzers.HandRolledReplace;

/// <summary>The specific flaws AW0002 names.</summary>
[Flags]
internal enum AW0002Flaw
{
    /// <summary>No flaw.</summary>
    None = 0,

    /// <summary>The temp is not flushed to disk before the replace.</summary>
    NoFlush = 1,

    /// <summary>The temp name is fixed.</summary>
    FixedTempName = 2,

    /// <summary>The temp is in the temp directory, possibly on another volume.</summary>
    TempElsewhere = 4,

    /// <summary>The target is deleted (or moved away) before the move.</summary>
    DeleteThenMove = 8,

    /// <summary>The replace also runs after a failed write.</summary>
    PublishAfterFailure = 16,

    /// <summary>The temp is opened truncating an existing file rather than created new.</summary>
    TruncatingTemp = 32,

    /// <summary>The temp is opened without truncation: stale bytes can remain.</summary>
    StaleTemp = 64,

    /// <summary>The temp is still open when it is moved.</summary>
    TempStillOpen = 128,
}

/// <summary>Combines the facts of a type's members and reports AW0002.</summary>
internal sealed class AW0002TypeEvaluator
{
    private static readonly (AW0002Flaw Flaw, string Text)[] FlawTexts =
    {
        (AW0002Flaw.NoFlush, "the temp file is not flushed to disk before the replace (Flush() and Dispose() stop at the OS cache)"),
        (AW0002Flaw.FixedTempName, "the temp file name is fixed, so concurrent writers share it"),
        (AW0002Flaw.TempElsewhere, "the temp file is in the temp directory, possibly on another volume, where a move is a copy"),
        (AW0002Flaw.DeleteThenMove, "the target is removed before the move, leaving a moment with no file"),
        (AW0002Flaw.PublishAfterFailure, "the replace also runs after a failed write and publishes partial content"),
        (AW0002Flaw.TruncatingTemp, "the temp file is opened with truncation instead of FileMode.CreateNew"),
        (AW0002Flaw.StaleTemp, "the temp file is opened without truncation, so stale bytes of an older temp remain"),
        (AW0002Flaw.TempStillOpen, "the temp file is still open when it is moved"),
    };

    private readonly WellKnownTypes symbols;
    private readonly List<AW0002MethodFacts> methods;
    private readonly Dictionary<ISymbol, List<(IOperation Value, AW0002MethodFacts Method)>> memberValues =
        new Dictionary<ISymbol, List<(IOperation, AW0002MethodFacts)>>(SymbolEqualityComparer.Default);

    private readonly Dictionary<IParameterSymbol, List<ISymbol>> parameterAliases =
        new Dictionary<IParameterSymbol, List<ISymbol>>(SymbolEqualityComparer.Default);

    private readonly bool typeFlushes;

    /// <summary>Members that are test code (<see cref="TestCode.Contains"/>): a test method, or any member of a test type.</summary>
    private readonly HashSet<AW0002MethodFacts> testMembers = new HashSet<AW0002MethodFacts>();

    public AW0002TypeEvaluator(WellKnownTypes symbols, List<AW0002MethodFacts> methods)
    {
        this.symbols = symbols;
        this.methods = methods;
        foreach (var method in methods)
        {
            typeFlushes |= method.FlushesToDisk;
            if (TestCode.Contains(method.Owner))
            {
                testMembers.Add(method);
            }

            foreach (var (member, value) in method.MemberValues)
            {
                if (!memberValues.TryGetValue(member, out var list))
                {
                    list = new List<(IOperation, AW0002MethodFacts)>();
                    memberValues.Add(member, list);
                }

                list.Add((value, method));
            }

            foreach (var (parameter, member) in method.ParameterAliases)
            {
                if (!parameterAliases.TryGetValue(parameter, out var list))
                {
                    list = new List<ISymbol>();
                    parameterAliases.Add(parameter, list);
                }

                list.Add(member);
            }
        }
    }

    public static string Describe(AW0002Flaw flaws)
    {
        var parts = new List<string>();
        foreach (var (flaw, text) in FlawTexts)
        {
            if ((flaws & flaw) != 0)
            {
                parts.Add(text);
            }
        }

        return string.Join("; ", parts);
    }

    public IEnumerable<Diagnostic> Evaluate(CancellationToken cancellationToken)
    {
        // Location -> (target text, flaws); one diagnostic per location.
        var reports = new Dictionary<Location, Report>();
        var order = new List<Location>();

        foreach (var method in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A replace in a test method ([Fact], [Test], [TestMethod], ...) is not reported; test types, namespaces
            // and assemblies are left out before the walk.
            if (testMembers.Contains(method))
            {
                continue;
            }

            var reportedSources = new HashSet<AW0002PathKey>();
            foreach (var replace in method.Replaces.OrderBy(r => r.Operation.Syntax.SpanStart))
            {
                EvaluateReplace(method, replace, reportedSources, reports, order);
            }
        }

        foreach (var location in order)
        {
            var report = reports[location];
            var properties = ImmutableDictionary<string, string?>.Empty.Add(HandRolledReplaceAnalyzer.FlawsProperty, report.Flaws.ToString());
            yield return Diagnostic.Create(Descriptors.HandRolledReplaceNotCrashSafe, location, report.Additional, properties, report.Target, Describe(report.Flaws));
        }
    }

    private void EvaluateReplace(
        AW0002MethodFacts method,
        AW0002Replace replace,
        HashSet<AW0002PathKey> reportedSources,
        Dictionary<Location, Report> reports,
        List<Location> order)
    {
        var position = replace.Operation.Syntax.SpanStart;
        var siblings = method.Replaces.Where(r => r.Source.Equals(replace.Source)).ToList();

        // A move of the very file another replace in this body targets is a backup step, not the publish.
        if (method.Replaces.Any(r => r != replace && r.Destination.Equals(replace.Source)))
        {
            return;
        }

        // A move onto an intermediate name that this body then moves on (temp to ".pending", then ".pending" over the
        // target): the temp is published by the later step, so the flaws of its write are reported here with the later
        // step's target, and removing the intermediate first leaves no moment without the target.
        var onward = method.Replaces
            .Where(r => r != replace && !r.IsCopy && r.Source.Equals(replace.Destination) && r.Operation.Syntax.SpanStart > position)
            .ToList();

        var removedBefore = onward.Count == 0 && method.Removals.Any(r => r.Operation != replace.Operation
            && r.Key.Equals(replace.Destination)
            && r.Operation.Syntax.SpanStart < position);

        var sameWriters = method.Writers
            .Where(w => w.Key.Equals(replace.Source) && w.Operation.Syntax.SpanStart < position)
            .ToList();

        // A temp member moved (not copied) here that is named or built like a temp: its writes in other methods of the
        // type belong to this replace even when no call links them (an Open() and a Commit() of an atomic-write type).
        var tempMember = !replace.IsCopy && replace.Source.IsMember && IsTempPath(replace.SourceExpression, replace.Source, method);
        var otherWriters = new List<AW0002Writer>();
        foreach (var other in methods)
        {
            // A test method's write is not followed into the helper it calls (it would be reported in the test).
            if (other == method || testMembers.Contains(other))
            {
                continue;
            }

            foreach (var writer in other.Writers)
            {
                // A write elsewhere in the type belongs to this replace when that method calls this one, when a third
                // method calls the writing method and then this one, when the temp is opened in a constructor, when
                // this is the Dispose/Close of a stream class, or when the member is a temp by its name; a log
                // file appended to in one method and copied in another is not a temp.
                var linked = method.IsDisposeLike
                    || other.IsConstructor
                    || tempMember
                    || other.OwnCalls.Any(c => SymbolEqualityComparer.Default.Equals(c.Target, method.Owner.OriginalDefinition))
                    || SiblingPublishPoint(other, method) is not null;
                if (linked && (Matches(writer, replace.Source) || (writer.IsBaseStream && method.IsDisposeLike)))
                {
                    otherWriters.Add(writer);
                }
            }
        }

        if (method.IsDisposeLike)
        {
            // A stream class that is itself the temp: its base constructor opened it.
            otherWriters.AddRange(method.Writers.Where(w => w.IsBaseStream && !sameWriters.Contains(w)));
        }

        var name = ClassifyName(replace.SourceExpression, method, 0);
        var sourceName = replace.Source.Symbol?.Name ?? string.Empty;
        var tempEvidence = sameWriters.Any(w => !replace.IsCopy || !w.ReturnedByHelper)
            || otherWriters.Count > 0
            || (removedBefore && !replace.IsCopy && NameSuggestsSaving(method.Owner.Name))
            || name.TempMarker
            || name.Kind == NameKind.TempElsewhere
            || AW0002Operations.HasTempMarker(sourceName);
        bool OverwritesTarget(AW0002Replace r) => r.Overwrites
            || method.Removals.Any(x => x.Key.Equals(r.Destination) && x.Operation != r.Operation && x.Operation.Syntax.SpanStart < r.Operation.Syntax.SpanStart);
        var isReplace = siblings.Any(r => r.Overwrites) || removedBefore
            || (onward.Count == 0 && siblings.Any(OverwritesTarget))
            || onward.Any(OverwritesTarget);
        if (!tempEvidence || !isReplace)
        {
            return;
        }

        // A copy publishes a temp only when its source was written in this body or is a temp path, and its
        // destination is not itself a temp or scratch path: a build artifact written elsewhere and copied into a
        // staging folder, or one scratch file copied to another, is not a replace.
        if (replace.IsCopy
            && ((sameWriters.All(w => w.ReturnedByHelper) && !IsTempPath(replace.SourceExpression, replace.Source, method))
                || IsTempPath(replace.DestinationExpression, replace.Destination, method)))
        {
            return;
        }

        // Path.GetTempFileName creates an empty file that is then opened: the open mode is not the issue there.
        var mask = name.Kind == NameKind.TempElsewhere ? ~(AW0002Flaw.TruncatingTemp | AW0002Flaw.StaleTemp) : ~AW0002Flaw.None;
        var inLock = method.IsSynchronized || IsInside<ILockOperation>(replace.Operation);
        var flaws = AW0002Flaw.None;
        if (removedBefore)
        {
            flaws |= AW0002Flaw.DeleteThenMove;
        }

        if (name.Kind == NameKind.TempElsewhere)
        {
            flaws |= AW0002Flaw.TempElsewhere;
        }
        else if (name.Kind == NameKind.Fixed && !inLock)
        {
            flaws |= AW0002Flaw.FixedTempName;
        }

        if (method.IsDisposeLike && !IsGuardedByCommitFlag(replace.Operation, method))
        {
            flaws |= AW0002Flaw.PublishAfterFailure;
        }

        // Writers in the same body: report at the replace.
        // Writers only in other bodies that call this one: report at each writer, with the call as the publish point.
        var publishHere = sameWriters.Count > 0 || method.IsDisposeLike || otherWriters.Count == 0;
        if (publishHere)
        {
            var writers = sameWriters.Concat(otherWriters).ToList();
            flaws |= WriterFlaws(writers, replace.Operation, method, inLock, typeLevelFlush: method.IsDisposeLike || sameWriters.Count == 0, commitFlushes: replace.Flushes);
            if (sameWriters.Count > 0)
            {
                flaws |= FailureFlaws(sameWriters, replace.Operation, method);
            }
            else if (IsInsideFinally(replace.Operation, method))
            {
                flaws |= AW0002Flaw.PublishAfterFailure;
            }

            flaws &= mask;
            if (flaws == AW0002Flaw.None)
            {
                return;
            }

            var target = (onward.FirstOrDefault() ?? replace).DestinationExpression.Syntax.ToString();
            var replaceLocation = replace.Operation.Syntax.GetLocation();
            if (method.IsDisposeLike)
            {
                // A home-made atomic stream: the rename in Dispose/Close carries the flaws of the publish; how the
                // temp was opened (in a constructor, say) is reported where it was opened.
                foreach (var writer in otherWriters)
                {
                    var writerInLock = inLock || writer.Method.IsSynchronized || IsInside<ILockOperation>(writer.Operation);
                    var atOpen = OpenFlaws(writer, writerInLock) & mask;
                    if (atOpen != AW0002Flaw.None)
                    {
                        Add(reports, order, writer.Operation.Syntax.GetLocation(), target, atOpen, replaceLocation);
                        flaws &= ~atOpen;
                    }
                }

                if (flaws != AW0002Flaw.None)
                {
                    Add(reports, order, replaceLocation, target, flaws, null);
                }

                return;
            }

            // The sequence is reported where it starts: the first write of the temp in this body, else the first
            // removal of the target, else the replace itself.
            var firstWriter = sameWriters.OrderBy(w => w.Operation.Syntax.SpanStart).FirstOrDefault();
            var firstRemoval = method.Removals
                .Where(r => onward.Count == 0 && r.Operation != replace.Operation && r.Key.Equals(replace.Destination) && r.Operation.Syntax.SpanStart < position)
                .OrderBy(r => r.Operation.Syntax.SpanStart)
                .Select(r => r.Operation)
                .FirstOrDefault();
            var start = firstWriter?.Operation ?? firstRemoval;
            if (start is not null)
            {
                Add(reports, order, start.Syntax.GetLocation(), target, flaws, replaceLocation);
            }
            else if (reportedSources.Add(replace.Source))
            {
                Add(reports, order, replaceLocation, target, flaws, null);
            }
            else
            {
                // Merge into the first replace of the same temp in this body.
                var first = method.Replaces.Where(r => r.Source.Equals(replace.Source)).OrderBy(r => r.Operation.Syntax.SpanStart).First();
                Add(reports, order, first.Operation.Syntax.GetLocation(), first.DestinationExpression.Syntax.ToString(), flaws, null);
            }

            return;
        }

        var reportedAny = false;
        foreach (var writer in otherWriters)
        {
            // The publish point: the call of this method after the write, in the writing method or in a method that
            // calls both in turn; for a temp member linked by its name alone, the replace itself.
            var publishPoint = writer.Method.OwnCalls
                .Where(c => SymbolEqualityComparer.Default.Equals(c.Target, method.Owner.OriginalDefinition) && c.Operation.Syntax.SpanStart > writer.Operation.Syntax.SpanStart)
                .Select(c => c.Operation)
                .FirstOrDefault()
                ?? SiblingPublishPoint(writer.Method, method)
                ?? (tempMember && !writer.Method.IsConstructor ? replace.Operation : null);
            if (publishPoint is null)
            {
                continue;
            }

            var writerInLock = inLock || writer.Method.IsSynchronized || IsInside<ILockOperation>(writer.Operation);
            var writerFlaws = flaws;
            if (name.Kind == NameKind.Fixed && writerInLock)
            {
                writerFlaws &= ~AW0002Flaw.FixedTempName;
            }

            var flushed = writer.WriteThrough || writer.Method.FlushesToDisk || method.FlushesToDisk || replace.Flushes;
            writerFlaws |= OpenFlaws(writer, writerInLock);
            if (!flushed && writer.Open != AW0002OpenKind.Unknown)
            {
                writerFlaws |= AW0002Flaw.NoFlush;
            }

            if (IsStillOpenAt(writer.Operation, publishPoint))
            {
                writerFlaws |= AW0002Flaw.TempStillOpen;
            }

            writerFlaws |= FailureFlaws(new List<AW0002Writer> { writer }, publishPoint, writer.Method);
            writerFlaws &= mask;
            if (writerFlaws != AW0002Flaw.None)
            {
                reportedAny = true;
                Add(reports, order, writer.Operation.Syntax.GetLocation(), replace.DestinationExpression.Syntax.ToString(), writerFlaws, replace.Operation.Syntax.GetLocation());
            }
        }

        if (!reportedAny && flaws != AW0002Flaw.None && reportedSources.Add(replace.Source))
        {
            Add(reports, order, replace.Operation.Syntax.GetLocation(), replace.DestinationExpression.Syntax.ToString(), flaws, null);
        }
    }

    /// <summary>
    /// In a third method of the type that calls <paramref name="writing"/> and then <paramref name="replacing"/>
    /// (<c>WriteTemp(); Commit();</c>): the call of <paramref name="replacing"/>, the point where the temp is published.
    /// </summary>
    private IOperation? SiblingPublishPoint(AW0002MethodFacts writing, AW0002MethodFacts replacing)
    {
        foreach (var caller in methods)
        {
            if (caller == writing || caller == replacing || testMembers.Contains(caller))
            {
                continue;
            }

            var write = caller.OwnCalls.FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.Target, writing.Owner.OriginalDefinition)).Operation;
            if (write is null)
            {
                continue;
            }

            var publish = caller.OwnCalls.FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.Target, replacing.Owner.OriginalDefinition)
                                                              && c.Operation.Syntax.SpanStart > write.Syntax.SpanStart).Operation;
            if (publish is not null)
            {
                return publish;
            }
        }

        return null;
    }

    private static readonly string[] SavingWords =
    {
        "replace", "save", "write", "store", "persist", "commit", "flush", "publish", "atomic", "safe", "swap", "serialize", "dispose", "close",
    };

    /// <summary>
    /// Delete-then-move with no visible temp is a hand-rolled replace when the method is about saving (NuGet's
    /// <c>Replace</c>, a <c>SaveSettings</c>); in a <c>MoveFile(source, folder, overwrite)</c> utility it is a file move.
    /// </summary>
    private static bool NameSuggestsSaving(string name)
    {
        foreach (var word in SavingWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Dictionary<Location, Report> reports, List<Location> order, Location location, string target, AW0002Flaw flaws, Location? additional)
    {
        if (!reports.TryGetValue(location, out var report))
        {
            report = new Report(target);
            reports.Add(location, report);
            order.Add(location);
        }

        report.Flaws |= flaws;
        if (additional is not null && !report.Additional.Contains(additional))
        {
            report.Additional.Add(additional);
        }
    }

    private sealed class Report
    {
        public Report(string target)
        {
            Target = target;
        }

        public string Target { get; }

        public AW0002Flaw Flaws { get; set; }

        public List<Location> Additional { get; } = new List<Location>();
    }

    private bool Matches(AW0002Writer writer, AW0002PathKey source)
    {
        if (!source.IsMember)
        {
            return false;
        }

        if (writer.Key.Equals(source))
        {
            return true;
        }

        return writer.Key.Symbol is IParameterSymbol parameter
            && parameterAliases.TryGetValue(parameter, out var members)
            && members.Any(m => SymbolEqualityComparer.Default.Equals(m, source.Symbol));
    }

    private AW0002Flaw WriterFlaws(List<AW0002Writer> writers, IOperation publishPoint, AW0002MethodFacts method, bool inLock, bool typeLevelFlush, bool commitFlushes)
    {
        var flaws = AW0002Flaw.None;
        if (writers.Count == 0)
        {
            return flaws;
        }

        var flushed = method.FlushesToDisk || (typeLevelFlush && typeFlushes) || commitFlushes;
        var known = false;
        foreach (var writer in writers)
        {
            flushed |= writer.WriteThrough || writer.Method.FlushesToDisk;
            known |= writer.Open != AW0002OpenKind.Unknown;
            var writerInLock = inLock || writer.Method.IsSynchronized || IsInside<ILockOperation>(writer.Operation);
            flaws |= OpenFlaws(writer, writerInLock);
            if (writer.Method == method && IsStillOpenAt(writer.Operation, publishPoint))
            {
                flaws |= AW0002Flaw.TempStillOpen;
            }
        }

        if (!flushed && known)
        {
            flaws |= AW0002Flaw.NoFlush;
        }

        return flaws;
    }

    private static AW0002Flaw OpenFlaws(AW0002Writer writer, bool inLock)
    {
        switch (writer.Open)
        {
            case AW0002OpenKind.Stale when !writer.Method.CutsToLength:
                return AW0002Flaw.StaleTemp;
            case AW0002OpenKind.Truncating when !inLock:
                return AW0002Flaw.TruncatingTemp;
            default:
                return AW0002Flaw.None;
        }
    }

    /// <summary>Publishing after a failed write: the publish point in a finally or catch, or after a try that swallows the write's exception.</summary>
    private static AW0002Flaw FailureFlaws(List<AW0002Writer> writers, IOperation publishPoint, AW0002MethodFacts method)
    {
        if (IsInsideFinally(publishPoint, method))
        {
            return AW0002Flaw.PublishAfterFailure;
        }

        foreach (var writer in writers)
        {
            for (var current = writer.Operation.Parent; current is not null; current = current.Parent)
            {
                if (current is not ITryOperation tryOperation || !AW0002Operations.Contains(tryOperation.Body, writer.Operation))
                {
                    continue;
                }

                if (AW0002Operations.Contains(tryOperation.Body, publishPoint))
                {
                    // The publish is skipped when the write throws.
                    break;
                }

                var inCatch = tryOperation.Catches.Any(c => AW0002Operations.Contains(c, publishPoint));
                if (inCatch)
                {
                    return AW0002Flaw.PublishAfterFailure;
                }

                var after = publishPoint.Syntax.SpanStart >= tryOperation.Syntax.Span.End;
                if (after && tryOperation.Catches.Any(Swallows))
                {
                    return AW0002Flaw.PublishAfterFailure;
                }
            }
        }

        return AW0002Flaw.None;
    }

    private static bool Swallows(ICatchClauseOperation clause)
    {
        foreach (var operation in clause.Handler.DescendantsAndSelf())
        {
            if (operation is IThrowOperation || operation is IReturnOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInsideFinally(IOperation operation, AW0002MethodFacts method)
    {
        IOperation child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is ITryOperation tryOperation && tryOperation.Finally == child)
            {
                return !IsGuardedBySuccessFlag(operation, child, method);
            }
        }

        return false;
    }

    /// <summary><c>if (ok) File.Move(...)</c> inside a finally, where <c>ok</c> is set to true somewhere in the body.</summary>
    private static bool IsGuardedBySuccessFlag(IOperation operation, IOperation stopAt, AW0002MethodFacts method)
    {
        for (var current = operation.Parent; current is not null && current != stopAt.Parent; current = current.Parent)
        {
            if (current is IConditionalOperation conditional && ReferencesAny(conditional.Condition, method.SetTrue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>In Dispose: guarded by a flag that a method other than Dispose or a constructor sets (a commit flag).</summary>
    private bool IsGuardedByCommitFlag(IOperation operation, AW0002MethodFacts disposeMethod)
    {
        var flags = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var method in methods)
        {
            if (method != disposeMethod && !method.IsDisposeLike && !method.IsConstructor)
            {
                flags.UnionWith(method.SetTrue.Where(s => s is IFieldSymbol || s is IPropertySymbol));
            }
        }

        if (flags.Count == 0)
        {
            return false;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalOperation conditional && ReferencesAny(conditional.Condition, flags))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReferencesAny(IOperation condition, HashSet<ISymbol> symbols)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            var symbol = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IFieldReferenceOperation field => field.Field.OriginalDefinition,
                IPropertyReferenceOperation property => property.Property.OriginalDefinition,
                _ => null,
            };
            if (symbol is not null && symbols.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside<T>(IOperation operation)
        where T : IOperation
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the stream opened by <paramref name="writer"/> is still undisposed (using scope) at <paramref name="publishPoint"/>.</summary>
    private static bool IsStillOpenAt(IOperation writer, IOperation publishPoint)
    {
        IOperation child = writer;
        for (var current = writer.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IUsingOperation usingOperation:
                    return usingOperation.Resources == child && AW0002Operations.Contains(usingOperation.Body, publishPoint);
                case IUsingDeclarationOperation usingDeclaration:
                    var block = usingDeclaration.Parent;
                    return block is not null
                        && AW0002Operations.Contains(block, publishPoint)
                        && publishPoint.Syntax.SpanStart >= usingDeclaration.Syntax.Span.End;
                case IBlockOperation:
                case IExpressionStatementOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>How a path's name is made, in increasing order: <see cref="NameInfo.Combine"/> keeps the greater.</summary>
    private enum NameKind
    {
        Plain,
        Fixed,
        Opaque,
        Unique,
        TempElsewhere,
    }

    /// <param name="Kind">How the name is made.</param>
    /// <param name="TempMarker">Whether the name carries a temp marker (tmp, temp, ~, .new, ...).</param>
    /// <param name="Scratch">
    /// Built from <c>Path.GetRandomFileName()</c>, or from a project's temp helper (a method, type or member
    /// of another object named with the word temp, tmp, temporary or scratch): a scratch path. Only the copy
    /// rule reads it.
    /// </param>
    private readonly record struct NameInfo(NameKind Kind, bool TempMarker, bool Scratch = false)
    {
        public static NameInfo Combine(NameInfo a, NameInfo b)
            => new NameInfo((NameKind)Math.Max((int)a.Kind, (int)b.Kind), a.TempMarker || b.TempMarker, a.Scratch || b.Scratch);
    }

    /// <summary>An identifier with the word temp, tmp, temporary or scratch (GetTempFilePath, TempFiles; not Template).</summary>
    private static bool NamesScratch(string name)
    {
        foreach (var word in Vocabulary.Words(name))
        {
            if (word is "temp" or "tmp" or "temporary" or "scratch")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A temp or scratch path: built like a temp (a temp marker in a constant part, the temp directory,
    /// <c>Path.GetRandomFileName()</c>, a project's temp helper) or held in a variable or member named like one.
    /// </summary>
    private bool IsTempPath(IOperation expression, AW0002PathKey key, AW0002MethodFacts method)
    {
        var name = ClassifyName(expression, method, 0);
        return name.TempMarker
            || name.Kind == NameKind.TempElsewhere
            || name.Scratch
            || AW0002Operations.HasTempMarker(key.Symbol?.Name)
            || (key.Symbol is { } symbol && NamesScratch(symbol.Name));
    }

    private NameInfo ClassifyName(IOperation operation, AW0002MethodFacts method, int depth)
    {
        if (depth > 6)
        {
            return new NameInfo(NameKind.Opaque, false);
        }

        operation = OperationHelpers.Unwrap(operation);
        if (operation.ConstantValue.HasValue)
        {
            var text = operation.ConstantValue.Value as string;
            return new NameInfo(NameKind.Fixed, AW0002Operations.HasTempMarker(text));
        }

        switch (operation)
        {
            case IParameterReferenceOperation:
                return new NameInfo(NameKind.Plain, false);
            case ILocalReferenceOperation localReference:
                if (method.LocalValues.TryGetValue(localReference.Local, out var localValues))
                {
                    return CombineAll(localValues.Select(v => (v, method)), depth);
                }

                return new NameInfo(NameKind.Plain, false);
            case IMemberReferenceOperation memberReference when memberReference is IFieldReferenceOperation || memberReference is IPropertyReferenceOperation:
                if (symbols.IsRandomnessSource(memberReference.Member))
                {
                    return new NameInfo(NameKind.Unique, false);
                }

                if (!AW0002Operations.IsThisOrStatic(memberReference))
                {
                    return ClassifyReceiverMember(memberReference, method, depth);
                }

                if (memberValues.TryGetValue(memberReference.Member.OriginalDefinition, out var values))
                {
                    return CombineAll(values, depth);
                }

                return new NameInfo(NameKind.Plain, false);
            case IBinaryOperation binary:
                return NameInfo.Combine(ClassifyName(binary.LeftOperand, method, depth + 1), ClassifyName(binary.RightOperand, method, depth + 1));
            case IInterpolatedStringOperation interpolated:
                var result = new NameInfo(NameKind.Plain, false);
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation textPart)
                    {
                        result = NameInfo.Combine(result, ClassifyName(textPart.Text, method, depth + 1));
                    }
                    else if (part is IInterpolationOperation interpolation)
                    {
                        result = NameInfo.Combine(result, ClassifyName(interpolation.Expression, method, depth + 1));
                    }
                }

                return result;
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return NameInfo.Combine(ClassifyName(conditional.WhenTrue, method, depth + 1), ClassifyName(conditional.WhenFalse, method, depth + 1));
            case ICoalesceOperation coalesce:
                return NameInfo.Combine(ClassifyName(coalesce.Value, method, depth + 1), ClassifyName(coalesce.WhenNull, method, depth + 1));
            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, method, depth);
            case IAwaitOperation:
                return new NameInfo(NameKind.Opaque, false);
            case IObjectCreationOperation fileInfo when WellKnownTypes.Is(fileInfo.Type, symbols.FileInfo) && AW0002Operations.ArgumentFor(fileInfo.Arguments, 0) is { } fileInfoPath:
                // new FileInfo(Path.GetTempFileName()): the FileInfo's path.
                return ClassifyName(fileInfoPath, method, depth + 1);
            case IObjectCreationOperation creation when InPlaceWrites.PathCarriers.IsPathType(creation.Type as INamedTypeSymbol, symbols):
                // new AbsolutePath(path + ".tmp"): a project's own path type made from a string.
                var made = new NameInfo(NameKind.Plain, false);
                foreach (var argument in creation.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        made = NameInfo.Combine(made, ClassifyName(argument.Value, method, depth + 1));
                    }
                }

                return made;
        }

        return new NameInfo(NameKind.Opaque, false);
    }

    private NameInfo ClassifyReceiverMember(IMemberReferenceOperation memberReference, AW0002MethodFacts method, int depth)
    {
        // tmp.FullName of a FileInfo: the name of the path it was made from.
        if (memberReference.Member.Name == "FullName" && memberReference.Instance is { } fileInfo
            && WellKnownTypes.DerivesFrom(fileInfo.Type as INamedTypeSymbol, symbols.FileInfo))
        {
            return ClassifyName(fileInfo, method, depth + 1);
        }

        // Guid.NewGuid().Something, Process.GetCurrentProcess().Id, and similar.
        if (memberReference.Instance is { } instance)
        {
            var receiver = ClassifyName(instance, method, depth + 1);
            if (receiver.Kind >= NameKind.Unique)
            {
                return receiver;
            }
        }

        return new NameInfo(NameKind.Opaque, false, NamesScratch(memberReference.Member.Name));
    }

    private NameInfo CombineAll(IEnumerable<(IOperation Value, AW0002MethodFacts Method)> values, int depth)
    {
        var result = new NameInfo(NameKind.Plain, false);
        var any = false;
        foreach (var (value, owner) in values)
        {
            any = true;
            result = NameInfo.Combine(result, ClassifyName(value, owner, depth + 1));
        }

        return any ? result : new NameInfo(NameKind.Plain, false);
    }

    private NameInfo ClassifyInvocation(IInvocationOperation invocation, AW0002MethodFacts method, int depth)
    {
        var target = invocation.TargetMethod;
        var containing = target.ContainingType;
        if (WellKnownTypes.Is(containing, symbols.Path) && (target.Name == "GetTempFileName" || target.Name == "GetTempPath"))
        {
            return new NameInfo(NameKind.TempElsewhere, true);
        }

        if (symbols.IsRandomnessSource(target))
        {
            return new NameInfo(NameKind.Unique, false, WellKnownTypes.Is(containing, symbols.Path) && target.Name == "GetRandomFileName");
        }

        var transparent = WellKnownTypes.Is(containing, symbols.Path)
            || InPlaceWrites.PathCarriers.IsPathType(containing, symbols)
            || containing?.SpecialType == SpecialType.System_String
            || target.Name == "ToString"
            || target.Name == "ToLowerInvariant"
            || target.Name == "ToUpperInvariant";
        if (!transparent)
        {
            return new NameInfo(NameKind.Opaque, false, NamesScratch(target.Name) || (containing is not null && NamesScratch(containing.Name)));
        }

        var result = new NameInfo(NameKind.Plain, false);
        if (invocation.Instance is { } instance)
        {
            result = NameInfo.Combine(result, ClassifyName(instance, method, depth + 1));
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Value is IArrayCreationOperation { Initializer: { } arrayInitializer })
            {
                foreach (var element in arrayInitializer.ElementValues)
                {
                    result = NameInfo.Combine(result, ClassifyName(element, method, depth + 1));
                }

                continue;
            }

            if (argument.Value.Type?.SpecialType == SpecialType.System_String || argument.Value.Type?.SpecialType == SpecialType.System_Object)
            {
                result = NameInfo.Combine(result, ClassifyName(argument.Value, method, depth + 1));
            }
        }

        return result;
    }
}
