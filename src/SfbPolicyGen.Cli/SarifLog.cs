using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Cli;

/// <summary>The run's diagnostics as one SARIF 2.1.0 log (docs/SARIF.md): a rule per code, a result per
/// diagnostic with a place in a file, a tool execution notification per diagnostic without one. Written
/// whatever the run found, an empty <c>results</c> when it found nothing, so that code scanning closes
/// the alerts that were fixed (docs/SARIF.md, "Always one log"). The bytes depend on the diagnostics, the
/// exit code, the current directory's relation to the files and the tool's version only: no time, no
/// GUID, no absolute path (docs/SARIF.md, "Paths").</summary>
internal static partial class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The key of <c>partialFingerprints</c>; a new version of the hash gets a new key.</summary>
    public const string FingerprintKey = "sfbpolicygen/v1";

    /// <summary>The base that every result's URI is relative to: the run's current directory.</summary>
    public const string SourceRoot = "%SRCROOT%";

    public static string Write(IReadOnlyList<Diagnostic> diagnostics, int exitCode, string currentDirectory)
    {
        var rules = DiagnosticRules.All;
        var ruleIndex = rules.Select((rule, index) => (rule.Code, index)).ToDictionary(r => r.Code, r => r.index, StringComparer.Ordinal);
        var notificationRules = rules.Where(r => r.OfRun).ToList();
        var notificationIndex = notificationRules.Select((rule, index) => (rule.Code, index)).ToDictionary(r => r.Code, r => r.index, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        return JsonOutput.Write(indented: true, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", Diagnostic.Origin);
            json.WriteString("version", ToolVersion);
            json.WriteString("semanticVersion", ToolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                Descriptor(json, rule);
            }

            json.WriteEndArray();
            json.WriteStartArray("notifications");
            foreach (var rule in notificationRules)
            {
                Descriptor(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteNumber("exitCode", exitCode);
            json.WriteBoolean("executionSuccessful", exitCode is ExitCodes.Success or ExitCodes.Differences);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var d in diagnostics.Where(d => d.File is null))
            {
                json.WriteStartObject();
                json.WriteString("level", Level(d.Severity));
                Message(json, d.Message);
                Reference(json, "descriptor", d.Code, notificationIndex);
                Reference(json, "associatedRule", d.Code, ruleIndex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRoot);
            json.WriteStartObject("description");
            json.WriteString("text", "The current directory of the run: the policy files' paths are relative to it, as they were given.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var d in diagnostics)
            {
                if (d.File is not { } file)
                {
                    continue;
                }

                var (uri, relative) = ArtifactUri(file, currentDirectory);
                json.WriteStartObject();
                json.WriteString("ruleId", d.Code);
                if (ruleIndex.TryGetValue(d.Code, out var index))
                {
                    json.WriteNumber("ruleIndex", index);
                }

                json.WriteString("level", Level(d.Severity));
                Message(json, d.Message);
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", uri);
                if (relative)
                {
                    json.WriteString("uriBaseId", SourceRoot);
                }

                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, d.Line));
                json.WriteNumber("startColumn", Math.Max(1, d.Column));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString(FingerprintKey, Fingerprint(d, uri, seen));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }) + "\n";
    }

    /// <summary>The tool's version as --version prints it.</summary>
    private static string ToolVersion => VersionFlag.Text;

    private static string Level(Severity severity) => severity == Severity.Error ? "error" : "warning";

    private static void Message(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject("message");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void Descriptor(Utf8JsonWriter json, DiagnosticRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Code);
        json.WriteString("name", rule.Name);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.ShortDescription);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Help);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", rule.Help);
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A reportingDescriptorReference: the id, and the index in its array when the code has one there.</summary>
    private static void Reference(Utf8JsonWriter json, string name, string code, Dictionary<string, int> indexes)
    {
        json.WriteStartObject(name);
        json.WriteString("id", code);
        if (indexes.TryGetValue(code, out var index))
        {
            json.WriteNumber("index", index);
        }

        json.WriteEndObject();
    }

    /// <summary>The file as a URI reference relative to the current directory, '/'-separated, each
    /// segment percent-encoded but for RFC 3986's unreserved characters; true when relative. A file
    /// on another drive (Windows) has no relative path: it is then an absolute file: URI, the one
    /// case where the log names an absolute path.</summary>
    internal static (string Uri, bool Relative) ArtifactUri(string file, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, Path.GetFullPath(file, currentDirectory));
        if (Path.IsPathRooted(relative))
        {
            return (new System.Uri(relative).AbsoluteUri, false);
        }

        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return (string.Join('/', segments.Select(System.Uri.EscapeDataString)), true);
    }

    /// <summary>SHA-256 of the code, the URI and the message, then the count of the same triple earlier in
    /// the log: stable across runs and across lines moving (docs/SARIF.md, "Fingerprints"). A message that
    /// names another line ("first at line 3") has that number left out, so it survives moves too.</summary>
    private static string Fingerprint(Diagnostic d, string uri, Dictionary<string, int> seen)
    {
        var identity = $"{d.Code}\n{uri}\n{LineNumber().Replace(d.Message, "line")}";
        var occurrence = seen.GetValueOrDefault(identity);
        seen[identity] = occurrence + 1;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}\n{occurrence.ToString(CultureInfo.InvariantCulture)}"));
        return Convert.ToHexStringLower(bytes);
    }

    [GeneratedRegex(@"\bline \d+")]
    private static partial Regex LineNumber();
}
