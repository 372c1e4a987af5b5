using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfbPolicyGen.Cli;

/// <summary>JSON the commands print, written by hand (no reflection): LF line ends, and relaxed
/// escaping since messages quote names with ' and &lt;, which need no escape outside HTML.</summary>
internal static class JsonOutput
{
    /// <summary>Pending bytes past which <see cref="WriteTo"/> hands the JSON on to its output.</summary>
    private const int Piece = 64 * 1024;

    public static string Write(bool indented, Action<Utf8JsonWriter> body)
    {
        using var output = new StringWriter();
        WriteTo(output, indented, (json, _) => body(json));
        return output.ToString();
    }

    /// <summary>Writes the JSON to <paramref name="output"/> as it goes, in pieces of about 64 KiB: a plan
    /// of a thousand tenants is tens of megabytes, never held whole (nor again as a string). The body
    /// calls the second argument between items to let a full piece go.</summary>
    public static void WriteTo(TextWriter output, bool indented, Action<Utf8JsonWriter, Action> body)
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // Flush writes whole tokens, so a piece never ends inside a UTF-8 sequence.
        void Drain()
        {
            json.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            buffer.SetLength(0);
        }

        body(json, () =>
        {
            if (json.BytesPending >= Piece)
            {
                Drain();
            }
        });
        Drain();
    }
}
