namespace SfbPolicyGen.Output;

/// <summary>A map that runs on the thread pool yet yields in the order of its source, never more than a
/// fixed number of items ahead of its consumer: the consumer (the output stage, which writes in a fixed
/// order) gets every core's work without the results piling up in memory.</summary>
internal static class OrderedParallel
{
    /// <param name="ahead">How many items may be mapped, or waiting, beyond the one the consumer holds.</param>
    /// <remarks>An exception of <paramref name="map"/> is thrown where its item would have been yielded,
    /// so the first failing item in order is the one reported. Items already started when the consumer
    /// stops are left to finish on their own; a map must therefore change nothing outside its result.</remarks>
    public static IEnumerable<TResult> Map<T, TResult>(IEnumerable<T> source, Func<T, TResult> map, int ahead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1);
        var pending = new Queue<Task<TResult>>();
        foreach (var item in source)
        {
            if (pending.Count == ahead)
            {
                yield return pending.Dequeue().GetAwaiter().GetResult();
            }

            pending.Enqueue(Task.Run(() => map(item)));
        }

        while (pending.Count > 0)
        {
            yield return pending.Dequeue().GetAwaiter().GetResult();
        }
    }
}
