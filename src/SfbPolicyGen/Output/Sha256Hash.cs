using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SfbPolicyGen.Output;

/// <summary>A SHA-256 as its 32 bytes, written and shown as 64 lowercase hexadecimal digits. The
/// manifest of a thousand tenants lists tens of thousands of files: as 64-character strings their
/// hashes held about 9 MB once loaded, as this value 2 MB, inline in each entry.</summary>
public readonly struct Sha256Hash : IEquatable<Sha256Hash>
{
    private const int Length = 32;

    // The bytes as four words: 32 bytes inline, where a byte[] would add an object per hash.
    private readonly ulong _0, _1, _2, _3;

    private Sha256Hash(ReadOnlySpan<byte> bytes)
    {
        _0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public static Sha256Hash Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Length];
        SHA256.HashData(data, hash);
        return new Sha256Hash(hash);
    }

    /// <summary>The hash an incremental <see cref="SHA256"/> computed.</summary>
    public static Sha256Hash From(byte[] hash) =>
        hash.Length == Length ? new Sha256Hash(hash) : throw new ArgumentException("a SHA-256 is 32 bytes", nameof(hash));

    /// <summary>The hash in 64 lowercase hexadecimal digits, exactly as this tool writes it; null for
    /// anything else (upper case included: a manifest this tool wrote never has it).</summary>
    public static Sha256Hash? ParseLowerHex(string text)
    {
        if (text.Length != Length * 2 || !text.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Convert.FromHexString(text, bytes, out _, out _);
        return new Sha256Hash(bytes);
    }

    /// <summary>The 64 lowercase hex digits as UTF-8, into <paramref name="utf8"/> (64 bytes), for a
    /// JSON writer: no string per entry while a manifest of tens of thousands is written.</summary>
    public void FormatUtf8(Span<byte> utf8)
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteBytes(bytes);
        Convert.TryToHexStringLower(bytes, utf8, out _);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public bool Equals(Sha256Hash other) => _0 == other._0 && _1 == other._1 && _2 == other._2 && _3 == other._3;

    public override bool Equals(object? obj) => obj is Sha256Hash other && Equals(other);

    // The bits of a SHA-256 are already evenly spread: any 32 of them make a good hash code.
    public override int GetHashCode() => (int)_3;

    public static bool operator ==(Sha256Hash left, Sha256Hash right) => left.Equals(right);

    public static bool operator !=(Sha256Hash left, Sha256Hash right) => !left.Equals(right);

    private void WriteBytes(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _0);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], _2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], _3);
    }
}
