using System.Text;
using SfbPolicyGen.Concerns.Diagnostics;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Concerns;

/// <summary>diagnostics (Concerns/Diagnostics): opt-in, read by its type alone into the model; only
/// <c>true</c> writes client/Collect-SfbSignInDiagnostics.ps1, and a value that is not true or false is refused where it is written.</summary>
public sealed class DiagnosticsKeyTests
{
    private const string Minimal = "tenant: {name: t}\ndomains: [t.example]\n";

    private const string ScriptPath = "t/client/Collect-SfbSignInDiagnostics.ps1";

    private static (TenantPolicy? Policy, IReadOnlyList<string> Diagnostics) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(yaml), bag);
        return (policy, [.. bag.Sorted().Select(d => d.ToString())]);
    }

    [Fact]
    public void True_reaches_the_model_and_writes_the_script()
    {
        var (policy, diagnostics) = Load(Minimal + "diagnostics: true\n");
        Assert.Empty(diagnostics);
        Assert.True(DiagnosticsKeys.IsOn(policy!));
        Assert.Equal(true, policy!.Settings.Bool("diagnostics"));
        Assert.Contains(ScriptPath, InMemoryPolicy.Build(Minimal + "diagnostics: true\n").Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("diagnostics: false\n")]
    public void Absent_or_false_writes_nothing_new(string line)
    {
        var (policy, diagnostics) = Load(Minimal + line);
        Assert.Empty(diagnostics);
        Assert.False(DiagnosticsKeys.IsOn(policy!));
        Assert.DoesNotContain(InMemoryPolicy.Build(Minimal + line).Keys, path => path.StartsWith("t/client/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_is_not_true_or_false_is_refused_where_it_is_written()
    {
        var (policy, diagnostics) = Load(Minimal + "diagnostics: sometimes\n");
        Assert.Null(policy);
        Assert.Equal(["p.yaml(3,14): error SFB012: 'diagnostics' must be true or false, found 'sometimes'"], diagnostics);
    }
}
