using System.Globalization;
using System.Text;
using System.Xml;

namespace SfbPolicyGen.Reports;

/// <summary>How a test case of a report came out.</summary>
public enum TestOutcome
{
    Passed,

    /// <summary>What the command found wrong (<c>&lt;failure&gt;</c>).</summary>
    Failed,

    /// <summary>What the command could not judge (<c>&lt;error&gt;</c>): a live check that got no answer.</summary>
    Errored,
}

/// <summary>One test case: its name, and for one that did not pass, the type and message of its
/// <c>&lt;failure&gt;</c> or <c>&lt;error&gt;</c> and the text inside it (a diff, plan lines).</summary>
public sealed record TestCaseResult(string Name, TestOutcome Outcome, string? Type = null, string? Message = null, string? Text = null)
{
    public static TestCaseResult Pass(string name) => new(name, TestOutcome.Passed);
}

/// <summary>One suite: a tenant (or the files outside tenant folders), its test cases in the order written.</summary>
public sealed record TestSuiteResult(string Name, IReadOnlyList<TestCaseResult> Cases)
{
    public int Failures => Cases.Count(c => c.Outcome == TestOutcome.Failed);

    public int Errors => Cases.Count(c => c.Outcome == TestOutcome.Errored);
}

/// <summary>The JUnit XML report of check, plan and verify (<c>--report junit FILE</c>), as Azure DevOps'
/// PublishTestResults and GitLab's artifacts:reports:junit read it (docs/REPORTS.md, "The schema"):
/// <code>
/// &lt;testsuites name="sfbpolicygen check" tests="N" failures="F" errors="E"&gt;
///   &lt;testsuite name="contoso" tests="N" failures="F" errors="E" skipped="0"&gt;
///     &lt;testcase classname="sfbpolicygen.check.contoso" name="contoso/dns/contoso.com.zone" /&gt;
///     &lt;testcase classname="sfbpolicygen.check.contoso" name="..."&gt;&lt;failure message="edited by hand" type="edited"&gt;diff&lt;/failure&gt;&lt;/testcase&gt;
/// </code>
/// The bytes are the same for the same results (docs/REPORTS.md, "Bytes"): no time, timestamp or host
/// name attribute (the schema requires none), UTF-8 without a byte order mark, LF line ends, suites in
/// the order given (the builders give them in ordinal order of name). Text XML 1.0 cannot hold (control
/// characters, a lone surrogate) is written as <c>\uXXXX</c>; the writer escapes the rest, a diff's
/// <c>]]&gt;</c> included, and a carriage return is written as <c>&amp;#xD;</c>, so a reader gets it back.</summary>
public static class JUnitReport
{
    public static void Write(Stream stream, string name, string command, IReadOnlyList<TestSuiteResult> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", Xml10(name));
            Counts(xml, suites.Sum(s => s.Cases.Count), suites.Sum(s => s.Failures), suites.Sum(s => s.Errors));
            foreach (var suite in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Xml10(suite.Name));
                Counts(xml, suite.Cases.Count, suite.Failures, suite.Errors);
                xml.WriteAttributeString("skipped", "0");
                var classname = Xml10($"sfbpolicygen.{command}.{suite.Name}");
                foreach (var test in suite.Cases)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", classname);
                    xml.WriteAttributeString("name", Xml10(test.Name));
                    if (test.Outcome != TestOutcome.Passed)
                    {
                        xml.WriteStartElement(test.Outcome switch
                        {
                            TestOutcome.Failed => "failure",
                            TestOutcome.Errored => "error",
                            TestOutcome.Passed => throw new InvalidOperationException(),
                        });
                        xml.WriteAttributeString("message", Xml10(test.Message ?? ""));
                        xml.WriteAttributeString("type", Xml10(test.Type ?? ""));
                        if (!string.IsNullOrEmpty(test.Text))
                        {
                            xml.WriteString(Xml10(test.Text));
                        }

                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        // The writer ends the document without a line end; a text file ends with one.
        stream.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter xml, int tests, int failures, int errors)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><paramref name="text"/> with each character XML 1.0 forbids (its production Char: tab, LF
    /// and CR are the only controls below U+0020; no U+FFFE, U+FFFF or lone surrogate) as <c>\uXXXX</c>.</summary>
    public static string Xml10(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? shown = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = c is '\t' or '\n' or '\r' || (c >= ' ' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (allowed)
            {
                shown?.Append(c);
                continue;
            }

            shown ??= new StringBuilder(text, 0, i, text.Length + 16);
            shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return shown?.ToString() ?? text;
    }
}
