using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SfbPolicyGen.Output;

/// <summary>How generate makes what it wrote survive a power cut, with as few flushes as the platform
/// allows: a flush waits for the disk, and one per file made a run of 32,000 files seconds slower,
/// while the folders, never flushed, left the renames themselves at the mercy of the cache.
/// - Linux: files are written without a flush; one syncfs(2) of the output folder's file system makes
///   every staged file and the journal durable before anything is renamed, an fsync(2) of the output
///   folder makes the journal's rename durable before the first artifact moves, a second syncfs after
///   the moves makes every rename, new folder and removal (and the final manifest's bytes) durable
///   before that manifest is renamed into place, and a last fsync of the output folder, that rename.
///   Four flushes a run, whatever its size.
/// - Other Unix (macOS has no syncfs): each file is flushed as it is written, and each folder the run
///   changed once after the moves.
/// - Windows: each file is flushed as it is written (FlushFileBuffers); a folder cannot be flushed, and
///   NTFS journals renames itself, writing its log out on its own schedule.
/// A process killed at any moment needs none of this (the kernel keeps what was written); the flushes
/// are for the machine that stops.</summary>
internal static partial class Durability
{
    private static bool OneSyncPerBatch => OperatingSystem.IsLinux();

    /// <summary>After a file's bytes are written, before its handle is closed.</summary>
    public static void FileWritten(SafeFileHandle file)
    {
        if (!OneSyncPerBatch)
        {
            RandomAccess.FlushToDisk(file);
        }
    }

    /// <summary>Everything written so far under <paramref name="root"/> reaches the disk: on Linux one
    /// syncfs of its file system; elsewhere the files were flushed as written and
    /// <paramref name="changedFolders"/> (full paths) are flushed now.</summary>
    public static void Batch(string root, IEnumerable<string> changedFolders)
    {
        if (OneSyncPerBatch)
        {
            WithFolder(root, SyncFileSystem, "syncfs");
            return;
        }

        foreach (var folder in changedFolders)
        {
            Folder(folder);
        }
    }

    /// <summary>The renames in a folder reach the disk (fsync of the folder; nothing on Windows).</summary>
    public static void Folder(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            WithFolder(folder, FileSync, "fsync");
        }
    }

    private static void WithFolder(string folder, Func<int, int> flush, string name)
    {
        var fd = Open(folder, 0 /* O_RDONLY: a folder is opened for reading to be flushed */);
        if (fd < 0)
        {
            throw new IOException($"cannot open {folder} to flush it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (flush(fd) != 0)
            {
                throw new IOException($"{name} of {folder} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FileSync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFileSystem(int fd);
}
