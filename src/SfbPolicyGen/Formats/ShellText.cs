namespace SfbPolicyGen.Formats;

/// <summary>One word of a command line to paste into a POSIX shell: as it is when it holds only
/// characters no shell reads specially, else single-quoted (a quote inside as <c>'\''</c>). PowerShell
/// reads the quoted form the same unless the word holds a quote.</summary>
public static class ShellText
{
    public static string Word(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=@%+,".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
