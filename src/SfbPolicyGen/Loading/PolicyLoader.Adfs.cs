using SfbPolicyGen.Concerns.Adfs;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>The optional adfs section: the federation service verify checks, its metadata URL and
/// whether to ask its probe.</summary>
public static partial class PolicyLoader
{
    private static AdfsSection ReadAdfs(SectionReader root)
    {
        var adfs = root.Section(AdfsKeys.Adfs);
        adfs.Require("'adfs' needs 'federationServiceName' (the federation service's DNS name, e.g. sts.contoso.com)", AdfsKeys.FederationServiceName.Name);
        return new AdfsSection(
            adfs.State,
            adfs.Name(AdfsKeys.FederationServiceName.Name),
            MetadataUrl(adfs[AdfsKeys.MetadataUrl.Name]),
            adfs.Bool(AdfsKeys.Probe.Name));
    }

    /// <summary>SFB034: an absolute https URL with a host, no user name or password, under the free-text
    /// rules (no control character): the metadata's token-signing certificates must come over TLS. A URL
    /// with a password is not quoted back, so that the message does not carry it into a build log.</summary>
    private static Field<Uri> MetadataUrl(ValueReader value) => value.Scalar().Then(raw =>
    {
        var text = raw.Trim();
        Uri? url = null;
        var error = FreeText.Validate(text, AdfsPolicy.MaxMetadataUrlLength)
            ?? (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.IsFile || url.IsUnc ? "it is not an absolute URL"
            : url.Scheme != Uri.UriSchemeHttps ? $"use https, not {url.Scheme}: the token-signing certificates must come over TLS"
            : url.UserInfo.Length > 0 ? "it holds a user name or password (the metadata is public: remove them)"
            : null);
        var shown = url is { UserInfo.Length: > 0 } ? "the URL" : $"'{FreeText.Shown(text)}'";
        return error is null
            ? Field.Valid(url!, value.At)
            : value.Refuse<Uri>(DiagnosticCodes.InvalidUrl, $"{shown} in '{value.Path}' is refused: {error}");
    });
}

internal sealed record AdfsSection(FieldState State, Field<string> FederationServiceName, Field<Uri> MetadataUrl, Field<bool> Probe)
{
    /// <summary>Null without an adfs section: verify has no AD FS to check.</summary>
    public AdfsPolicy? ToPolicy() => State == FieldState.Valid
        ? new AdfsPolicy(
            FederationServiceName.Value,
            MetadataUrl.Or(AdfsPolicy.DefaultMetadataUrl(FederationServiceName.Value)),
            Probe.Or(AdfsPolicy.DefaultProbe))
        : null;
}
