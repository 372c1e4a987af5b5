using System.Collections.Frozen;
using System.Reflection;
using Scriban;
using Scriban.Runtime;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Templates;

/// <summary>The Scriban templates of the text artifacts: the defaults ship inside the assembly
/// (from /templates), and a folder given with --templates overrides them by file name.
/// Templates only lay text out: every value they print was escaped in C# by its format's escaper.</summary>
internal sealed class TemplateSet
{
    /// <summary>The guides' templates: the guide is the registry's own file, the others are each
    /// concern's (<see cref="Concerns.ConcernRegistry.Templates"/> lists them all).</summary>
    public const string GuideEnglish = "guide.en-US.md.sbn";
    public const string GuideFrench = "guide.fr-FR.md.sbn";

    private readonly FrozenDictionary<string, (Template Template, string Source)> _templates;

    private TemplateSet(FrozenDictionary<string, (Template, string)> templates) => _templates = templates;

    /// <summary>Parses every template once. Returns null (with diagnostics) when one does not parse.</summary>
    /// <param name="names">The templates the run's writers render, in ordinal order (<see cref="Concerns.ConcernRegistry.Templates"/>).</param>
    public static TemplateSet? Load(IReadOnlyList<string> names, string? overrideDirectory, DiagnosticBag diagnostics)
    {
        var templates = new Dictionary<string, (Template, string)>(StringComparer.Ordinal);
        if (overrideDirectory is not null)
        {
            foreach (var path in Directory.EnumerateFiles(overrideDirectory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    diagnostics.Warning(DiagnosticCodes.UnusedTemplateOverride, SourceSpan.StartOf(path),
                        $"'{name}' overrides no template{Suggestions.DidYouMean(name, names)} (templates: {string.Join(", ", names)})");
                }
            }
        }

        foreach (var name in names)
        {
            var overridePath = overrideDirectory is null ? null : Path.Combine(overrideDirectory, name);
            var (source, text) = overridePath is not null && File.Exists(overridePath)
                ? (overridePath, File.ReadAllText(overridePath))
                : ($"templates/{name}", ReadEmbedded(name));
            var template = Template.Parse(text, source);
            foreach (var message in template.Messages)
            {
                ReportError(diagnostics, new SourceSpan(source, message.Span.Start.Line + 1, message.Span.Start.Column + 1), message.Message);
            }

            templates[name] = (template, source);
        }

        return diagnostics.HasErrors ? null : new TemplateSet(templates.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>SFB090, for a template that does not parse (<see cref="Load"/>) and for one that fails
    /// while rendering (its caller catches <see cref="TemplateRenderException"/>).</summary>
    public static void ReportError(DiagnosticBag diagnostics, SourceSpan at, string message) =>
        diagnostics.Error(DiagnosticCodes.TemplateError, at, message);

    /// <summary>Renders with strict settings: an unknown variable is an error, members are reached by
    /// their exact names, and no loop limit (output is linear in the number of domains).</summary>
    /// <exception cref="TemplateRenderException">The template failed at run time.</exception>
    public string Render(string name, ScriptObject model)
    {
        var (template, source) = _templates[name];
        var context = _threadContext is { } cached && ReferenceEquals(_threadContextOwner, this) ? cached : NewContext();
        _threadContext = null; // given back only by a render that succeeds
        context.PushGlobal(model);
        try
        {
            var text = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
            context.PopGlobal();
            (_threadContext, _threadContextOwner) = (context, this);
            return text;
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(new SourceSpan(source, ex.Span.Start.Line + 1, ex.Span.Start.Column + 1), ex.OriginalMessage);
        }
    }

    // One context per thread, made for one template set and reused by its next render on that thread:
    // a context is 20-30 KB of dictionaries and buffers, and making one per file was a third of what a
    // generate of a thousand tenants allocated (docs/PERFORMANCE.md). A render leaves nothing in it: the
    // model it pushed is popped (a template's assignments live there), Scriban empties its output, and a
    // render that throws takes the context with it (TemplateContextReuseTests).
    [ThreadStatic]
    private static TemplateContext? _threadContext;

    [ThreadStatic]
    private static TemplateSet? _threadContextOwner;

    private TemplateContext NewContext()
    {
        var context = new TemplateContext(LazyBuiltins.Instance)
        {
            TemplateLoader = IncludeLoader.Instance,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            LoopLimit = 0,
            MemberRenamer = member => member.Name,
            NewLine = "\n",
        };
        foreach (var (included, entry) in _templates)
        {
            context.CachedTemplates[included] = entry.Template;
        }

        return context;
    }

    /// <summary>Serves <c>include</c> from this set only (an override of a partial applies too): Render
    /// puts every parsed template in the context's cache, so nothing is read or parsed again, and an
    /// include of any other name is a template error (SFB090), never a file read.</summary>
    private sealed class IncludeLoader : ITemplateLoader
    {
        public static readonly IncludeLoader Instance = new();

        public string GetPath(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templateName) =>
            context.CachedTemplates.ContainsKey(templateName)
                ? templateName
                : throw new Scriban.Syntax.ScriptRuntimeException(callerSpan, $"'{templateName}' is not a template of this set (templates: {string.Join(", ", context.CachedTemplates.Keys.Order(StringComparer.Ordinal))})");

        public string Load(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath) =>
            throw new InvalidOperationException($"{templatePath} should have been in the cache Render fills");

        public ValueTask<string?> LoadAsync(TemplateContext context, Scriban.Parsing.SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }

    /// <summary><see cref="Render"/> for a file that must be ASCII (an Intune script, which Windows
    /// PowerShell 5.1 reads in the ANSI code page): a character beyond ASCII, which only a template
    /// override can bring (every value is a validated ASCII name), is a template error.</summary>
    /// <exception cref="TemplateRenderException">The template failed, or its text is not ASCII.</exception>
    public string RenderAscii(string name, ScriptObject model)
    {
        var text = Render(name, model);
        var at = text.AsSpan().IndexOfAnyExceptInRange('\0', '\x7F');
        if (at >= 0)
        {
            var line = text.AsSpan(0, at).Count('\n') + 1;
            throw new TemplateRenderException(new SourceSpan(_templates[name].Source, 1, 1),
                $"the rendered file must be ASCII, and its line {line} holds U+{(int)text[at]:X4}");
        }

        return text;
    }

    private static string ReadEmbedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SfbPolicyGen.Templates.{name}")
            ?? throw new InvalidOperationException($"the built-in template {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>A template failed while rendering (an unknown variable, a bad call): reported as SFB090.</summary>
internal sealed class TemplateRenderException(SourceSpan at, string message) : Exception(message)
{
    public SourceSpan At { get; } = at;
}
