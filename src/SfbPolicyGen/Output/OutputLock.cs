using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SfbPolicyGen.Output;

/// <summary>One writer per output folder at a time. An exclusive lock on a file in the system's
/// temporary folder named after the folder's full path, so the output folder itself holds nothing but
/// artifacts: a share mode (FileShare.None) on Windows, flock(2) on Unix, taken here explicitly because
/// the command-line tool turns off the flock .NET takes on every file it opens
/// (System.IO.DisableFileLocking in SfbPolicyGen.Cli.csproj: two flocks per artifact otherwise). The
/// lock file is never deleted (deleting it would let two runs lock two different files); the OS
/// releases the lock when the process ends, even when it is killed.</summary>
public sealed partial class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream) => _stream = stream;

    /// <param name="onWait">Called once when another run holds the lock, before waiting.</param>
    /// <exception cref="IOException">The lock was still held after <paramref name="timeout"/>.</exception>
    public static OutputLock Acquire(string outDirectory, TimeSpan timeout, Action? onWait = null)
    {
        var full = Path.GetFullPath(outDirectory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"sfbpolicygen-{name}.lock");
        var deadline = DateTime.UtcNow + timeout;
        var waited = false;
        while (true)
        {
            try
            {
                return new OutputLock(Locked(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!waited)
                {
                    onWait?.Invoke();
                    waited = true;
                }

                Thread.Sleep(100);
            }
            catch (IOException ex)
            {
                throw new IOException($"another sfbpolicygen run is still writing {outDirectory} after {timeout.TotalSeconds:0} s (lock {path}); try again when it has finished", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The stream, once flock(LOCK_EX | LOCK_NB) holds it on Unix (a second flock of the same
    /// open file, when .NET took one already, succeeds).</summary>
    /// <exception cref="IOException">Another process holds the lock (the stream is closed).</exception>
    private static FileStream Locked(FileStream stream)
    {
        const int Exclusive = 2, NonBlocking = 4;
        if (OperatingSystem.IsWindows() || FileLock((int)stream.SafeFileHandle.DangerousGetHandle(), Exclusive | NonBlocking) == 0)
        {
            return stream;
        }

        var error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        stream.Dispose();
        throw new IOException($"the lock is held ({error})");
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FileLock(int fd, int operation);
}
