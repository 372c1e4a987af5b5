using SfbPolicyGen.Concerns;

namespace SfbPolicyGen.Output;

/// <summary>What a writer produces: text with '\n' line ends and a path relative to the output
/// folder ('/'-separated). Encoding and line endings are the output stage's job. A binary format
/// (Registry.pol) has no text: its writer gives the bytes, since they are the format itself. Language,
/// Domain and Client say which language, domain or client a per-language, per-domain or per-client file
/// is for (the guide names them).</summary>
public sealed record Artifact(string Tenant, ArtifactKind Kind, string Path, string Text, string? Language = null, string? Domain = null, byte[]? Binary = null, Model.TrustClient? Client = null);
