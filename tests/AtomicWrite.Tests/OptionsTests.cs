using System;
using System.IO;
using System.Linq;
using Xunit;

namespace AtomicWrite.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_durable_File_like_permissions_follow_links_and_two_seconds_of_retries()
    {
        AtomicWriteOptions d = AtomicWriteOptions.Default;
        Assert.Same(d, AtomicWriteOptions.Default);
        Assert.Equal(AtomicDurability.Durable, d.Durability);
        Assert.Null(d.UnixCreateMode);
        Assert.True(d.PreserveExistingPermissions);
        Assert.Equal(SymlinkPolicy.Follow, d.Symlinks);
        Assert.Equal(TimeSpan.FromSeconds(2), d.SharingViolationRetryBudget);
        Assert.Equal(TimeSpan.Zero, new AtomicWriteOptions { SharingViolationRetryBudget = TimeSpan.Zero }.SharingViolationRetryBudget);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtomicWriteOptions { SharingViolationRetryBudget = TimeSpan.FromMilliseconds(-1) });
    }

    [Fact]
    public void UnixPermissions_has_the_names_and_values_of_UnixFileMode()
    {
        var expected = Enum.GetValues<UnixFileMode>().Select(v => (v.ToString(), (int)v)).OrderBy(p => p.Item2).ToArray();
        var actual = Enum.GetValues<UnixPermissions>().Select(v => (v.ToString(), (int)v)).OrderBy(p => p.Item2).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_exception_types_fit_existing_IOException_handlers()
    {
        var e = new AtomicWriteException("m", "/p", AtomicWriteFailure.CrossDevice, 18, originalUnchanged: true);
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal(("/p", AtomicWriteFailure.CrossDevice, 18, true), (e.Path, e.Reason, e.OsError, e.OriginalUnchanged));
        var d = new DurabilityUnconfirmedException("m", "/p", 5);
        Assert.IsAssignableFrom<AtomicWriteException>(d);
        Assert.Equal(AtomicWriteFailure.DurabilityUnconfirmed, d.Reason);
        Assert.False(d.OriginalUnchanged);
    }
}
