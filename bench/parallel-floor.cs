// The floor of issue 25's speed-up target: what a trivially parallel Native AOT program gets from a second
// core on this machine, for the three kinds of work a generate run does. bench/parallel-floor.sh copies
// this file out of the repository, publishes it (`dotnet publish`, a .NET 10 file-based program: Native
// AOT by default) and runs it pinned to each CPU set it is given.
//
// Usage: parallel-floor MODE ITEMS; prints "MODE MS" (the work alone, timed inside the process).
//   compute  ITEMS independent loops of arithmetic, nothing allocated (what scales if anything does)
//   alloc    ITEMS independent strings of 2,000 lines built, encoded and hashed (rendering's kind of work:
//            short-lived allocations, the GC)
//   files    ITEMS files of 5,000 bytes written into 1,000 folders under /dev/shm, then removed (staging's
//            kind of work: file creation on tmpfs)
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

var mode = args[0];
var items = int.Parse(args[1], CultureInfo.InvariantCulture);
long sink = 0;
var folder = Path.Combine("/dev/shm", $"parallel-floor-{Environment.ProcessId}");
var clock = Stopwatch.StartNew();
switch (mode)
{
    case "compute":
        Parallel.For(0, items, i =>
        {
            long x = i;
            for (var k = 0; k < 2_000_000; k++)
            {
                x = (x * 6364136223846793005) + 1442695040888963407;
            }

            Interlocked.Add(ref sink, x & 1);
        });
        break;
    case "alloc":
        Parallel.For(0, items, i =>
        {
            var text = new StringBuilder();
            for (var k = 0; k < 2000; k++)
            {
                text.Append("line ").Append(k).Append(" of item ").Append(i).Append('\n');
            }

            Interlocked.Add(ref sink, SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[0]);
        });
        break;
    case "files":
        var bytes = new byte[5000];
        Parallel.For(0, items, i =>
        {
            var sub = Path.Combine(folder, (i % 1000).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);
            File.WriteAllBytes(Path.Combine(sub, i.ToString(CultureInfo.InvariantCulture)), bytes);
        });
        break;
    default:
        Console.Error.WriteLine("usage: parallel-floor compute|alloc|files ITEMS");
        return 2;
}

var elapsed = clock.ElapsedMilliseconds;
if (Directory.Exists(folder))
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine($"{mode} {elapsed} {sink}");
return 0;
