using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A generated .ps1 as PowerShell itself sees it (System.Management.Automation 7.6.9,
/// in-process): parsed by its parser, its constants read from the syntax tree, its functions run in
/// a real runspace.</summary>
public sealed class PowerShellScript
{
    private PowerShellScript(string path, ScriptBlockAst ast, ParseError[] errors)
    {
        Path = path;
        Ast = ast;
        Errors = [.. errors.Select(e => $"{path}({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}")];
    }

    public string Path { get; }

    public ScriptBlockAst Ast { get; }

    public IReadOnlyList<string> Errors { get; }

    public static PowerShellScript Parse(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        return new PowerShellScript(path, ast, errors);
    }

    /// <summary>A script as generated in memory (UTF-8, with or without its BOM).</summary>
    public static PowerShellScript Parse(byte[] bytes, string name)
    {
        var ast = Parser.ParseInput(new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), out _, out var errors);
        return new PowerShellScript(name, ast, errors);
    }

    /// <summary>The constant value assigned to <c>$name</c> at the top of the script (arrays of
    /// strings or hashtables), as PowerShell evaluates a constant expression; fails if not constant.</summary>
    public object? Constant(string name)
    {
        var assignment = Ast.EndBlock.Statements.OfType<AssignmentStatementAst>()
            .Single(a => a.Left is VariableExpressionAst v && v.VariablePath.UserPath == name);
        var expression = assignment.Right switch
        {
            CommandExpressionAst command => command.Expression,
            PipelineAst pipeline => pipeline.GetPureExpression(),
            _ => null,
        };
        Assert.True(expression is not null, $"${name} is not a pure expression");
        return expression.SafeGetValue();
    }

    /// <summary>The text of <c>function name { ... }</c>.</summary>
    public string Function(string name) => Ast.FindAll(a => a is FunctionDefinitionAst f && f.Name == name, searchNestedScriptBlocks: false)
        .Cast<FunctionDefinitionAst>().Single().Extent.Text;

    /// <summary>A PowerShell single-quoted literal of <paramref name="value"/>, quoted here rather than by
    /// the tool's own escaper: each quote character PowerShell ends such a string with (the apostrophe
    /// and U+2018 to U+201B, about_Quoting_Rules) is doubled.</summary>
    public static string Quote(string value) =>
        "'" + string.Concat(value.Select(c => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B' ? $"{c}{c}" : c.ToString())) + "'";

    /// <summary>Runs <paramref name="script"/> in a new runspace (<see cref="NewSessionState"/>) and
    /// returns what it outputs; a PowerShell error fails the test.</summary>
    public static IReadOnlyList<object?> Run(string script)
    {
        using var shell = PowerShell.Create(NewSessionState());
        var output = shell.AddScript(script).Invoke();
        Assert.Empty(shell.Streams.Error.Select(e => e.ToString()));
        return [.. output.Select(o => o?.BaseObject)];
    }

    /// <summary>PowerShell's core cmdlets and those of its Utility and Management modules (Write-Output,
    /// New-Object, Test-Path...), which the generated scripts use; nothing else.</summary>
    public static InitialSessionState NewSessionState()
    {
        var session = InitialSessionState.CreateDefault2();
        session.ImportPSModule([typeof(Microsoft.PowerShell.Commands.WriteOutputCommand).Assembly.Location, typeof(Microsoft.PowerShell.Commands.TestPathCommand).Assembly.Location]);
        return session;
    }
}
