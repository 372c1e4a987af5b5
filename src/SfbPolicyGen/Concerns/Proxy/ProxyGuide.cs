using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>What the proxy step of the guide says: what to run or apply for the tenant's proxy kind.</summary>
internal static class ProxyGuide
{
    public static IEnumerable<(string Name, object? Value)> Model(TenantPolicy tenant, string language) =>
    [
        ("proxy_kind", tenant.Proxy.Kind.YamlName()),
        ("proxy_text", Text.For(language)(tenant.Proxy.Kind)),
    ];

    private static readonly Localized<Func<ProxyKind, string>> Text = new(
        kind => kind switch
        {
            ProxyKind.Tmg => "Run `tmg\\Set-TmgClientRules.ps1` on the Forefront TMG server as a TMG administrator (try `-WhatIf` first). It sets `Disable` and `DisableEx` for each application, so that `msoidsvc.exe`, the Microsoft Online Services Sign-in Assistant, goes through TMG. `tmg/Application.ini` shows what clients then receive (at restart, or within 6 hours).",
            ProxyKind.Other => "Apply the rules of `gateway/gateway-rules.md` on your web gateway.",
            ProxyKind.None => "No proxy rules: `proxy.kind` is `none`. If users see this error behind a proxy or firewall, set `proxy.kind` to `tmg` or `other`.",
        },
        kind => kind switch
        {
            ProxyKind.Tmg => "Exécutez `tmg\\Set-TmgClientRules.ps1` sur le serveur Forefront TMG en administrateur TMG (essayez d'abord `-WhatIf`). Il définit `Disable` et `DisableEx` pour chaque application, afin que `msoidsvc.exe`, l'Assistant de connexion Microsoft Online Services, passe par TMG. `tmg/Application.ini` montre ce que reçoivent alors les clients (au redémarrage, ou dans les 6 heures).",
            ProxyKind.Other => "Appliquez les règles de `gateway/gateway-rules.md` sur votre passerelle web.",
            ProxyKind.None => "Aucune règle de proxy : `proxy.kind` vaut `none`. Si cette erreur apparaît derrière un proxy ou un pare-feu, mettez `proxy.kind` à `tmg` ou `other`.",
        });
}
