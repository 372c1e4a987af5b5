using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A domain name read from a source (a TrustModelData entry, a zone's domain), normalised as
/// the loader normalises names (<see cref="DomainName.Normalize"/>), so that what import writes loads
/// as it was read. A name that cannot be written in policies.yaml is an error, never left out: a
/// trusted domain dropped here would be dropped from every computer by the first deploy.</summary>
internal static class ImportedName
{
    /// <param name="what">Names the place in the message: "an entry of TrustModelData".</param>
    public static string? Normalize(string raw, Origin at, string what, DiagnosticBag diagnostics)
    {
        if (DomainName.Normalize(raw, out var error) is { } name)
        {
            return name;
        }

        diagnostics.Error(DiagnosticCodes.ImportedNameInvalid, at.At, $"'{FreeText.Shown(raw)}', {what}, is not a domain name policies.yaml can hold: {error}");
        return null;
    }
}
