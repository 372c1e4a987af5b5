using System.Text;
using System.Text.Json;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>A plan that <c>plan --save FILE</c> wrote: the JSON plan, headed by
/// <c>{"format": "sfbpolicygen-plan", "version": 1, "checksum": "…", "generate": "…"}</c>, where the
/// checksum is <see cref="RunChecksum"/> of the run it planned and "generate" the command that applies it.
/// <c>generate --plan FILE</c> reads it (<see cref="Read"/>), then, under the output lock, writes only when
/// its own checksum is this one (<see cref="Verify"/>): CI applies exactly what a reviewer read.</summary>
/// <param name="ChecksumAt">Where the checksum is written in the file.</param>
/// <param name="Generate">The command it was saved for, as plan wrote it (for the message of a refusal).</param>
public sealed record SavedPlan(string File, string Checksum, SourceSpan ChecksumAt, string Generate)
{
    /// <summary>The value of "format": a JSON file without it is not a saved plan.</summary>
    public const string Format = "sfbpolicygen-plan";

    /// <summary>The value of "version": bumped whenever <see cref="RunChecksum"/> would give another
    /// checksum for the same run, so that a plan saved by one version is never checked by another.</summary>
    public const int Version = 1;

    /// <summary>A plan file is a few megabytes at a thousand tenants; anything much larger is not one.</summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    /// <summary>The saved plan, or null after SFB051 (positioned where the file stops being one).</summary>
    public static SavedPlan? Read(string file, DiagnosticBag diagnostics)
    {
        var start = SourceSpan.StartOf(file);
        if (!System.IO.File.Exists(file))
        {
            return Refuse(diagnostics, start, "file not found; save a plan with 'sfbpolicygen plan --save FILE'");
        }

        if (new FileInfo(file).Length > MaxBytes)
        {
            return Refuse(diagnostics, start, $"the file is larger than {MaxBytes / (1024 * 1024)} MiB; it is not a plan sfbpolicygen saved");
        }

        var bytes = System.IO.File.ReadAllBytes(file);
        string? format = null;
        long? version = null;
        string? checksum = null;
        string? generate = null;
        var checksumAt = start;
        try
        {
            var json = new Utf8JsonReader(bytes);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return Refuse(diagnostics, start, "it is not a JSON object, so not a plan saved by 'sfbpolicygen plan --save'");
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.GetString();
                json.Read();
                switch (name)
                {
                    case "format" when json.TokenType == JsonTokenType.String:
                        format = json.GetString();
                        break;
                    case "version" when json.TokenType == JsonTokenType.Number && json.TryGetInt64(out var number):
                        version = number;
                        break;
                    case "checksum" when json.TokenType == JsonTokenType.String:
                        checksum = json.GetString();
                        checksumAt = At(file, bytes, json.TokenStartIndex);
                        break;
                    case "generate" when json.TokenType == JsonTokenType.String:
                        generate = json.GetString();
                        break;
                    default:
                        json.Skip();
                        break;
                }
            }

            // Past the object: the reader refuses anything but white space there (a JSON text is one value).
            json.Read();
        }
        catch (JsonException ex)
        {
            var at = new SourceSpan(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
            var why = ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
            return Refuse(diagnostics, at, $"it is not valid JSON ({FreeText.Shown(why, 200)}), so not a plan saved by 'sfbpolicygen plan --save'; save it again");
        }

        return format != Format ? Refuse(diagnostics, start, $"it has no \"format\": \"{Format}\", so it is not a plan saved by 'sfbpolicygen plan --save'")
            : version != Version ? Refuse(diagnostics, start, $"it was saved by another version of sfbpolicygen (plan version {(version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}, this version reads {Version}); run plan --save again with this one")
            : checksum is null || Sha256Hash.ParseLowerHex(checksum) is null ? Refuse(diagnostics, checksumAt, "its \"checksum\" is missing or not 64 lowercase hexadecimal digits; save the plan again")
            : new SavedPlan(file, checksum, checksumAt, generate ?? "");
    }

    /// <summary>SFB052 when <paramref name="checksum"/>, this run's, is not the plan's: the policy files,
    /// the templates, --prune, --out or the folder itself changed since the plan was saved.</summary>
    public void Verify(string checksum, DiagnosticBag diagnostics)
    {
        if (checksum != Checksum)
        {
            var savedFor = Generate.Length > 0 ? $", saved for '{FreeText.Shown(Generate, 500)}'" : "";
            diagnostics.Error(DiagnosticCodes.PlanNoLongerApplies, ChecksumAt,
                $"this run is not the one the saved plan describes{savedFor}: its checksum is {checksum[..12]}…, the plan's {Checksum[..12]}…; the policy files, the templates, "
                + "--prune, --out or the output folder changed since plan --save. Nothing was written: run plan --save again and review the new plan");
        }
    }

    /// <summary>SFB051: the file is not a plan this version saved.</summary>
    private static SavedPlan? Refuse(DiagnosticBag diagnostics, SourceSpan at, string why)
    {
        diagnostics.Error(DiagnosticCodes.NotASavedPlan, at, why);
        return null;
    }

    /// <summary>The 1-based line and column (in characters) of a byte offset of the file.</summary>
    private static SourceSpan At(string file, byte[] bytes, long offset)
    {
        var before = bytes.AsSpan(0, (int)offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourceSpan(file, before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
