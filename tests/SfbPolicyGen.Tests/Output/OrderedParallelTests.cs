using SfbPolicyGen.Output;

namespace SfbPolicyGen.Tests.Output;

/// <summary>The map behind tenant-by-tenant rendering: results in the source's order whatever order
/// the threads finish in, never more than its bound ahead of the consumer, and the first failure in
/// order is the one reported.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void Results_come_in_the_order_of_the_source_however_the_work_finishes()
    {
        // Later items finish first.
        var results = OrderedParallel.Map(Enumerable.Range(0, 40), i =>
        {
            Thread.Sleep((40 - i) % 7);
            return i * i;
        }, ahead: 4).ToList();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
    }

    [Fact]
    public void No_more_than_the_bound_is_mapped_ahead_of_the_consumer()
    {
        var started = 0;
        var consumed = 0;
        var mostAhead = 0;
        foreach (var _ in OrderedParallel.Map(Enumerable.Range(0, 50), i => Interlocked.Increment(ref started), ahead: 3))
        {
            mostAhead = Math.Max(mostAhead, Volatile.Read(ref started) - consumed);
            Thread.Sleep(1); // a slow consumer: the map must wait for it
            consumed++;
        }

        Assert.Equal(50, consumed);
        Assert.InRange(mostAhead, 1, 3);
    }

    [Fact]
    public void The_first_failure_in_order_is_reported()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OrderedParallel.Map(Enumerable.Range(0, 20), i =>
        {
            if (i == 7)
            {
                Thread.Sleep(50); // fails last in time, first in order
            }

            return i is 7 or 12 ? throw new InvalidOperationException($"item {i}") : i;
        }, ahead: 8).ToList());

        Assert.Equal("item 7", error.Message);
    }
}
