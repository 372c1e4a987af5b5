using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>ad/Enable-SipUsers.ps1: finds each listed user (by UPN, DN or sAMAccountName) and every
/// user under the search base that the filter selects, sets msRTCSIP-UserEnabled TRUE where it is not
/// (ActiveDirectory module, -WhatIf honoured), then says to run a directory synchronisation. Names and
/// the filter reach the script as single-quoted literals; the UPN is compared through a variable in
/// the AD filter, never pasted into it. Determinism: users in the YAML's order.</summary>
internal static class ActiveDirectoryScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.ActiveDirectory is not { } directory)
        {
            yield break;
        }

        var users = directory.Users.Select(u => Record(
            ("by", PowerShellText.SingleQuoted(u.Kind == DirectoryUserKind.UserPrincipalName ? "UserPrincipalName" : "Identity")),
            ("value", PowerShellText.SingleQuoted(u.Value))));
        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("users", List(users)),
            ("search_base", directory.SearchBase is null ? "$null" : PowerShellText.SingleQuoted(directory.SearchBase)),
            ("filter", PowerShellText.SingleQuoted(directory.Filter)));
        yield return new Artifact(tenant.Name, ActiveDirectoryKinds.ActiveDirectoryScript, ActiveDirectoryKinds.ActiveDirectoryScript.PathOf(tenant.Name), context.Templates.Render(ActiveDirectoryConcern.Template.ActiveDirectoryScript, model));
    }
}
