using SfbPolicyGen.Output;

namespace SfbPolicyGen.Tests.Output;

/// <summary>The staging folder writes its files on other threads (issue 25): every file is on disk once
/// <c>Written</c> returns, in the order of its number whatever thread wrote it, and a file that cannot be
/// written is reported, with the output folder's name, by <c>Written</c> and by every <c>Add</c> after it.</summary>
public sealed class StagingFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-staging-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_staged_file_holds_its_bytes_once_written_returns()
    {
        using var staging = new StagingFolder(new FolderView(_dir), _dir);
        var numbers = Enumerable.Range(0, 500).Select(i => staging.Add(BitConverter.GetBytes(i))).ToList();

        staging.Written();

        Assert.Equal(Enumerable.Range(0, 500), numbers);
        Assert.All(numbers, i => Assert.Equal(BitConverter.GetBytes(i), File.ReadAllBytes(staging.PathOf(i))));
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_reported_by_written_and_by_the_next_add_and_remove_still_cleans_up()
    {
        using var staging = new StagingFolder(new FolderView(_dir), _dir);
        staging.Add([1]);
        staging.Written();
        Directory.CreateDirectory(staging.PathOf(1)); // where the next file goes: CreateNew fails, even as root

        staging.Add([2]);

        var failure = Assert.Throws<IOException>(staging.Written);
        Assert.StartsWith($"cannot write into {_dir}: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".sfbpolicygen-staging", failure.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => staging.Add([3]));
        staging.Remove();
        Assert.False(Directory.Exists(staging.FullPath));
    }
}
