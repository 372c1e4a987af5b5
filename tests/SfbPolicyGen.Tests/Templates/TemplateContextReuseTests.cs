using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Tests.Templates;

/// <summary>TemplateSet.Render keeps one Scriban context per thread and template set (making one per
/// file was a third of what a generate of a thousand tenants allocated, docs/PERFORMANCE.md). A render
/// must still see only its own model: nothing a template assigns, no text it wrote, no failure it
/// hit may reach the next render.</summary>
public sealed class TemplateContextReuseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfb-context-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TemplateSet Templates(string zone, string guide)
    {
        File.WriteAllText(Path.Combine(_folder, SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone), zone);
        File.WriteAllText(Path.Combine(_folder, TemplateSet.GuideEnglish), guide);
        var diagnostics = new DiagnosticBag();
        return TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, _folder, diagnostics) ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Sorted()));
    }

    [Fact]
    public void A_variable_one_render_assigns_is_unknown_to_the_next()
    {
        var templates = Templates("{{ leaked = 'from the zone' }}zone {{ domain }}", "{{ leaked }}");

        Assert.Equal("zone contoso.com", templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record(("domain", "contoso.com"))));
        var error = Assert.Throws<TemplateRenderException>(() => templates.Render(TemplateSet.GuideEnglish, Record()));
        Assert.Contains("leaked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_variable_or_function_of_one_render_is_unknown_to_the_next()
    {
        var templates = Templates("{{ $local = 'x'; func helper; ret 'h'; end }}{{ helper }}{{ $local }}", "{{ $local }}");
        File.WriteAllText(Path.Combine(_folder, TemplateSet.GuideFrench), "{{ helper }}");
        templates = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, _folder, new DiagnosticBag())!;

        Assert.Equal("hx", templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record()));
        var local = Assert.Throws<TemplateRenderException>(() => templates.Render(TemplateSet.GuideEnglish, Record()));
        Assert.Contains("$local", local.Message, StringComparison.Ordinal);
        Assert.Equal("hx", templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record()));
        var function = Assert.Throws<TemplateRenderException>(() => templates.Render(TemplateSet.GuideFrench, Record()));
        Assert.Contains("helper", function.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_render_returns_its_own_text_only()
    {
        var templates = Templates("zone {{ domain }}\n", "guide");

        Assert.Equal("zone a.example\n", templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record(("domain", "a.example"))));
        Assert.Equal("zone b.example\n", templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record(("domain", "b.example"))));
        Assert.Equal("guide", templates.Render(TemplateSet.GuideEnglish, Record()));
    }

    [Fact]
    public void A_render_that_failed_half_way_leaves_nothing_behind()
    {
        var templates = Templates("before {{ missing_variable }} after", "guide {{ name }}");

        Assert.Throws<TemplateRenderException>(() => templates.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record()));

        Assert.Equal("guide x", templates.Render(TemplateSet.GuideEnglish, Record(("name", "x"))));
    }

    [Fact]
    public void Two_template_sets_on_one_thread_each_render_their_own_templates()
    {
        var overridden = Templates("overridden {{ domain }}", "guide");
        var builtIn = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, overrideDirectory: null, new DiagnosticBag())!;

        Assert.Equal("overridden a.example", overridden.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record(("domain", "a.example"))));
        var zone = builtIn.Render(SfbPolicyGen.Concerns.Dns.DnsConcern.Template.Zone, Record(
            ("tenant", "t"), ("source", "policies.yaml"), ("domain", "a.example"), ("profile", "troubleshooting"), ("cloud", "worldwide"),
            ("ttl", 3600), ("notes", List(Array.Empty<string>())), ("name_width", 3),
            ("records", List([Record(("name", "sip"), ("ttl", 3600), ("type", "CNAME"), ("data", "sipdir.online.lync.com."))]))));

        Assert.DoesNotContain("overridden", zone, StringComparison.Ordinal);
        Assert.Contains("$ORIGIN a.example.", zone, StringComparison.Ordinal);
    }
}
