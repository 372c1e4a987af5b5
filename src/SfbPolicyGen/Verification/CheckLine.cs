namespace SfbPolicyGen.Verification;

/// <summary>How one live check came out.</summary>
public enum CheckStatus
{
    /// <summary>As it should be.</summary>
    Ok,

    /// <summary>Works today, needs attention soon (a certificate expiring within 90 days, a clock 60 s off).</summary>
    Warning,

    /// <summary>Breaks sign-in (or will): a finding.</summary>
    Error,

    /// <summary>The check got no answer (a refused connection, a timeout): nothing was judged.</summary>
    Unreachable,
}

/// <summary>One line of <c>verify</c>: a tenant, the check it belongs to (<c>dns</c>, <c>adfs</c>, <c>time</c>),
/// what it looked at (a host name, a certificate, a server), and what it found, in the article's words
/// where the article has them.</summary>
public sealed record CheckLine(string Tenant, string Check, string Subject, CheckStatus Status, string Message)
{
    public bool IsFinding => Status is CheckStatus.Error or CheckStatus.Warning;
}
