using System.Collections;
using System.Runtime.CompilerServices;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A Forefront TMG array's client configuration settings, through the FPC COM API's shape
/// (TMG SDK: FPCArray.FWClientConfigSettings, FPCClientConfigSettings.AddSection / Item / Save,
/// FPCClientSettingsSection.Name / Value(key) / RemoveValue): what <c>New-Object -ComObject FPC.Root</c>
/// returns. Changes live in the objects until Save stores them, as with the COM API.</summary>
public sealed class TmgStandIn(List<string> changes)
{
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _saved = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Changes => changes;

    public TmgStandIn Section(string name, params (string Key, string Value)[] entries)
    {
        var section = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            section[key] = value;
        }

        _saved[name] = section;
        return this;
    }

    /// <summary>A new FPC.Root over what is stored now.</summary>
    public FpcRoot Connect() => new(new FpcClientConfigSettings(this, _saved.Select(s => new FpcClientSettingsSection(this, s.Key, s.Value))));

    internal void Store(IEnumerable<FpcClientSettingsSection> sections)
    {
        _saved.Clear();
        foreach (var section in sections)
        {
            Section(section.Name, [.. section.Entries.Select(e => (e.Key, e.Value))]);
        }
    }

    public IEnumerable<string> Lines() => _saved
        .SelectMany(s => s.Value.Count == 0 ? [$"TMG [{s.Key}] (empty)"] : s.Value.Select(e => $"TMG [{s.Key}] {e.Key}={e.Value}"));
}

public sealed class FpcRoot(FpcClientConfigSettings settings)
{
    public FpcArray GetContainingArray() => new(settings);
}

public sealed class FpcArray(FpcClientConfigSettings settings)
{
    public FpcClientConfigSettings FWClientConfigSettings => settings;
}

public sealed class FpcClientConfigSettings(TmgStandIn store, IEnumerable<FpcClientSettingsSection> sections) : IEnumerable<FpcClientSettingsSection>
{
    private readonly List<FpcClientSettingsSection> _sections = [.. sections];

    public int Count => _sections.Count;

    public FpcClientSettingsSection AddSection(string name)
    {
        store.Changes.Add($"TMG AddSection {name}");
        if (_sections.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"a section named '{name}' already exists");
        }

        var section = new FpcClientSettingsSection(store, name, new Dictionary<string, string>());
        _sections.Add(section);
        return section;
    }

    public FpcClientSettingsSection Item(string name) => _sections.Single(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>FPCPersist.Save; its two arguments (fResetRequiredServices, fReloadConfiguration) are
    /// optional and the script passes none.</summary>
    public void Save()
    {
        store.Changes.Add("TMG Save");
        store.Store(_sections);
    }

    public IEnumerator<FpcClientSettingsSection> GetEnumerator() => _sections.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public sealed class FpcClientSettingsSection(TmgStandIn store, string name, IDictionary<string, string> entries)
{
    private readonly SortedDictionary<string, string> _entries = new(entries, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    internal IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>The COM property Value(Name), read and written as <c>$section.Value('Disable')</c> (a named
    /// indexer is a parameterized property to PowerShell). Reading a key the section does not hold fails
    /// here (unverified on TMG: the generated script copes either way).</summary>
    [IndexerName("Value")]
    public string this[string key]
    {
        get => _entries.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no key '{key}' in section '{Name}'");
        set
        {
            store.Changes.Add($"TMG [{Name}] {key}={value}");
            _entries[key] = value;
        }
    }

    public void RemoveValue(string key)
    {
        store.Changes.Add($"TMG [{Name}] remove {key}");
        _entries.Remove(key);
    }
}
