using Scriban.Functions;
using SfbPolicyGen.Templates;

namespace SfbPolicyGen.Tests.Templates;

/// <summary>LazyBuiltins lists Scriban's built-ins by hand so that each is made on first use: held here
/// to Scriban's own list, so that an upgrade of Scriban that adds, renames or retypes one fails.</summary>
public sealed class LazyBuiltinsTests
{
    [Fact]
    public void Names_and_types_are_Scriban_s_own()
    {
        var scriban = new BuiltinFunctions();
        Assert.Equal(scriban.GetMembers().Order(StringComparer.Ordinal), LazyBuiltins.Names.Order(StringComparer.Ordinal));
        foreach (var name in scriban.GetMembers())
        {
            Assert.True(LazyBuiltins.Instance.Contains(name), name);
            Assert.True(LazyBuiltins.Instance.TryGetValue(null!, default, name, out var value), name);
            Assert.Equal(scriban[name]!.GetType(), value.GetType());
        }

        Assert.False(LazyBuiltins.Instance.Contains("strings"));
    }

    [Fact]
    public void Each_is_made_once_and_read_only()
    {
        LazyBuiltins.Instance.TryGetValue(null!, default, "math", out var first);
        LazyBuiltins.Instance.TryGetValue(null!, default, "math", out var second);
        Assert.Same(first, second);
        Assert.True(((Scriban.Runtime.ScriptObject)first).IsReadOnly);
        Assert.False(LazyBuiltins.Instance.CanWrite("math"));
    }
}
