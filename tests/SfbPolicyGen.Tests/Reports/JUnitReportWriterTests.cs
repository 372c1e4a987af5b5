using System.Text;
using System.Xml.Linq;
using SfbPolicyGen.Reports;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Reports;

/// <summary>JUnitReport's bytes: text XML 1.0 cannot hold is written as <c>\uXXXX</c>, the rest comes back
/// as written (a carriage return, <c>]]&gt;</c>, markup), and the schema check itself refuses what it must.</summary>
public class JUnitReportWriterTests
{
    private static byte[] Written(params TestCaseResult[] cases)
    {
        using var stream = new MemoryStream();
        JUnitReport.Write(stream, "sfbpolicygen check", "check", [new TestSuiteResult("contoso", cases)]);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u0001b\u001Fc", "a\\u0001b\\u001Fc")]
    [InlineData("tab\tlf\ncr\r", "tab\tlf\ncr\r")]
    [InlineData("\uFFFE\uFFFF", "\\uFFFE\\uFFFF")]
    public void Characters_xml_1_0_forbids_are_shown_as_escapes(string text, string expected) =>
        Assert.Equal(expected, JUnitReport.Xml10(text));

    /// <summary>Built in code: a lone surrogate does not survive an attribute's metadata.</summary>
    [Fact]
    public void A_lone_surrogate_is_shown_as_an_escape_and_a_pair_is_kept()
    {
        const char high = '\uD800';
        const char low = '\uDC00';
        Assert.Equal("lone \\uD800 high, lone \\uDC00 low", JUnitReport.Xml10($"lone {high} high, lone {low} low"));
        Assert.Equal("end \\uD800", JUnitReport.Xml10($"end {high}"));
        Assert.Equal("pair \uD83D\uDE00", JUnitReport.Xml10("pair \uD83D\uDE00"));
    }

    [Fact]
    public void A_failure_s_text_and_message_come_back_as_written()
    {
        const string diff = "--- a\r\n+++ b\n-]]> <x>&amp;\n+\u0007\n";
        var bytes = Written(
            new TestCaseResult("contoso/a.txt", TestOutcome.Failed, "edited", "line one\nline two", diff),
            TestCaseResult.Pass("contoso/b.txt"),
            new TestCaseResult("contoso/c.txt", TestOutcome.Errored, "unreachable", "no answer"));

        Assert.Empty(JUnitSchema.Validate(bytes));
        Assert.DoesNotContain((byte)'\r', bytes);
        var report = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        var failure = report.Descendants("failure").Single();
        Assert.Equal(("edited", "line one\nline two"), (failure.Attribute("type")!.Value, failure.Attribute("message")!.Value));
        Assert.Equal("--- a\r\n+++ b\n-]]> <x>&amp;\n+\\u0007\n", failure.Value);
        Assert.Equal("unreachable", report.Descendants("error").Single().Attribute("type")!.Value);
        var suite = report.Root!.Element("testsuite")!;
        Assert.Equal(["3", "1", "1", "0"], new[] { "tests", "failures", "errors", "skipped" }.Select(a => suite.Attribute(a)!.Value));
        Assert.Equal(["3", "1", "1"], new[] { "tests", "failures", "errors" }.Select(a => report.Root.Attribute(a)!.Value));
    }

    [Fact]
    public void The_schema_refuses_a_suite_without_its_counts()
    {
        var bytes = Encoding.UTF8.GetBytes("<testsuites><testsuite name=\"contoso\"><testcase name=\"x\"/></testsuite></testsuites>");

        Assert.Contains(JUnitSchema.Validate(bytes), p => p.Contains("'tests'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_refuses_an_element_it_does_not_know()
    {
        var bytes = Encoding.UTF8.GetBytes("<testsuites><testsuite name=\"c\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase name=\"x\"><failed/></testcase></testsuite></testsuites>");

        Assert.NotEmpty(JUnitSchema.Validate(bytes));
    }
}
