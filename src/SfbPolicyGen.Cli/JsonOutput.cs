using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SfbPolicyGen.Cli;

/// <summary>JSON the commands print, written by hand (no reflection): LF line ends, and relaxed
/// escaping since messages quote names with ' and &lt;, which need no escape outside HTML.</summary>
internal static class JsonOutput
{
    public static string Write(bool indented, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
