using System.Security.Cryptography;
using System.Text;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Tests.Output;

/// <summary>The manifest keeps hashes as 32 bytes but reads and writes the same 64 lowercase hex
/// digits as before: the text round-trips, equality is that of the bytes, and only the form this tool
/// writes is accepted.</summary>
public sealed class Sha256HashTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("sfbpolicygen");
    private static readonly string Hex = Convert.ToHexStringLower(SHA256.HashData(Data));

    [Fact]
    public void Shows_and_writes_the_lowercase_hex_of_the_hash()
    {
        var hash = Sha256Hash.Of(Data);
        Assert.Equal(Hex, hash.ToString());
        Span<byte> utf8 = stackalloc byte[64];
        hash.FormatUtf8(utf8);
        Assert.Equal(Hex, Encoding.UTF8.GetString(utf8));
    }

    [Fact]
    public void Parses_back_to_the_same_value()
    {
        Assert.Equal(Sha256Hash.Of(Data), Sha256Hash.ParseLowerHex(Hex));
        Assert.Equal(Sha256Hash.Of(Data), Sha256Hash.From(SHA256.HashData(Data)));
        Assert.NotEqual(Sha256Hash.Of(Data), Sha256Hash.Of([.. Data, 0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("00")]
    public void Refuses_what_is_not_a_hash(string text) => Assert.Null(Sha256Hash.ParseLowerHex(text));

    [Fact]
    public void Refuses_other_forms_of_a_hash()
    {
        Assert.Null(Sha256Hash.ParseLowerHex(Hex.ToUpperInvariant()));
        Assert.Null(Sha256Hash.ParseLowerHex(Hex + "0"));
        Assert.Null(Sha256Hash.ParseLowerHex(Hex[..^1] + "g"));
    }
}
