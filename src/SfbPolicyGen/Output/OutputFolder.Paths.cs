namespace SfbPolicyGen.Output;

/// <summary>The read side of the output folder, by manifest path: the one entry through which plan,
/// check, the manifest and plan's read-back (Plan/ArtifactReader) reach its files, so that none of them
/// joins paths or reads files its own way.</summary>
public static partial class OutputFolder
{
    /// <summary>A manifest path to a full path inside the folder; anything that would leave it is
    /// refused. Text only (the folder's full path is computed once by the caller): no system call.</summary>
    /// <param name="root">The output folder's full path.</param>
    public static string Resolve(string root, string relative)
    {
        if (!StaysInside(relative) || Path.IsPathRooted(relative))
        {
            throw new InvalidDataException($"the path '{relative}' leaves the output folder");
        }

        return Path.Join(root, Path.DirectorySeparatorChar == '/' ? relative : relative.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Whether a manifest path stays inside the output folder, as text: relative (no leading
    /// '/'), '/'-separated (no '\\'), with no empty, '.' or '..' part. The one check of the manifest's paths
    /// (<see cref="Manifest.Load"/>) and of every path the output stage resolves; it allocates nothing,
    /// as it runs for every file.</summary>
    public static bool StaysInside(ReadOnlySpan<char> relative)
    {
        if (relative.IsEmpty || relative.Contains('\\'))
        {
            return false;
        }

        foreach (var part in relative.Split('/'))
        {
            if (relative[part] is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A whole file, in one open and, when it is no longer than <paramref name="expectedLength"/>
    /// (the size the caller knows or expects), one read: a read of one byte more that comes back short
    /// has met the end of the file. File.ReadAllBytes asks the size first (a second fstat per file). The
    /// bytes read, not a copy cut to their length: every caller compares or hashes them.</summary>
    public static ReadOnlyMemory<byte> ReadAll(string full, long expectedLength)
    {
        using var file = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = new byte[expectedLength + 1];
        var read = RandomAccess.Read(file, bytes, 0);
        if (read <= expectedLength)
        {
            return bytes.AsMemory(0, read);
        }

        // Longer than expected (check passes the size generate would write): the rest, from where the
        // first read stopped, on the same handle.
        var whole = new byte[RandomAccess.GetLength(file)];
        bytes.AsSpan(0, read).CopyTo(whole);
        while (read < whole.Length && RandomAccess.Read(file, whole.AsSpan(read), read) is var more and > 0)
        {
            read += more;
        }

        return whole.AsMemory(0, read);
    }
}
