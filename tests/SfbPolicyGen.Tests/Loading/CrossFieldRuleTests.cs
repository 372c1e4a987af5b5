using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>Each warning of CrossFieldRules fires at the setting it is about, and none fires about a
/// value that was refused (that value's error says everything).</summary>
public class CrossFieldRuleTests
{
    [Theory]
    [InlineData("trustModelData: {add: [C.example.]}", "warning SFB101 3,24")]
    [InlineData("trustModelData: {keepMicrosoftDefaults: false}", "warning SFB102 3,41")]
    [InlineData("admx: {languages: [fr-FR]}", "warning SFB103 3,19")]
    [InlineData("dns: {ttl: 60}", "warning SFB104 3,12")]
    [InlineData("proxy: {applications: [{name: a}]}", "warning SFB106 3,23")]
    [InlineData("dns: {profile: teams-only, sipTarget: s.example}", "warning SFB106 3,39")]
    [InlineData("dns: {cloud: germany}", "warning SFB106 3,14")]
    [InlineData("dns: {lyncdiscover: false}", "warning SFB106 3,21")]
    [InlineData("activeDirectory: {users: [bob], filter: \"(a=b)\"}", "warning SFB106 3,41")]
    [InlineData("dns: {profile: skype-online}", "warning SFB107 3,16")]
    public void Each_rule_warns_at_the_setting_it_is_about(string section, string expected) =>
        Assert.Equal([expected], Load(section));

    [Theory]
    [InlineData("trustModelData: {keepMicrosoftDefaults: nope}", "error SFB012 3,41")]
    [InlineData("admx: {languages: [fr-FR, fr-fr]}", "error SFB014 3,27")]
    [InlineData("admx: {languages: [fr-FR, fr-FR]}", "error SFB016 3,27")]
    [InlineData("dns: {profile: skype-onlin}", "error SFB014 3,16")]
    [InlineData("dns: {ttl: 60, cloud: mars}", "error SFB014 3,23")]
    [InlineData("dns: {profile: teams-only, sipTarget: bad_name.example}", "error SFB021 3,39")]
    [InlineData("proxy: {kind: squid, applications: [{name: a}]}", "error SFB014 3,15")]
    public void A_refused_value_draws_its_error_and_no_warning(string section, string expected) =>
        Assert.Equal([expected], Load(section));

    private static IEnumerable<string> Load(string section)
    {
        var diagnostics = new DiagnosticBag();
        PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes($"tenant: {{name: c}}\ndomains: [c.example]\n{section}\n"), diagnostics);
        return diagnostics.Sorted().Select(d => $"{(d.Severity == Severity.Error ? "error" : "warning")} {d.Code} {d.Line},{d.Column}");
    }
}
