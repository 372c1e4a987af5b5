namespace SfbPolicyGen.Cli;

/// <summary>Every exit code, decided here and nowhere else.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>check: the folder differs from what generate would write; verify-dns: a record is
    /// missing or different.</summary>
    public const int Differences = 1;

    /// <summary>Invalid input (any error diagnostic) or invalid command line.</summary>
    public const int InvalidInput = 2;

    /// <summary>I/O failure (including a DNS server that gives no usable answer) or a bug: the message
    /// says which.</summary>
    public const int IoOrInternalError = 3;

    /// <summary>generate stopped by Ctrl-C before it changed anything: 128 + SIGINT, as shells report it.</summary>
    public const int Stopped = 130;
}
