using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>tenant: the name that names out/&lt;name&gt;/, and the name people read.</summary>
public static partial class PolicyLoader
{
    private static TenantSection ReadTenant(SectionReader root)
    {
        root.Require("'tenant' is required (tenant: { name: contoso })", "tenant");
        var tenant = root.Section(TenantKeys.Tenant);
        tenant.Require("'tenant.name' is required", "name");
        return new TenantSection(TenantName(tenant["name"]), tenant.Text("displayName", FreeText.MaxDisplayNameLength));
    }

    /// <summary>SFB020: the name becomes a folder name (README, tenant.name).</summary>
    private static Field<string> TenantName(ValueReader value) => value.Scalar().Then(name => Identifiers.IsTenantName(name)
        ? Field.Valid(name, value.At)
        : value.Refuse<string>(DiagnosticCodes.InvalidTenantName,
            $"'{value.Path}' is '{value.Shown}': use 1-{Identifiers.MaxTenantNameLength} of a-z, 0-9 and '-', not starting with '-' (it names the output folder)"));
}

internal sealed record TenantSection(Field<string> Name, Field<string> DisplayName);
