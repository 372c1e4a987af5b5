using System.Collections.Frozen;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace SfbPolicyGen.Templates;

/// <summary>Scriban's built-in objects (<c>string</c>, <c>array</c>, <c>date</c>, <c>include</c>...), each
/// made the first time a template names it, then kept, read-only, for every render on every thread.
/// <c>new BuiltinFunctions()</c> builds all twelve through reflection and then deep-copies them, which
/// was a fifth of the CPU samples of a generate of the sample, half of those in Main (perf, docs/PERFORMANCE.md); the shipped templates
/// use only <c>string</c> and <c>include</c>. A template override still reaches every built-in:
/// the names and types are Scriban's own (a test compares them with <c>BuiltinFunctions</c>).</summary>
internal sealed class LazyBuiltins : ScriptObject
{
    public static readonly LazyBuiltins Instance = new();

    private static readonly FrozenDictionary<string, Lazy<object>> Members = new Dictionary<string, Func<object>>(StringComparer.Ordinal)
    {
        ["array"] = () => ReadOnly(new ArrayFunctions()),
        ["blank"] = () => EmptyScriptObject.Default,
        ["date"] = () => ReadOnly(new DateTimeFunctions()),
        ["empty"] = () => EmptyScriptObject.Default,
        ["html"] = () => ReadOnly(new HtmlFunctions()),
        ["include"] = () => new IncludeFunction(),
        ["include_join"] = () => new IncludeJoinFunction(),
        ["math"] = () => ReadOnly(new MathFunctions()),
        ["object"] = () => ReadOnly(new ObjectFunctions()),
        ["regex"] = () => ReadOnly(new RegexFunctions()),
        ["string"] = () => ReadOnly(new StringFunctions()),
        ["timespan"] = () => ReadOnly(new TimeSpanFunctions()),
    }.ToFrozenDictionary(entry => entry.Key, entry => new Lazy<object>(entry.Value, LazyThreadSafetyMode.ExecutionAndPublication), StringComparer.Ordinal);

    /// <summary>The names, for the test that holds them to Scriban's.</summary>
    public static IEnumerable<string> Names => Members.Keys;

    // No import of this type's statics (base(capacity, false)): the store stays empty, every member is lazy.
    private LazyBuiltins()
        : base(0, false) => IsReadOnly = true;

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object value)
    {
        var found = Members.TryGetValue(member, out var lazy);
        value = found ? lazy!.Value : null!;
        return found;
    }

    public override bool Contains(string member) => Members.ContainsKey(member);

    // Read-only like every member: 'string = 1' or 'string.x = 1' in a template is an error (SFB090),
    // never a change that other renders, on other threads, would see.
    public override bool CanWrite(string member) => false;

    private static ScriptObject ReadOnly(ScriptObject functions)
    {
        functions.IsReadOnly = true;
        return functions;
    }
}
