namespace SfbPolicyGen.Cli;

/// <summary>A progress line on stderr for a person at a terminal, shown only when the work has taken
/// longer than a threshold (a thousand tenants, a slow disk), and erased when it ends.</summary>
internal sealed class Progress : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private readonly CommandOutput _console;
    private bool _shown;
    private bool _ended;

    private Progress(CommandOutput console, TimeSpan? after, string message)
    {
        _console = console;
        if (after is { } delay)
        {
            _timer = new Timer(_ => Show(message), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    public static Progress After(TimeSpan after, CommandOutput console, bool quiet, string message) =>
        new(console, console.Interactive && console.ForPeople && !quiet ? after : null, message);

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _ended = true;
            if (_shown)
            {
                _console.Error.Write("\r\u001b[2K"); // erase the line
            }
        }
    }

    private void Show(string message)
    {
        lock (_gate)
        {
            if (!_ended)
            {
                _console.Error.Write($"\r{_console.Colour(message + "...", 2)}");
                _shown = true;
            }
        }
    }
}
