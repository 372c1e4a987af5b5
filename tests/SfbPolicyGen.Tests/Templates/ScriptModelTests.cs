using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Templates;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Tests.Templates;

/// <summary>ScriptModel.Projected makes a list's items as the template reads them (issue 14: the
/// guide's rows and the DNS Server script's records of a tenant of 10,000 domains): a template, the
/// shipped ones and any override, must see an ordinary array.</summary>
public sealed class ScriptModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfb-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_projected_list_reads_as_an_array_in_every_way_a_template_reads_one()
    {
        File.WriteAllText(Path.Combine(_folder, TemplateSet.GuideEnglish),
            "{{ files.size }}|{{ files[1].n }}|{{ for f in files }}{{ f.n }},{{ end }}|{{ files | array.size }}"
            + "|{{ for f in files reversed }}{{ f.n }}{{ end }}|{{ for f in files }}{{ if for.last }}last {{ f.n }}{{ end }}{{ end }}"
            + "|{{ for f in files offset:1 limit:1 }}{{ f.n }}{{ end }}|{{ files | array.map 'n' | array.join '+' }}");
        var made = 0;
        var files = Projected(3, i =>
        {
            made++;
            return Record(("n", $"f{i}"));
        });
        var templates = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, _folder, new DiagnosticBag())!;
        Assert.Equal(0, made); // nothing is made before the template reads it

        var text = templates.Render(TemplateSet.GuideEnglish, Record(("files", files)));

        Assert.Equal("3|f1|f0,f1,f2,|3|f2f1f0|last f2|f1|f0+f1+f2", text);
        Assert.True(made >= 3);
    }

    [Fact]
    public void A_projected_list_is_read_only_and_refuses_indexes_outside_it()
    {
        var list = Projected(2, i => i);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.Add(3));
        Assert.Throws<NotSupportedException>(() => list[0] = 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[2]);
        Assert.Equal(1, list.IndexOf(1));
        Assert.False(list.Contains(2));
    }
}
