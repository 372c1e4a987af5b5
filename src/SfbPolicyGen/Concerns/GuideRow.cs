using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns;

/// <summary>How a file takes part in its step of the guide: deployed, one of the ways to set the same
/// value (one is enough), or optional.</summary>
public enum StepRole
{
    Deploy,
    PickOne,
    Optional,
}

/// <summary>A text in each language the guide is written in (<see cref="Languages.Supported"/>).</summary>
public sealed record Localized<T>(T English, T French)
{
    public T For(string language) => language == Languages.French ? French : English;
}

/// <summary>A kind's row in the guide's table of files, under its concern's step (<see cref="Concern.GuideStep"/>).</summary>
/// <param name="What">What the file is, for this tenant (a retired client's package says so).</param>
/// <param name="Where">Where it is deployed, and by whom.</param>
/// <param name="ByFolder">The row names the file's folder: files deployed together (a domain's RFC 2136
/// messages are sent together, a client's Intune pair is one script package) are one row.</param>
public sealed record GuideRow(StepRole Role, Localized<Func<Output.Artifact, TenantPolicy, string>> What, Localized<string> Where, bool ByFolder = false);
