using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;

namespace SfbPolicyGen.Import;

/// <summary>A DNS message read from the wire (RFC 1035 section 4): the header, the question skipped,
/// the answer records with their data in presentation form. Written here rather than taken from
/// DnsClient, whose name reader shows a label holding a dot (<c>a.b</c> as one label) as two labels and
/// passes control characters through: a server's answer is not trusted, so each label byte outside
/// a-z 0-9 '-' '_' is written as \DDD (RFC 1035 section 5.1) and can never read as one of the names
/// import maps. Every length is checked against the message; compression pointers are followed at
/// most 64 times per name, and names are at most 255 octets.</summary>
internal sealed record DnsWireMessage(ushort Id, bool IsResponse, int Opcode, int ResponseCode, ImmutableArray<DnsWireRecord> Answers)
{
    /// <exception cref="FormatException">The bytes are not a DNS message; the message says what is wrong.</exception>
    public static DnsWireMessage Parse(byte[] message) => new Reader(message).Message();

    /// <summary>A query for <paramref name="name"/> (IDNA A-labels), type <paramref name="type"/>, class IN, no recursion.</summary>
    public static byte[] Query(ushort id, string name, ushort type)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. bytes];
    }

    public static string TypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        39 => "DNAME",
        _ => $"TYPE{type}",
    };

    private sealed class Reader(byte[] message)
    {
        private const int MaxNameOctets = 255;
        private const int MaxPointers = 64;
        private int _position;

        public DnsWireMessage Message()
        {
            Need(12, "the header");
            var (id, flags, questions, answers) = (UInt16(), UInt16(), UInt16(), UInt16());
            _position = 12;
            for (var i = 0; i < questions; i++)
            {
                Name();
                Need(4, "a question");
                _position += 4;
            }

            var records = ImmutableArray.CreateBuilder<DnsWireRecord>(answers);
            for (var i = 0; i < answers; i++)
            {
                records.Add(Record());
            }

            return new DnsWireMessage(id, (flags & 0x8000) != 0, (flags >> 11) & 0xF, flags & 0xF, records.MoveToImmutable());
        }

        private DnsWireRecord Record()
        {
            var owner = Name();
            Need(10, "a record's type, class, TTL and data length");
            var (type, recordClass, ttl, length) = (UInt16(), UInt16(), UInt32(), UInt16());
            Need(length, $"the data of the {TypeName(type)} record of {owner}");
            var (start, end) = (_position, _position + length);
            var fields = Fields(type, start, end);
            if (_position != end)
            {
                throw new FormatException($"the data of the {TypeName(type)} record of {owner} is {length} bytes, its fields {_position - start}");
            }

            var className = recordClass switch { 1 => "IN", 3 => "CH", 4 => "HS", _ => $"CLASS{recordClass}" };
            return new DnsWireRecord(owner, TypeName(type), className, ttl, fields);
        }

        /// <summary>RDATA in presentation form: names for the types whose data are names (RFC 1035,
        /// RFC 2782), addresses, TXT strings; any other type as RFC 3597's <c>\# length hex</c>.</summary>
        private ImmutableArray<string> Fields(ushort type, int start, int end)
        {
            var fields = Decode(type, start, end);
            if (_position > end)
            {
                throw new FormatException($"the fields of a {TypeName(type)} record run past its data's length");
            }

            return fields;
        }

        private ImmutableArray<string> Decode(ushort type, int start, int end) => type switch
        {
            1 when end - start == 4 => [Address(4)],
            28 when end - start == 16 => [Address(16)],
            2 or 5 or 12 or 39 => [Name()],
            15 => [Number(UInt16()), Name()],
            33 => [Number(UInt16()), Number(UInt16()), Number(UInt16()), Name()],
            6 => [Name(), Name(), Number(UInt32()), Number(UInt32()), Number(UInt32()), Number(UInt32()), Number(UInt32())],
            16 => Strings(end),
            _ => Generic(end),
        };

        private string Address(int length)
        {
            var address = new IPAddress(message.AsSpan(_position, length)).ToString();
            _position += length;
            return address;
        }

        private ImmutableArray<string> Generic(int end)
        {
            var hex = Convert.ToHexStringLower(message, _position, end - _position);
            var length = (end - _position).ToString(CultureInfo.InvariantCulture);
            _position = end;
            return hex.Length == 0 ? [@"\#", length] : [@"\#", length, hex];
        }

        /// <summary>TXT character-strings, each quoted: '"' and '\' escaped, bytes outside printable ASCII as \DDD.</summary>
        private ImmutableArray<string> Strings(int end)
        {
            var strings = ImmutableArray.CreateBuilder<string>();
            while (_position < end)
            {
                var length = message[_position++];
                if (_position + length > end)
                {
                    throw new FormatException("a TXT string runs past its record's data");
                }

                var text = new StringBuilder("\"");
                foreach (var b in message.AsSpan(_position, length))
                {
                    text.Append(b is (byte)'"' or (byte)'\\' ? $"\\{(char)b}" : b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\{b:D3}");
                }

                strings.Add(text.Append('"').ToString());
                _position += length;
            }

            return strings.ToImmutable();
        }

        /// <summary>An absolute name with its trailing dot, lowercased; bytes outside a-z 0-9 '-' '_' as \DDD.</summary>
        private string Name()
        {
            var name = new StringBuilder();
            var (at, octets, pointers, next) = (_position, 0, 0, -1);
            while (true)
            {
                Need(1, "a name", at);
                var length = message[at];
                if ((length & 0xC0) == 0xC0)
                {
                    Need(2, "a name's compression pointer", at);
                    if (++pointers > MaxPointers)
                    {
                        throw new FormatException("a name's compression pointers go round in a loop");
                    }

                    next = next < 0 ? at + 2 : next;
                    at = ((length & 0x3F) << 8) | message[at + 1];
                    continue;
                }

                if ((length & 0xC0) != 0)
                {
                    throw new FormatException($"a label starts with 0x{length:X2}, a label type DNS does not use");
                }

                if ((octets += length + 1) > MaxNameOctets)
                {
                    throw new FormatException($"a name is longer than {MaxNameOctets} octets");
                }

                if (length == 0)
                {
                    _position = next < 0 ? at + 1 : next;
                    return name.Length == 0 ? "." : name.ToString();
                }

                Need(length, "a label", at + 1);
                foreach (var b in message.AsSpan(at + 1, length))
                {
                    var c = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
                    name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c.ToString() : $"\\{b:D3}");
                }

                name.Append('.');
                at += 1 + length;
            }
        }

        private ushort UInt16()
        {
            Need(2, "a 16-bit number");
            var value = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(_position));
            _position += 2;
            return value;
        }

        private uint UInt32()
        {
            Need(4, "a 32-bit number");
            var value = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(_position));
            _position += 4;
            return value;
        }

        private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);

        private void Need(int count, string what, int? at = null)
        {
            if ((at ?? _position) > message.Length - count)
            {
                throw new FormatException($"{what} runs past the end of the message ({message.Length} bytes)");
            }
        }
    }
}

/// <summary>One record of an answer; the TTL as sent (unsigned).</summary>
internal sealed record DnsWireRecord(string Owner, string Type, string Class, uint Ttl, ImmutableArray<string> Fields);
