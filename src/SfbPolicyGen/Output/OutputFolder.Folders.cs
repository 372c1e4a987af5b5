namespace SfbPolicyGen.Output;

/// <summary>The folder checks the output stage makes before the first file moves, and its clean-up of
/// the folders a run emptied.</summary>
public static partial class OutputFolder
{
    /// <summary>How many paths an error lists before it says how many more there are.</summary>
    private const int ListedInErrors = 20;

    /// <summary>"a, b, c and 3 more".</summary>
    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= ListedInErrors ? string.Join(", ", items) : $"{string.Join(", ", items.Take(ListedInErrors))} and {items.Count - ListedInErrors} more";

    /// <summary>Before the first file moves: no file is where a folder must go, and every folder a
    /// file is written to or removed from (or, when it does not exist yet, the folder it will be
    /// created in) accepts a new file (<see cref="FolderAccess"/>), once per folder.</summary>
    /// <param name="problems">Found while staging (a folder where a file must be); reported with these.</param>
    private static void RefuseUnwritableFolders(string outDirectory, FolderView view, IEnumerable<string> files, List<string> problems)
    {
        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in files.Select(FolderView.FolderOf).Distinct(StringComparer.Ordinal))
        {
            var existing = folder;
            while (view.Folder(existing) != EntryKind.Folder)
            {
                if (view.Folder(existing) == EntryKind.File)
                {
                    problems.Add($"{view.Full(existing)} is a file where a folder must be");
                    break;
                }

                existing = FolderView.FolderOf(existing);
            }

            var full = existing.Length == 0 ? view.Root : view.Full(existing);
            if (view.Folder(existing) == EntryKind.Folder && checkedFolders.Add(existing) && FolderAccess.WhyNotWritable(full) is { } why)
            {
                problems.Add($"{full} cannot be written ({why})");
            }
        }

        if (problems.Count > 0)
        {
            throw new IOException($"nothing was changed in {outDirectory}: {Listed(problems)}");
        }
    }

    /// <summary>Removes the now empty folders above a removed file.</summary>
    /// <returns>The folder that lost an entry last (the removed file's, or the one above the last folder removed).</returns>
    private static string PruneEmptyParents(FolderView view, string removedFile)
    {
        var folder = FolderView.FolderOf(removedFile);
        while (folder.Length > 0 && !Directory.EnumerateFileSystemEntries(view.Full(folder)).Any())
        {
            Directory.Delete(view.Full(folder));
            view.Forget(folder);
            folder = FolderView.FolderOf(folder);
        }

        return folder;
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left as it is: the error being reported matters more than an empty folder.
        }
    }
}
