namespace SfbPolicyGen.Tests.Support;

/// <summary>Finds the repository (the folder holding SfbPolicyGen.sln) and ../shared beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden => Path.Combine(Root, "tests", "golden");

    /// <summary>../shared, or null when it is not there (tests that need it are skipped, not passed).</summary>
    public static string? Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>A file under ../shared; skips the test with the reason when it is missing.</summary>
    public static string SharedFile(params string[] parts)
    {
        Skip.If(Shared is null, $"../shared is not beside the repository ({Path.GetFullPath(Path.Combine(Root, ".."))}); the test needs it");
        var path = Path.Combine([Shared!, .. parts]);
        Skip.IfNot(File.Exists(path), $"{path} is missing; the test needs it");
        return path;
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
