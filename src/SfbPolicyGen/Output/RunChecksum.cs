using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SfbPolicyGen.Output;

/// <summary>The checksum of what one generate would do to an output folder as it is now (octoDNS's
/// <c>octodns-sync --checksum</c>): <c>plan --save</c> writes it into the plan a reviewer reads, and
/// <c>generate --plan</c> computes it again under the output lock, once its files are staged and before
/// the first one moves, and writes only when the two are equal. Plan and generate gather its parts from
/// the same scope (<see cref="FolderScope"/>) and the same facts, and this one function makes it: the
/// SHA-256 of these lines, UTF-8, LF, each path with its length so that no path can pass for another line:
/// <code>
/// sfbpolicygen run checksum 1
/// before SHA256|none                the manifest the run starts from: the state plan's lines compare with
/// after SHA256                      the manifest generate would write: every file's SHA-256 and every tenant's facts
/// write LENGTH:PATH SHA256|none     each file generate would write, and the file it replaces (none: absent)
/// stale LENGTH:PATH SHA256|none     each file of the run's tenants no longer produced, as it is on disk
/// </code>
/// writes and stale files in ordinal order of path. Why more than the final manifest: it says which bytes
/// every file will have, but not what they replace; a file edited by hand since the plan, which generate
/// would now overwrite, a stale file generate would now keep (edited) or no longer find, and a manifest
/// changed by another run (another tenant generated in between) each change a line here.</summary>
public static class RunChecksum
{
    private const string Header = "sfbpolicygen run checksum 1\n";

    /// <param name="before">The SHA-256 of the manifest on disk; null when there is none.</param>
    /// <param name="after">The SHA-256 of the manifest generate would write (<see cref="Manifest.Sha256Of"/>).</param>
    /// <param name="writes">The files whose bytes would change, each with the hash of the file it replaces.</param>
    /// <param name="stale">The files of <see cref="FolderScope.NoLongerProduced"/>, each with its hash on disk.</param>
    /// <returns>64 lowercase hexadecimal digits.</returns>
    public static string Of(Sha256Hash? before, Sha256Hash after, IEnumerable<(string Path, Sha256Hash? Hash)> writes, IEnumerable<(string Path, Sha256Hash? Hash)> stale)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(string text) => sha256.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        static string Hash(Sha256Hash? hash) => hash?.ToString() ?? "none";
        static string Path(string path) => string.Create(CultureInfo.InvariantCulture, $"{path.Length}:{path}");

        sha256.AppendData(Encoding.UTF8.GetBytes(Header));
        Line($"before {Hash(before)}");
        Line($"after {after}");
        foreach (var (path, hash) in writes.OrderBy(w => w.Path, StringComparer.Ordinal))
        {
            Line($"write {Path(path)} {Hash(hash)}");
        }

        foreach (var (path, hash) in stale.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            Line($"stale {Path(path)} {Hash(hash)}");
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }
}
