namespace SfbPolicyGen.Tests.Support;

/// <summary>Finds the repository (the folder holding SfbPolicyGen.sln) and ../shared beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden => Path.Combine(Root, "tests", "golden");

    /// <summary>../shared, or null when it is not there. Private: tests reach it through
    /// <see cref="SharedFile"/>, which skips (or fails) them, never through a null check that would drop
    /// a check silently.</summary>
    private static string? Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>A file under ../shared; skips the test with the reason when it is missing, or fails it
    /// under SFB_REQUIRE_CONSUMERS=1 (<see cref="ExternalTool.Unavailable"/>).</summary>
    public static string SharedFile(params string[] parts)
    {
        if (Shared is not { } shared)
        {
            throw ExternalTool.Unavailable($"../shared is not beside the repository ({Path.GetFullPath(Path.Combine(Root, ".."))}); the test needs it");
        }

        var path = Path.Combine([shared, .. parts]);
        return File.Exists(path) ? path : throw ExternalTool.Unavailable($"{path} is missing; the test needs it");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SfbPolicyGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SfbPolicyGen.sln not found above " + AppContext.BaseDirectory);
    }
}
