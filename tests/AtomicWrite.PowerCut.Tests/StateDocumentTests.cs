using System.Text;
using Xunit;

namespace AtomicWrite.PowerCut.Tests;

/// <summary>The host-side oracle of the power-cut test: each way a file can come back broken is called torn or lost.</summary>
public sealed class StateDocumentTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_whole_document_at_or_after_the_last_commit_is_ok()
    {
        Assert.Equal("ok 7", StateDocument.Verdict(Bytes(StateDocument.Create(7, 100)), 7));
        Assert.Equal("ok 8", StateDocument.Verdict(Bytes(StateDocument.Create(8, 3)), 7));
    }

    [Fact]
    public void A_whole_document_older_than_the_last_commit_is_lost()
    {
        Assert.Equal("lost 6", StateDocument.Verdict(Bytes(StateDocument.Create(6, 100)), 7));
        Assert.Equal("lost 0", StateDocument.Verdict(Bytes(StateDocument.Create(0, 4)), 1));
    }

    [Fact]
    public void An_empty_file_is_torn() => Assert.Equal("torn empty", StateDocument.Verdict(new byte[0], 0));

    [Fact]
    public void A_document_cut_short_is_torn()
    {
        byte[] whole = Bytes(StateDocument.Create(5, 5000));
        Assert.StartsWith("torn unparsable", StateDocument.Verdict(whole[..4096], 0));
    }

    [Fact]
    public void A_document_with_zeroed_blocks_is_torn()
    {
        byte[] doc = Bytes(StateDocument.Create(5, 9000));
        for (int i = 4096; i < 8192; i++)
        {
            doc[i] = 0;
        }

        Assert.StartsWith("torn unparsable", StateDocument.Verdict(doc, 0));
        byte[] padded = Bytes(StateDocument.Create(5, 10) + "\0\0\0\0");
        Assert.StartsWith("torn", StateDocument.Verdict(padded, 0));
    }

    [Fact]
    public void A_document_mixing_two_writes_is_torn()
    {
        // The head of write 5 over the tail of write 6 of the same size: valid JSON, wrong letters.
        string five = StateDocument.Create(5, 8192);
        string six = StateDocument.Create(6, 8192);
        string mixed = five[..4096] + six[4096..];
        Assert.Equal("torn payload-mixed seq 5", StateDocument.Verdict(Bytes(mixed), 0));
    }

    [Fact]
    public void A_document_whose_payload_is_shorter_than_its_size_is_torn()
    {
        string doc = StateDocument.Create(3, 10).Replace("dddddddddd", "ddd");
        Assert.Equal("torn payload-length 3/10 seq 3", StateDocument.Verdict(Bytes(doc), 0));
    }
}
