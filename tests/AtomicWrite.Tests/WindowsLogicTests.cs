using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AtomicWrite.Internal;
using Xunit;

namespace AtomicWrite.Tests;

/// <summary>
/// The Windows publish decisions (ReplaceFileW / MoveFileEx, half-done states, bounded retry), driven through the
/// seam with scripted Win32 results, since Windows itself is not available here.
/// </summary>
public sealed class WindowsLogicTests
{
    private sealed class ScriptedOps : IWindowsFileOps
    {
        public bool TargetExists = true;
        public bool ReadOnly;
        public Queue<int> ReplaceResults = new();
        public Queue<int> MoveResults = new();
        public List<string> Calls = new();
        public List<TimeSpan> Sleeps = new();

        public bool Exists(string path)
        {
            Calls.Add("exists " + path);
            return TargetExists;
        }

        public bool IsReadOnly(string path)
        {
            Calls.Add("readonly " + path);
            return ReadOnly;
        }

        public int ReplaceFile(string replaced, string replacement, string backup, uint flags)
        {
            Calls.Add($"replace {replaced} {replacement} {backup} {flags}");
            return ReplaceResults.Count > 0 ? ReplaceResults.Dequeue() : 0;
        }

        public int MoveFileEx(string from, string to, uint flags)
        {
            Calls.Add($"move {from} {to} {flags}");
            Assert.Equal(0u, flags & Kernel32.MOVEFILE_COPY_ALLOWED);
            return MoveResults.Count > 0 ? MoveResults.Dequeue() : 0;
        }

        public int DeleteFile(string path)
        {
            Calls.Add("delete " + path);
            return 0;
        }

        public void Sleep(TimeSpan delay) => Sleeps.Add(delay);
    }

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static void Publish(ScriptedOps ops, TimeSpan? budget = null) =>
        WindowsReplaceLogic.Publish(ops, "T", "tmp", "bak", budget ?? Budget, new Random(3));

    [Fact]
    public void Existing_target_uses_ReplaceFileW_with_a_backup_name_and_removes_the_backup()
    {
        var ops = new ScriptedOps();
        Publish(ops);
        Assert.Equal(new[] { "exists T", $"replace T tmp bak {WindowsReplaceLogic.ReplaceFlags}", "delete bak" }, ops.Calls);
    }

    [Fact]
    public void Missing_target_uses_MoveFileEx_replace_existing_and_write_through_never_copy()
    {
        var ops = new ScriptedOps { TargetExists = false };
        Publish(ops);
        Assert.Equal(new[] { "exists T", "move tmp T 9" }, ops.Calls);
        Assert.Equal(Kernel32.MOVEFILE_REPLACE_EXISTING | Kernel32.MOVEFILE_WRITE_THROUGH, WindowsReplaceLogic.MoveFlags);
    }

