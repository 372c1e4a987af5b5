using System.Collections;
using Scriban.Runtime;

namespace SfbPolicyGen.Templates;

/// <summary>Template models built by hand (no reflection over .NET objects, so Native AOT stays possible).</summary>
internal static class ScriptModel
{
    public static ScriptObject Record(params (string Name, object? Value)[] members)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in members)
        {
            result.Add(name, value);
        }

        return result;
    }

    public static ScriptArray List(IEnumerable<object?> items) => [.. items];

    /// <summary>A list whose items are made as the template reads them, not before: for the lists that
    /// grow with the domains (a row per file in the guide, a record per domain in the DNS Server script),
    /// where a model made whole held about 700 bytes per item at once; one tenant of 10,000 domains,
    /// tens of megabytes at the run's peak (issue 14). Scriban reads any <see cref="IList"/> as an array
    /// (for loops, <c>size</c>, indexing, the array functions); an item is made again each time it is
    /// read, so <paramref name="item"/> must give the same item for the same index.</summary>
    public static IList Projected(int count, Func<int, object?> item) => new ProjectedList(count, item);

    private sealed class ProjectedList(int count, Func<int, object?> item) : IList
    {
        public int Count => count;

        public bool IsFixedSize => true;

        public bool IsReadOnly => true;

        public bool IsSynchronized => false;

        public object SyncRoot => this;

        public object? this[int index]
        {
            get => (uint)index < (uint)count ? item(index) : throw new ArgumentOutOfRangeException(nameof(index));
            set => throw ReadOnly();
        }

        public IEnumerator GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return item(i);
            }
        }

        public bool Contains(object? value) => IndexOf(value) >= 0;

        public int IndexOf(object? value)
        {
            for (var i = 0; i < count; i++)
            {
                if (Equals(item(i), value))
                {
                    return i;
                }
            }

            return -1;
        }

        public void CopyTo(Array array, int index)
        {
            for (var i = 0; i < count; i++)
            {
                array.SetValue(item(i), index + i);
            }
        }

        public int Add(object? value) => throw ReadOnly();

        public void Clear() => throw ReadOnly();

        public void Insert(int index, object? value) => throw ReadOnly();

        public void Remove(object? value) => throw ReadOnly();

        public void RemoveAt(int index) => throw ReadOnly();

        private static NotSupportedException ReadOnly() => new("a template model is read-only");
    }
}
