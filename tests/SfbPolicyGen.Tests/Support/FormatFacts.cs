using System.Xml.Linq;

namespace SfbPolicyGen.Tests.Support;

/// <summary>The format facts Windows and the other consumers depend on, written here from the docs/ files
/// and never read from the code under test (AdmxWriter.Ns, TrustClient, TrustListMerger...): a writer that
/// drifts from them and is then re-baselined still fails the suite.</summary>
public static class FormatFacts
{
    /// <summary>The namespace real .admx/.adml files declare and Group Policy expects (docs/ADMX.md, "Namespace");
    /// the XSD's own namespace is another one (admx-schema/README.md).</summary>
    public static readonly XNamespace AdmxNamespace = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";

    /// <summary>The first line of a regedit 5.00 file, after its UTF-16LE BOM (docs/REGISTRY.md, ".reg files").</summary>
    public const string RegHeader = "Windows Registry Editor Version 5.00";

    /// <summary>The UTF-16LE byte order mark a .reg file starts with (docs/REGISTRY.md, ".reg files").</summary>
    public static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];

    /// <summary>A PReg file's header: ASCII "PReg", then version 1 as uint32 little-endian
    /// ([MS-GPREG] 2.2.1, docs/REGISTRY.md, "Registry.pol").</summary>
    public static ReadOnlySpan<byte> PolHeader => [(byte)'P', (byte)'R', (byte)'e', (byte)'g', 1, 0, 0, 0];

    /// <summary>The hive these policies live under, as a .reg file names it (docs/REGISTRY.md, "TrustModelData").</summary>
    public const string Hive = "HKEY_LOCAL_MACHINE";

    /// <summary>The REG_SZ value every client reads (docs/REGISTRY.md, "TrustModelData").</summary>
    public const string ValueName = "TrustModelData";

    /// <summary>The built-in trusted domains a client stops trusting once the value is set, kept in the
    /// merged value unless the policy drops them (docs/REGISTRY.md, "Add, do not replace": Office's lync16.admx).</summary>
    public static readonly string[] MicrosoftDefaults = ["lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com"];

    /// <summary>The owner names of Microsoft's Skype for Business records, relative to the domain
    /// (docs/DNS.md, "The records"), in ordinal order.</summary>
    public static readonly string[] SkypeRecordNames = ["_sip._tls", "_sipfederationtls._tcp", "lyncdiscover", "sip"];

    /// <summary>Every target Microsoft documents for those records, in every cloud, and the French
    /// article's sip target (docs/DNS.md, "The records"), in ordinal order.</summary>
    /// <summary>Every record Microsoft documents at those names, in every cloud, and the French article's
    /// sip record (docs/DNS.md, "The records"), as "name TYPE data": what a retired domain's DNS files remove.</summary>
    public static readonly string[] MicrosoftRecords =
    [
        "sip CNAME sipdir.online.lync.com.", "sip CNAME sipdir.online.lync.de.", "sip CNAME sipdir.online.partner.lync.cn.", "sip CNAME sipdir.online.microsoft.com.",
        "lyncdiscover CNAME webdir.online.lync.com.", "lyncdiscover CNAME webdir.online.skype.de.", "lyncdiscover CNAME webdir.online.partner.lync.cn.",
        "_sip._tls SRV 100 1 443 sipdir.online.lync.com.", "_sip._tls SRV 100 1 443 sipdir.online.lync.de.", "_sip._tls SRV 100 1 443 sipdir.online.partner.lync.cn.",
        "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.de.", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.partner.lync.cn.",
    ];

    public static readonly string[] MicrosoftTargets =
    [
        "sipdir.online.lync.com", "sipdir.online.lync.de", "sipdir.online.microsoft.com", "sipdir.online.partner.lync.cn",
        "sipfed.online.lync.com", "sipfed.online.lync.de", "sipfed.online.partner.lync.cn",
        "webdir.online.lync.com", "webdir.online.partner.lync.cn", "webdir.online.skype.de",
    ];

    /// <summary>The Active Directory attribute that enables a user for SIP (docs/ACTIVE-DIRECTORY.md, "The fix").</summary>
    public const string SipEnabledAttribute = "msRTCSIP-UserEnabled";

    /// <summary>A record's RDATA in zone presentation form, written here rather than taken from
    /// DnsRecord.Data: "100 1 443 target." for SRV (RFC 2782), "target." for CNAME, absolute with the
    /// dot (docs/DNS.md, "Zone text").</summary>
    public static string RecordData(SfbPolicyGen.Model.DnsRecord record) => record.Type switch
    {
        "SRV" => $"{record.Priority} {record.Weight} {record.Port} {record.Target}.",
        "CNAME" => $"{record.Target}.",
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.Type, "a record type the profiles do not publish"),
    };

    /// <summary>"name.domain. TTL IN TYPE data": a record as a zone dump or a DNS answer prints it.</summary>
    public static string RecordLine(SfbPolicyGen.Model.DnsRecord record, string domain) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{record.Name}.{domain}. {record.Ttl} IN {record.Type} {RecordData(record)}");

    /// <summary>Every client id of policies.yaml (docs/REGISTRY.md, "TrustModelData").</summary>
    public static readonly string[] ClientIds = ["communicator", "lync2013", "skype2016"];

    /// <summary>The policy key (under HKLM, no hive) of each client id of policies.yaml (docs/REGISTRY.md, "TrustModelData").</summary>
    public static string PolicyKey(string clientId) => clientId switch
    {
        "communicator" => @"Software\Policies\Microsoft\Communicator",
        "lync2013" => @"Software\Policies\Microsoft\Office\15.0\Lync",
        "skype2016" => @"Software\Policies\Microsoft\Office\16.0\Lync",
        _ => throw new ArgumentOutOfRangeException(nameof(clientId), clientId, "a client id docs/REGISTRY.md does not list"),
    };
}
