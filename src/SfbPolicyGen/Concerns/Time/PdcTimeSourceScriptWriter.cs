using System.Globalization;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns.Time;

/// <summary>time/Set-PdcTimeSource.ps1, only with a time section: KB 816042's configuration of the PDC
/// emulator (docs/TIME.md, "KB 816042"), run on that domain controller. Every value reaches the script as
/// a PowerShell single-quoted literal. Determinism: the peers in the order written (w32tm's order).</summary>
internal static class PdcTimeSourceScriptWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Time is not { } time)
        {
            yield break;
        }

        var model = Record(
            ("tenant", tenant.Name),
            ("source", tenant.SourceLabel),
            ("peer_list", PowerShellText.SingleQuoted(time.ManualPeerList)),
            ("max_skew", time.MaxSkewSeconds.ToString(CultureInfo.InvariantCulture)));
        yield return new Artifact(tenant.Name, TimeKinds.PdcTimeSourceScript, TimeKinds.PdcTimeSourceScript.PathOf(tenant.Name),
            context.Templates.Render(TimeConcern.Template.PdcTimeSourceScript, model));
    }
}