    [Fact]
    public void Sharing_violations_are_retried_with_growing_jittered_delays_until_success()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults = new Queue<int>(new[] { 32, 32, 33, 5, 0 });
        Publish(ops);
        Assert.Equal(4, ops.Sleeps.Count);
        Assert.Equal(5, ops.Calls.Count(c => c.StartsWith("replace")));
        Assert.True(ops.Sleeps[3] > ops.Sleeps[0], "back-off grows");
        Assert.All(ops.Sleeps, d => Assert.InRange(d.TotalMilliseconds, 1, 400));
    }

    [Fact]
    public void The_retry_budget_bounds_the_total_wait_and_then_a_typed_exception_says_the_original_is_unchanged()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults = new Queue<int>(Enumerable.Repeat(32, 10_000));
        var e = Assert.Throws<AtomicWriteException>(() => Publish(ops, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(AtomicWriteFailure.SharingViolation, e.Reason);
        Assert.Equal(32, e.OsError);
        Assert.True(e.OriginalUnchanged);
        double waited = ops.Sleeps.Sum(s => s.TotalMilliseconds);
        Assert.InRange(waited, 499, 500.001);

        var none = new ScriptedOps();
        none.ReplaceResults = new Queue<int>(new[] { 32 });
        Assert.Throws<AtomicWriteException>(() => Publish(none, TimeSpan.Zero));
        Assert.Empty(none.Sleeps);
    }

    [Fact]
    public void Jitter_differs_between_writers()
    {
        var a = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { 32, 32, 32, 0 }) };
        var b = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { 32, 32, 32, 0 }) };
        WindowsReplaceLogic.Publish(a, "T", "tmp", "bak", Budget, new Random(1));
        WindowsReplaceLogic.Publish(b, "T", "tmp", "bak", Budget, new Random(2));
        Assert.NotEqual(a.Sleeps, b.Sleeps);
    }

    [Fact]
    public void Error_1177_puts_the_original_back_from_the_backup_name()
    {
        var ops = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 }) };
        var e = Assert.Throws<AtomicWriteException>(() => Publish(ops));
        Assert.Contains("move bak T 8", ops.Calls);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal(AtomicWriteFailure.RenameFailed, e.Reason);
        Assert.Equal(1177, e.OsError);
    }

    [Fact]
    public void Error_1177_with_a_failed_restore_says_where_the_original_is()
    {
        var ops = new ScriptedOps
        {
            ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 }),
            MoveResults = new Queue<int>(new[] { 5 }),
        };
        var e = Assert.Throws<AtomicWriteException>(() => Publish(ops));
        Assert.False(e.OriginalUnchanged);
        Assert.Equal(AtomicWriteFailure.ReplaceIncomplete, e.Reason);
        Assert.Contains("'bak'", e.Message);
        Assert.Contains("'tmp'", e.Message);
    }

    [Theory]
    [InlineData(Kernel32.ERROR_UNABLE_TO_REMOVE_REPLACED)]
    [InlineData(Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT)]
    public void Errors_1175_and_1176_leave_both_files_in_place_and_are_retried(int error)
    {
        var ops = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { error, 0 }) };
        Publish(ops);
        Assert.Single(ops.Sleeps);
        Assert.Equal(2, ops.Calls.Count(c => c.StartsWith("replace")));
        Assert.DoesNotContain(ops.Calls, c => c.StartsWith("move"));
    }

    [Fact]
    public void A_target_that_vanishes_between_check_and_replace_is_published_by_move()
    {
        var ops = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_FILE_NOT_FOUND }) };
        Publish(ops);
        Assert.Equal("move tmp T 9", ops.Calls.Last());
    }

    [Fact]
    public void A_file_system_without_ReplaceFileW_falls_back_to_MoveFileEx()
    {
        var ops = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_NOT_SUPPORTED }) };
        Publish(ops);
        Assert.Equal("move tmp T 9", ops.Calls.Last());
    }

    [Fact]
    public void Cross_volume_and_other_errors_are_not_retried()
    {
        var ops = new ScriptedOps { TargetExists = false, MoveResults = new Queue<int>(new[] { Kernel32.ERROR_NOT_SAME_DEVICE }) };
        var e = Assert.Throws<AtomicWriteException>(() => Publish(ops));
        Assert.Equal(AtomicWriteFailure.CrossDevice, e.Reason);
        Assert.Empty(ops.Sleeps);
        Assert.Single(ops.Calls, c => c.StartsWith("move"));

        var other = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { 1392 /* ERROR_FILE_CORRUPT */ }) };
        var e2 = Assert.Throws<AtomicWriteException>(() => Publish(other));
        Assert.Equal(AtomicWriteFailure.RenameFailed, e2.Reason);
        Assert.True(e2.OriginalUnchanged);
        Assert.Empty(other.Sleeps);
    }

    [Fact]
    public void A_read_only_target_throws_UnauthorizedAccessException_at_once_like_File()
    {
        var ops = new ScriptedOps { ReadOnly = true, ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_ACCESS_DENIED, Kernel32.ERROR_ACCESS_DENIED }) };
        var e = Assert.Throws<UnauthorizedAccessException>(() => Publish(ops));
        Assert.Contains("'T'", e.Message);
        Assert.Empty(ops.Sleeps);

        // Access denied on a file that is not read-only (a scanner holding it, a pending delete) is still retried.
        var busy = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_ACCESS_DENIED, 0 }) };
        Publish(busy);
        Assert.Single(busy.Sleeps);
    }

    [Fact]
    public void A_half_done_replace_keeps_the_temp_with_the_new_content_and_names_it()
    {
        using var dir = new TempDir();
        string target = dir.File("settings.json");
        System.IO.File.WriteAllText(target, "old");
        var ops = new ScriptedOps
        {
            ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 }),
            MoveResults = new Queue<int>(new[] { Kernel32.ERROR_ACCESS_DENIED }), // the original cannot be moved back
        };

        // The whole operation (temp file, write, publish, dispose) with the Win32 calls scripted; no flush, which
        // needs kernel32.
        var op = WindowsReplaceOperation.Begin(target, new AtomicWriteOptions { Durability = AtomicDurability.None }, ops);
        string temp = op.TempPath;
        AtomicWriteException e;
        try
        {
            op.Write("new"u8);
            e = Assert.Throws<AtomicWriteException>((Action)(() => op.Commit()));
        }
        finally
        {
            op.Dispose();
        }

        Assert.Equal(AtomicWriteFailure.ReplaceIncomplete, e.Reason);
        Assert.False(e.OriginalUnchanged);
        Assert.Contains(temp, e.Message);
        Assert.DoesNotContain("delete " + temp, ops.Calls);
        Assert.Equal("new", System.IO.File.ReadAllText(temp));
    }

    [Fact]
    public void A_failed_publish_that_changed_nothing_removes_the_temp()
    {
        using var dir = new TempDir();
        string target = dir.File("f");
        System.IO.File.WriteAllText(target, "old");
        var ops = new ScriptedOps { ReplaceResults = new Queue<int>(new[] { Kernel32.ERROR_NOT_SAME_DEVICE }) };
        var op = WindowsReplaceOperation.Begin(target, new AtomicWriteOptions { Durability = AtomicDurability.None }, ops);
        try
        {
            op.Write("new"u8);
            Assert.True(Assert.Throws<AtomicWriteException>((Action)(() => op.Commit())).OriginalUnchanged);
        }
        finally
        {
            op.Dispose();
        }

        Assert.Contains("delete " + op.TempPath, ops.Calls);
    }

    // ---------------------------------------------------------------- AtomicFile.Replace

    private static void Replace(ScriptedOps ops, string? backup, bool ignoreMetadataErrors = false, TimeSpan? budget = null) =>
        WindowsReplaceLogic.Replace(ops, "S", "D", backup, "park", ignoreMetadataErrors, budget ?? Budget, new Random(3));

    [Fact]
    public void Replace_with_a_backup_calls_ReplaceFileW_with_it_and_keeps_it()
    {
        var ops = new ScriptedOps();
        Replace(ops, "B");
        Assert.Equal(new[] { "replace D S B 0" }, ops.Calls);
    }

    [Fact]
    public void Replace_without_a_backup_parks_the_original_under_a_free_name_and_removes_it_afterwards()
    {
        var ops = new ScriptedOps();
        Replace(ops, null);
        Assert.Equal(new[] { "replace D S park 0", "delete park" }, ops.Calls);
    }

    [Fact]
    public void Replace_with_ignoreMetadataErrors_passes_the_ignore_merge_and_ACL_flags()
    {
        var ops = new ScriptedOps();
        Replace(ops, "B", ignoreMetadataErrors: true);
        Assert.Equal(new[] { $"replace D S B {Kernel32.REPLACEFILE_IGNORE_MERGE_ERRORS | Kernel32.REPLACEFILE_IGNORE_ACL_ERRORS}" }, ops.Calls);
    }

    [Fact]
    public void Replace_on_another_volume_throws_CrossDevice_and_never_moves_or_copies()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_NOT_SAME_DEVICE);
        var e = Assert.Throws<AtomicWriteException>(() => Replace(ops, "B"));
        Assert.Equal(AtomicWriteFailure.CrossDevice, e.Reason);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal(new[] { "replace D S B 0" }, ops.Calls);
    }

    [Fact]
    public void Replace_half_done_moves_the_original_back_from_the_backup()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2);
        var e = Assert.Throws<AtomicWriteException>(() => Replace(ops, "B"));
        Assert.Equal(AtomicWriteFailure.RenameFailed, e.Reason);
        Assert.True(e.OriginalUnchanged);
        Assert.Equal(new[] { "replace D S B 0", $"move B D {Kernel32.MOVEFILE_WRITE_THROUGH}" }, ops.Calls);
    }

    [Fact]
    public void Replace_half_done_and_not_restorable_says_where_the_contents_are()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_UNABLE_TO_MOVE_REPLACEMENT_2);
        ops.MoveResults.Enqueue(Kernel32.ERROR_ACCESS_DENIED);
        var e = Assert.Throws<AtomicWriteException>(() => Replace(ops, null));
        Assert.Equal(AtomicWriteFailure.ReplaceIncomplete, e.Reason);
        Assert.False(e.OriginalUnchanged);
        Assert.Contains("'park'", e.Message);
        Assert.Contains("'S'", e.Message);
    }

    [Fact]
    public void Replace_retries_sharing_violations_within_the_budget_then_succeeds()
    {
        var ops = new ScriptedOps();
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_SHARING_VIOLATION);
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_UNABLE_TO_REMOVE_REPLACED);
        Replace(ops, "B");
        Assert.Equal(3, ops.Calls.Count(c => c.StartsWith("replace ", StringComparison.Ordinal)));
        Assert.Equal(2, ops.Sleeps.Count);
    }

    [Fact]
    public void Replace_gives_up_after_the_budget_with_SharingViolation()
    {
        var ops = new ScriptedOps();
        for (int i = 0; i < 1000; i++)
        {
            ops.ReplaceResults.Enqueue(Kernel32.ERROR_SHARING_VIOLATION);
        }

        var e = Assert.Throws<AtomicWriteException>(() => Replace(ops, "B", budget: TimeSpan.FromMilliseconds(100)));
        Assert.Equal(AtomicWriteFailure.SharingViolation, e.Reason);
        Assert.True(ops.Sleeps.Aggregate(TimeSpan.Zero, (a, b) => a + b) <= TimeSpan.FromMilliseconds(100));
        Assert.DoesNotContain(ops.Calls, c => c.StartsWith("move ", StringComparison.Ordinal));
    }

    [Fact]
    public void Replace_of_a_missing_source_throws_FileNotFoundException_naming_it()
    {
        var ops = new ScriptedOps { TargetExists = false };
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_FILE_NOT_FOUND);
        var e = Assert.Throws<FileNotFoundException>(() => Replace(ops, "B"));
        Assert.Equal("S", e.FileName);
    }

    [Fact]
    public void Replace_of_a_read_only_destination_throws_UnauthorizedAccessException_at_once()
    {
        var ops = new ScriptedOps { ReadOnly = true };
        ops.ReplaceResults.Enqueue(Kernel32.ERROR_ACCESS_DENIED);
        Assert.Throws<UnauthorizedAccessException>(() => Replace(ops, "B"));
        Assert.Empty(ops.Sleeps);
    }
}

public sealed class TempNameTests
{
    [Fact]
    public void Names_are_random_parseable_and_short_enough_for_any_file_name()
    {
        var names = Enumerable.Range(0, 1000).Select(_ => TempNames.Create("/d", "settings.json")).ToList();
        Assert.Equal(1000, names.Distinct().Count());
        foreach (string n in names)
        {
            Assert.StartsWith("/d/.settings.json.", n);
            Assert.True(TempNames.TryParse(System.IO.Path.GetFileName(n), out int pid));
            Assert.Equal(Environment.ProcessId, pid);
        }

        string longName = string.Concat(Enumerable.Repeat("😀", 120)); // 240 UTF-16 units, 480 UTF-8 bytes
        string temp = System.IO.Path.GetFileName(TempNames.Create("/d", longName));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(temp) <= 255);
        Assert.False(char.IsHighSurrogate(temp[temp.IndexOf(".", 1, StringComparison.Ordinal) - 1]));
        Assert.True(TempNames.TryParse(temp, out _));
    }
}
