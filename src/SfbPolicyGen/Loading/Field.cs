using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Loading;

internal enum FieldState
{
    /// <summary>Not written, or written as a YAML null: the default applies.</summary>
    Absent,

    /// <summary>Written but refused; the reason is already reported as an error.</summary>
    Invalid,

    Valid,
}

/// <summary>One value read from policies.yaml, with its state, so that a rule across fields can tell
/// "not written" from "written but refused" and never adds a warning about a refused value.</summary>
/// <param name="Value">Meaningful only when <see cref="State"/> is Valid.</param>
/// <param name="At">Where the value is written; when absent, where its key is (a YAML null) or would go (its mapping).</param>
internal readonly record struct Field<T>(FieldState State, T Value, SourceSpan At)
{
    public bool IsValid => State == FieldState.Valid;

    public bool IsInvalid => State == FieldState.Invalid;

    public bool IsWritten => State != FieldState.Absent;

    /// <summary>The value when valid, else <paramref name="fallback"/>: the default of an absent value.</summary>
    public T Or(T fallback) => IsValid ? Value : fallback;

    public T? OrDefault() => IsValid ? Value : default;

    /// <summary>The next check of a valid value; an absent or invalid one stays as it is.</summary>
    public Field<TOut> Then<TOut>(Func<T, Field<TOut>> next) => IsValid ? next(Value) : new(State, default!, At);

    /// <summary>Refused after the reason was reported (a duplicate entry, say).</summary>
    public Field<T> Refused() => this with { State = FieldState.Invalid, Value = default! };
}

internal static class Field
{
    public static Field<T> Valid<T>(T value, SourceSpan at) => new(FieldState.Valid, value, at);

    public static Field<T> Invalid<T>(SourceSpan at) => new(FieldState.Invalid, default!, at);

    public static Field<T> Absent<T>(SourceSpan at) => new(FieldState.Absent, default!, at);
}

/// <summary>A list read from policies.yaml: Absent, Invalid (not a list; reported) or Valid (a list),
/// with one field per entry as written. An entry refused or listed twice is Invalid (reported); a YAML
/// null entry is Absent and skipped without a word, as the loader always has.</summary>
/// <param name="At">Where the list starts (where its key is or would go when absent).</param>
internal readonly record struct ListField<T>(FieldState State, SourceSpan At, ImmutableArray<Field<T>> Entries)
{
    public bool IsWritten => State != FieldState.Absent;

    public bool IsList => State == FieldState.Valid;

    /// <summary>A list whose every entry was accepted: what a rule about the whole list may speak of.</summary>
    public bool IsComplete => IsList && Entries.All(entry => entry.IsValid);

    /// <summary>The accepted entries, in the order written.</summary>
    public IEnumerable<Field<T>> Accepted => Entries.Where(entry => entry.IsValid);

    public IEnumerable<T> Values => Accepted.Select(entry => entry.Value);
}
