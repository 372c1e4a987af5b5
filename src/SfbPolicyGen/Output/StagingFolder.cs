using System.Globalization;

namespace SfbPolicyGen.Output;

/// <summary>.sfbpolicygen-staging in the output folder: where changed files wait, numbered in the order
/// they come, until the journal is in place (a rename within one file system is atomic; a copy is not).
/// Created with the first file, so a run that changes nothing never creates it, after removing what a
/// killed run left there. Messages name the output folder, never this one.</summary>
/// <remarks>Files are written on the thread pool, at most <see cref="Writers"/> waiting or being written, while the output stage
/// goes on (issue 25: one thread writing 57,000 files was most of a fresh generate); <see cref="Written"/>
/// waits for them, and everything that reads the folder or relies on its files waits first.</remarks>
internal sealed class StagingFolder(FolderView view, string outDirectory) : IDisposable
{
    /// <summary>Files given to the thread pool and not yet written: a couple per core, and no more bytes
    /// held than that many files (a few kilobytes each).</summary>
    private static readonly int Writers = 2 * Math.Max(2, Environment.ProcessorCount);

    private readonly SemaphoreSlim _writers = new(Writers, Writers);
    private int _count;
    private bool _created;
    private Exception? _failure;

    public string FullPath { get; } = view.Full(OutputFolder.StagingName);

    /// <summary>Stages a file: written on another thread, or on this one when <see cref="Writers"/> files
    /// are already waiting (issue 25: waiting for a writer, the output stage spun on the semaphore, a tenth
    /// of a fresh generate's CPU time on 2 cores; writing the file itself, it waits for nothing).</summary>
    /// <returns>Its number (<see cref="PathOf"/>), not its path: tens of thousands of staged files are
    /// remembered until the journal is in place.</returns>
    /// <exception cref="IOException">An earlier file could not be written.</exception>
    public int Add(byte[] bytes)
    {
        Create();
        ThrowIfFailed();
        var path = PathOf(_count);
        if (!_writers.Wait(0))
        {
            Write(path, bytes);
            return _count++;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            state =>
            {
                try
                {
                    Write(state.Path, state.Bytes);
                }
                catch (IOException ex)
                {
                    Interlocked.CompareExchange(ref _failure, ex, null);
                }
                finally
                {
                    _writers.Release();
                }
            },
            (Path: path, Bytes: bytes),
            preferLocal: false);
        return _count++;
    }

    /// <summary>Waits until every staged file is written.</summary>
    /// <exception cref="IOException">A file could not be written (the first failure).</exception>
    public void Written()
    {
        WaitForWriters();
        ThrowIfFailed();
    }

    public void Dispose() => _writers.Dispose();

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new IOException(failure.Message, failure);
        }
    }

    /// <summary>The full path of the staged file of that number.</summary>
    public string PathOf(int staged) => Path.Join(FullPath, staged.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes the journal or the final manifest, renamed over manifest.json next, as
    /// <paramref name="write"/> produces it (megabytes at a thousand tenants: never held whole).</summary>
    /// <returns>Its full path.</returns>
    public string Temporary(Action<Stream> write)
    {
        Create();
        Written();
        return WriteTemporary(write);
    }

    /// <summary><see cref="Temporary"/> on another thread, while the caller goes on: the folder is created
    /// here first (it goes through the caller's <see cref="FolderView"/>, which is not shared between
    /// threads), and no file may be staged until the task is done.</summary>
    public Task<string> TemporaryOnTheSide(Action<Stream> write)
    {
        Create();
        Written();
        return Task.Run(() => WriteTemporary(write));
    }

    private string WriteTemporary(Action<Stream> write)
    {
        var path = Path.Join(FullPath, "manifest.tmp");
        try
        {
            File.Delete(path);
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var stream = new FileStream(file, FileAccess.Write, bufferSize: 64 * 1024);
            write(stream);
            stream.Flush();
            Durability.FileWritten(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write into {outDirectory}: {ex.Message.Replace(FullPath, outDirectory, StringComparison.Ordinal)}", ex);
        }

        return path;
    }

    /// <summary>Removes the folder, this run's or one a killed run left.</summary>
    public void Remove()
    {
        WaitForWriters();
        if (_created || view.Folder(OutputFolder.StagingName) == EntryKind.Folder)
        {
            Directory.Delete(FullPath, recursive: true);
        }

        _created = false;
        view.Forget(OutputFolder.StagingName);
    }

    /// <summary><see cref="Remove"/> on the way out of a failed run: the failure is what gets reported.</summary>
    public void Discard()
    {
        try
        {
            Remove();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next run removes it.
        }
    }

    /// <summary>Waits for the writers, whatever they met (a failed run removes the folder next).</summary>
    private void WaitForWriters()
    {
        for (var i = 0; i < Writers; i++)
        {
            _writers.Wait();
        }

        _writers.Release(Writers);
    }

    private void Create()
    {
        if (_created)
        {
            return;
        }

        if (FolderAccess.WhyNotWritable(view.Root) is { } why)
        {
            throw new IOException($"nothing was changed in {outDirectory}: {view.Root} cannot be written ({why})");
        }

        Remove();
        view.CreateFolder(OutputFolder.StagingName);
        _created = true;
    }

    private void Write(string path, byte[] bytes)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            RandomAccess.Write(file, bytes, 0);
            Durability.FileWritten(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write into {outDirectory}: {ex.Message.Replace(FullPath, outDirectory, StringComparison.Ordinal)}", ex);
        }
    }
}
