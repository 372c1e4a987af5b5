using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Cli;

/// <summary><c>init [FILE] [--tenant NAME] [--domain D...] [--proxy tmg|other|none] [--force]</c>: writes a
/// commented policy file that validates (checked by loading it before writing), and the JSON Schema
/// beside it for editors. Refuses to overwrite either file without --force (exit 2).</summary>
internal static class InitCommand
{
    public static Command Create(CommandOutput console)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file to write.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => CliApp.DefaultPolicyFile };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant name (default: the first domain's first label)." };
        var domains = new Option<string[]>("--domain") { Description = $"A SIP domain; repeat for several (default: {PolicyFileTemplate.ExampleDomain}).", AllowMultipleArgumentsPerToken = true };
        var proxy = new Option<string>("--proxy") { Description = "The proxy kind.", DefaultValueFactory = _ => "none" };
        proxy.AcceptOnlyFromAmong("tmg", "other", "none");
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var command = new Command("init", "Write a commented policies.yaml to start from.") { file, tenant, domains, proxy, force };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            if (FreeText.HasUnsafeToShow(path))
            {
                return console.UsageError("the file name holds a control or bidirectional character; it would be written into the file's first lines");
            }

            if (!CommonOptions.TryDomains(parsed.GetValue(domains) is { Length: > 0 } given ? given : [PolicyFileTemplate.ExampleDomain], out var domainList, out var domainError))
            {
                return console.UsageError(domainError);
            }

            var normalized = domainList.ConvertAll(d => d.Name);

            // As typed when it is only letters, digits, '-' and '.': readable, and a plain YAML scalar.
            var typed = domainList.ConvertAll(d => d.Typed.Trim().All(c => char.IsLetterOrDigit(c) || c is '-' or '.') ? d.Typed.Trim() : d.Name);

            var name = parsed.GetValue(tenant) ?? PolicyFileTemplate.TenantFor(normalized[0]);
            if (!Identifiers.IsTenantName(name))
            {
                return console.UsageError(CommonOptions.NotATenantName(name));
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var schemaPath = Path.Combine(folder, PolicyFileTemplate.SchemaFileName);
            var schema = PolicySchema.Text();

            // A schema file already there is fine when it is this very schema (a second tenant in the folder).
            var schemaDiffers = File.Exists(schemaPath) && File.ReadAllText(schemaPath) != schema;
            if (!parsed.GetValue(force) && (File.Exists(path) || schemaDiffers))
            {
                return console.UsageError(File.Exists(path)
                    ? $"{path} exists; add --force to overwrite it"
                    : $"{schemaPath} exists and is not this version's schema; add --force to overwrite it");
            }

            var text = PolicyFileTemplate.Render(path, name, typed, parsed.GetValue(proxy)!);
            var diagnostics = new DiagnosticBag();
            if (PolicyLoader.Load(path, System.Text.Encoding.UTF8.GetBytes(text), diagnostics) is null || diagnostics.Count > 0)
            {
                throw new InvalidOperationException("the policy file init writes does not validate: " + string.Join("; ", diagnostics.Sorted()));
            }

            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
            File.WriteAllText(schemaPath, schema);
            console.Out.WriteLine($"wrote {path} (tenant {name}, {normalized.Count} domain(s), proxy {parsed.GetValue(proxy)}) and {PolicyFileTemplate.SchemaFileName}.");
            console.Out.WriteLine($"next: edit it, then run 'sfbpolicygen generate {path}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
