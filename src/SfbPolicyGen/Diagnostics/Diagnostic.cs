namespace SfbPolicyGen.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>One problem, with its place, printed in the compiler form that CI systems annotate:
/// <c>policies.yaml(4,5): error SFB021: ...</c>. Line and column are 1-based. A problem of the command
/// line or of the run itself has no file: <c>sfbpolicygen: error SFB080: ...</c> (the tool as origin).</summary>
public sealed record Diagnostic(Severity Severity, string Code, string? File, int Line, int Column, string Message)
{
    public const string Origin = "sfbpolicygen";

    public string SeverityName => Severity == Severity.Error ? "error" : "warning";

    public override string ToString() => File is null
        ? $"{Origin}: {SeverityName} {Code}: {Message}"
        : $"{File}({Line},{Column}): {SeverityName} {Code}: {Message}";

    /// <summary>A problem with no place in a file: the command line, the output folder, a DNS server.</summary>
    public static Diagnostic OfRun(string code, string message) => new(Severity.Error, code, null, 0, 0, message);
}

/// <summary>A place in a source file (1-based line and column).</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan StartOf(string file) => new(file, 1, 1);
}

/// <summary>Collects every diagnostic of a run; nothing stops at the first problem.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Error(string code, SourceSpan at, string message)
    {
        HasErrors = true;
        _items.Add(new Diagnostic(Severity.Error, code, at.File, at.Line, at.Column, message));
    }

    /// <summary>An error of the run, at no place in a policy file (SFB08x).</summary>
    public void RunError(string code, string message)
    {
        HasErrors = true;
        _items.Add(Diagnostic.OfRun(code, message));
    }

    public void Warning(string code, SourceSpan at, string message) =>
        _items.Add(new Diagnostic(Severity.Warning, code, at.File, at.Line, at.Column, message));

    public void AddRange(DiagnosticBag other)
    {
        _items.AddRange(other._items);
        HasErrors |= other.HasErrors;
    }

    /// <summary>In file, line, column order (ordinal on the file), so output is stable whatever order rules ran in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items.Count == 0 ? [] :
        [.. _items
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
