using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>The adfs section reaches the model typed (<see cref="AdfsPolicy"/>), defaults applied; what
/// it refuses is in golden case 113-adfs-errors.</summary>
public sealed class AdfsSectionTests
{
    private const string Minimal = "tenant: {name: t}\ndomains: [t.example]\n";

    private static (AdfsPolicy? Adfs, IReadOnlyList<string> Diagnostics) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(Minimal + yaml), bag);
        return (policy?.Adfs, [.. bag.Sorted().Select(d => d.ToString())]);
    }

    [Fact]
    public void Without_the_section_there_is_no_adfs()
    {
        var (adfs, diagnostics) = Load("");
        Assert.Empty(diagnostics);
        Assert.Null(adfs);
    }

    [Fact]
    public void The_name_is_normalised_and_the_defaults_derive_from_it()
    {
        var (adfs, diagnostics) = Load("adfs:\n  federationServiceName: STS.Bücher.Example.\n");
        Assert.Empty(diagnostics);
        Assert.Equal(new AdfsPolicy("sts.xn--bcher-kva.example", new Uri("https://sts.xn--bcher-kva.example/FederationMetadata/2007-06/FederationMetadata.xml"), false), adfs);
        Assert.Equal("http://sts.xn--bcher-kva.example/adfs/probe", adfs!.ProbeUrl.ToString());
    }

    [Fact]
    public void A_metadata_url_and_the_probe_are_taken_as_written()
    {
        var (adfs, diagnostics) = Load("adfs:\n  federationServiceName: sts.t.example\n  metadataUrl: \" https://metadata.t.example:8443/fm.xml \"\n  probe: true\n");
        Assert.Empty(diagnostics);
        Assert.Equal(("https://metadata.t.example:8443/fm.xml", true), (adfs!.MetadataUrl.ToString(), adfs.Probe));
    }

    [Theory]
    [InlineData("ftp://sts.t.example/fm.xml", "p.yaml(5,16): error SFB034: 'ftp://sts.t.example/fm.xml' in 'adfs.metadataUrl' is refused: use https, not ftp: the token-signing certificates must come over TLS")]
    [InlineData("sts.t.example/fm.xml", "p.yaml(5,16): error SFB034: 'sts.t.example/fm.xml' in 'adfs.metadataUrl' is refused: it is not an absolute URL")]
    [InlineData("https://u@sts.t.example/fm.xml", "p.yaml(5,16): error SFB034: the URL in 'adfs.metadataUrl' is refused: it holds a user name or password (the metadata is public: remove them)")]
    public void A_metadata_url_that_is_not_https_is_refused_at_its_place(string url, string expected)
    {
        var (adfs, diagnostics) = Load($"adfs:\n  federationServiceName: sts.t.example\n  metadataUrl: {url}\n");
        Assert.Null(adfs);
        Assert.Equal(expected, Assert.Single(diagnostics));
    }
}
