using System.Text.Json;
using SfbPolicyGen.Tests.Golden;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>The consumer suite (trait Category=Consumer): every artifact of every valid golden case and
/// of the sample out/ is fed to a program that really consumes it, and what that program makes of it is
/// compared with the model loaded from the same policy files. Exit codes are never trusted alone:
/// Wine and hivex accept malformed input silently (docs/REGISTRY.md, "Consumers that stand in for Windows").
/// Run it alone with <c>dotnet test --filter Category=Consumer</c>.</summary>
public static class ConsumerSuite
{
    public const string Category = "Category";
    public const string Consumer = "Consumer";

    /// <summary>The artifacts of one kind in a case, from its committed manifest (so that every file of
    /// that kind is covered, not just those a test thought of). Fails unless they are exactly the ones the
    /// case's model calls for (<see cref="GoldenCases.ExpectedArtifacts"/>): a loop over them can never
    /// check nothing because a kind was renamed or a file went missing.</summary>
    public static IReadOnlyList<ListedArtifact> Artifacts(string caseName, string kind)
    {
        Assert.Contains(kind, GoldenCases.Kinds);
        var root = GoldenCases.Expected(caseName);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("artifacts").EnumerateArray()
            .Where(entry => entry.GetProperty("kind").GetString() == kind)
            .Select(entry => (
                Path: entry.GetProperty("path").GetString()!,
                Artifact: new ListedArtifact(
                    entry.GetProperty("tenant").GetString()!,
                    Path.Combine(root, entry.GetProperty("path").GetString()!),
                    entry.TryGetProperty("domain", out var domain) ? domain.GetString() : null)))
            .ToList();
        var expected = GoldenCases.Tenants(caseName).SelectMany(GoldenCases.ExpectedArtifacts).Where(a => a.Kind == kind).Select(a => a.Path).Order(StringComparer.Ordinal).ToList();
        var found = listed.Select(l => l.Path).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            expected.SequenceEqual(found, StringComparer.Ordinal),
            $"{caseName}: the manifest lists {found.Count} artifact(s) of kind '{kind}' [{string.Join(", ", found)}], the model calls for {expected.Count} [{string.Join(", ", expected)}]");
        return [.. listed.Select(l => l.Artifact)];
    }

    /// <summary>A fresh folder under the system's temporary folder, removed by <see cref="TempFolder.Dispose"/>.</summary>
    public static TempFolder NewTempFolder() => new(Directory.CreateTempSubdirectory("sfb-consumer-").FullName);
}

public sealed record ListedArtifact(string Tenant, string FullPath, string? Domain);

public sealed class TempFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing a file: the system's temporary folder is cleaned anyway.
        }
    }
}
