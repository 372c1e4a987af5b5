namespace SfbPolicyGen.Model;

/// <summary>A Skype for Business / Lync client whose policy key holds TrustModelData (docs/REGISTRY.md, "TrustModelData").</summary>
/// <param name="Id">The YAML id.</param>
/// <param name="Product">The product name shown in ADML and guides.</param>
/// <param name="PolicyKey">The key under HKLM (no hive prefix), as Microsoft writes it.</param>
/// <param name="Order">Fixed output order, whatever order the YAML lists clients in.</param>
public sealed record TrustClient(string Id, string Product, string PolicyKey, int Order)
{
    /// <summary>Office Communicator 2007 R2 and Lync 2010: the key the seed article names.</summary>
    public static readonly TrustClient Communicator = new("communicator", "Office Communicator 2007 R2 / Lync 2010", @"Software\Policies\Microsoft\Communicator", 0);

    /// <summary>Lync 2013 (Office 15). docs/REGISTRY.md, "TrustModelData", marks this key unverified for TrustModelData.</summary>
    public static readonly TrustClient Lync2013 = new("lync2013", "Lync 2013", @"Software\Policies\Microsoft\Office\15.0\Lync", 1);

    /// <summary>Skype for Business 2016/2019 (Office 16), the key of Office's own lync16.admx.</summary>
    public static readonly TrustClient Skype2016 = new("skype2016", "Skype for Business 2016/2019", @"Software\Policies\Microsoft\Office\16.0\Lync", 2);

    public static readonly IReadOnlyList<TrustClient> All = [Communicator, Lync2013, Skype2016];

    /// <summary>trustModelData.clients in policies.yaml, by <see cref="Id"/>.</summary>
    public static readonly NameTable<TrustClient> Names = new(All, client => client.Id);

    public const string ValueName = "TrustModelData";

    /// <summary>The registry root these policies live under: HKLM ranks above HKCU (docs/REGISTRY.md, "TrustModelData").</summary>
    public const string Hive = "HKEY_LOCAL_MACHINE";

    /// <summary>The key as the GroupPolicy module's <c>-Key</c> takes it (<c>HKLM\Software\...</c>).</summary>
    public string GroupPolicyKey => @"HKLM\" + PolicyKey;

    /// <summary>The key as a path of PowerShell's registry provider (<c>HKLM:\Software\...</c>).</summary>
    public string ProviderPath => @"HKLM:\" + PolicyKey;
}
