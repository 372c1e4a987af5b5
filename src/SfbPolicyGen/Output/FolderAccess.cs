using System.Runtime.InteropServices;

namespace SfbPolicyGen.Output;

/// <summary>Whether a folder accepts new files, asked before anything moves. On Linux and macOS,
/// access(2) with W_OK: it answers for permissions, read-only mounts (EROFS) and immutable folders
/// (EPERM, even for root) without creating anything, so a run killed at that moment leaves no trace.
/// On Windows, where ACLs decide, a probe file is created and deleted.</summary>
internal static partial class FolderAccess
{
    private const int WriteOk = 2;

    /// <returns>Null when the folder can be written, else why not.</returns>
    public static string? WhyNotWritable(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return Probe(folder);
        }

        return Access(folder, WriteOk) == 0 ? null : Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }

    private static string? Probe(string folder)
    {
        var probe = Path.Combine(folder, $".sfbpolicygen-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex is UnauthorizedAccessException ? "access denied" : ex.Message.Replace(probe, folder, StringComparison.Ordinal);
        }
    }

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
