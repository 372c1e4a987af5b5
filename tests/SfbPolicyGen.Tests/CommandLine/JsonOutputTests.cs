using System.Text.Json;
using SfbPolicyGen.Cli;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>JSON streamed in pieces (plan at a thousand tenants) is the JSON written whole.</summary>
public sealed class JsonOutputTests
{
    private static void Items(Utf8JsonWriter json, Action pieceDone)
    {
        json.WriteStartArray();
        for (var i = 0; i < 20_000; i++)
        {
            // Characters of two, three and four UTF-8 bytes, so that pieces end next to them.
            json.WriteStringValue($"bücher-€-😀-{i}");
            pieceDone();
        }

        json.WriteEndArray();
    }

    [Fact]
    public void Pieces_join_into_the_JSON_written_whole()
    {
        var pieces = new CountingWriter();
        JsonOutput.WriteTo(pieces, indented: true, Items);
        var whole = JsonOutput.Write(indented: true, json => Items(json, () => { }));

        Assert.True(pieces.Writes > 5, $"{pieces.Writes} piece(s): the output should have gone in several");
        Assert.Equal(whole, pieces.ToString());
        using var document = JsonDocument.Parse(whole);
        Assert.Equal(20_000, document.RootElement.GetArrayLength());
        Assert.Equal("bücher-€-😀-19999", document.RootElement[19_999].GetString());
    }

    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(string? value)
        {
            Writes++;
            base.Write(value);
        }
    }
}
