using System.Runtime.InteropServices;

namespace SfbPolicyGen.Output;

/// <summary>What a path of the output folder holds.</summary>
internal enum EntryKind
{
    Missing,
    File,
    Folder,
}

/// <param name="Length">A file's size in bytes (0 otherwise).</param>
internal readonly record struct PathState(EntryKind Kind, long Length);

/// <summary>The output folder as one generate run sees it, asking the disk as little as it can: each
/// folder is looked at once (lstat) and remembered, a path below a missing folder (or below a file) is
/// known missing without asking, and a folder the run creates is created once, its parents first. A
/// symbolic link met anywhere (a folder or the file itself) is refused where it is found: generate
/// neither writes nor deletes through links, wherever they point. So a file costs one lstat, and a
/// folder one lstat (and one mkdir when new), never one per part of every path.
/// Paths are '/'-separated and relative to the folder, checked as text (no '..', nothing absolute),
/// and joined to the folder's full path computed once: no GetFullPath (getcwd) per file.</summary>
internal sealed partial class FolderView
{
    private readonly Dictionary<string, EntryKind> _folders = new(StringComparer.Ordinal) { [""] = EntryKind.Folder };
    private readonly List<string> _created = [];

    /// <param name="outDirectory">The output folder, which exists.</param>
    public FolderView(string outDirectory) => Root = Path.GetFullPath(outDirectory);

    /// <summary>The output folder's full path.</summary>
    public string Root { get; }

    /// <summary>The folders this run created, parents first ('/'-separated, relative).</summary>
    public IReadOnlyList<string> Created => _created;

    /// <summary>The full path of a file or folder of the output folder; anything that would leave it is refused.</summary>
    /// <exception cref="InvalidDataException">The path is absolute, holds a '\', an empty part, '.' or '..'.</exception>
    public string Full(string relative) => OutputFolder.Resolve(Root, relative);

    /// <summary>The folder of a relative path ("" for the output folder itself).</summary>
    public static string FolderOf(string relative) => relative.LastIndexOf('/') is var slash and >= 0 ? relative[..slash] : "";

    /// <summary>What a file's path holds now (a file and its size, a folder, or nothing).</summary>
    /// <exception cref="IOException">The path, or a folder above it, is a symbolic link.</exception>
    public PathState File(string relative) =>
        Folder(FolderOf(relative)) == EntryKind.Folder ? Look(relative) : default;

    /// <summary><see cref="File(string)"/>, taking what another thread's lstat of the path found (a file
    /// or nothing: a link or a folder is never passed) instead of asking again; the folders above it are
    /// still checked here, once each.</summary>
    public PathState File(string relative, PathState? looked) =>
        Folder(FolderOf(relative)) == EntryKind.Folder ? looked ?? Look(relative) : default;

    /// <summary>What a folder's path holds, asked once per run.</summary>
    /// <exception cref="IOException">The folder, or one above it, is a symbolic link.</exception>
    public EntryKind Folder(string relative)
    {
        if (!_folders.TryGetValue(relative, out var kind))
        {
            kind = Folder(FolderOf(relative)) == EntryKind.Folder ? Look(relative).Kind : EntryKind.Missing;
            _folders[relative] = kind;
        }

        return kind;
    }

    /// <summary>Creates a folder and the missing ones above it, each once (no mkdir that fails because
    /// the folder exists).</summary>
    public void CreateFolder(string relative)
    {
        if (Folder(relative) == EntryKind.Folder)
        {
            return;
        }

        CreateFolder(FolderOf(relative));
        Directory.CreateDirectory(Full(relative));
        _folders[relative] = EntryKind.Folder;
        _created.Add(relative);
    }

    /// <summary>Renames a file over a path of the output folder, creating its folder first if need be.
    /// On Unix, rename(2) itself: File.Move first looks at the source (an lstat per file).</summary>
    public void MoveInto(string source, string relative)
    {
        CreateFolder(FolderOf(relative));
        Replace(source, relative);
    }

    /// <summary><see cref="MoveInto"/> into a folder that exists. It reads and changes nothing of this view, so
    /// several threads may call it at once.</summary>
    public void Replace(string source, string relative)
    {
        var target = Full(relative);
        if (OperatingSystem.IsWindows())
        {
            System.IO.File.Move(source, target, overwrite: true);
        }
        else if (Rename(source, target) != 0)
        {
            throw new IOException($"cannot move a file to {target}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>The bytes of a file whose size <see cref="File(string)"/> gave (<see cref="OutputFolder.ReadAll"/>).</summary>
    public ReadOnlyMemory<byte> Read(string relative, long length) => OutputFolder.ReadAll(Full(relative), length);

    /// <summary>Forgets what is known of a folder and those below it (after the run removed it).</summary>
    public void Forget(string relative)
    {
        foreach (var known in _folders.Keys.Where(k => k == relative || k.StartsWith(relative + "/", StringComparison.Ordinal)).ToList())
        {
            _folders.Remove(known);
        }
    }

    /// <summary>One lstat: FileSystemInfo reads the entry itself, not what a link points to, and only
    /// a link costs more (its target, for the message).</summary>
    private PathState Look(string relative)
    {
        var full = Full(relative);
        var info = new FileInfo(full);
        var attributes = info.Attributes;
        if ((int)attributes == -1)
        {
            return default; // FileSystemInfo's answer for a path that does not exist
        }

        if (attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            throw new IOException($"{full} is a symbolic link (to {info.LinkTarget}); sfbpolicygen does not write or delete through links: replace it with a real folder or file");
        }

        return attributes.HasFlag(FileAttributes.Directory) ? new PathState(EntryKind.Folder, 0) : new PathState(EntryKind.File, info.Length);
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string source, string target);
}
