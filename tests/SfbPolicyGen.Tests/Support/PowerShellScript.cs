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

    /// <summary>The constructs of <paramref name="ast"/> that Windows PowerShell 2.0 lacks, each with its
    /// line: what its language added later (::new(), [ordered], [pscustomobject], classes, -in/-notin,
    /// -shl/-shr, $PSItem, $using:, ?? and ?., ternaries, &amp;&amp; and ||), parameters its cmdlets did
    /// not have yet (-Directory/-File, -ErrorAction Ignore, ForEach-Object -MemberName, Where-Object
    /// without a script block), and HashSet, which lives in System.Core, an assembly 2.0 does not load.
    /// Member enumeration and .Count on a single object cannot be seen in the syntax: the script avoids
    /// them by hand.</summary>
    public static IReadOnlyList<string> NewerThanVersion2(Ast ast)
    {
        static string At(Ast node, string what) => $"line {node.Extent.StartLineNumber}: {what}";
        var found = new List<string>();
        foreach (var node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            switch (node)
            {
                case InvokeMemberExpressionAst { Static: true, Member: StringConstantExpressionAst { Value: var member } } when member.Equals("new", StringComparison.OrdinalIgnoreCase):
                    found.Add(At(node, "::new()"));
                    break;
                case TypeConstraintAst or TypeExpressionAst when TypeName(node) is var type && (type.Equals("ordered", StringComparison.OrdinalIgnoreCase) || type.Equals("pscustomobject", StringComparison.OrdinalIgnoreCase)):
                    found.Add(At(node, $"[{type}]"));
                    break;
                case TypeConstraintAst or TypeExpressionAst when TypeName(node).Contains("HashSet", StringComparison.OrdinalIgnoreCase):
                    found.Add(At(node, "HashSet"));
                    break;
                case StringConstantExpressionAst { Value: var text } when text.Contains("HashSet", StringComparison.OrdinalIgnoreCase):
                    found.Add(At(node, "HashSet"));
                    break;
                case TypeDefinitionAst or UsingStatementAst:
                    found.Add(At(node, "class, enum or using"));
                    break;
                case BinaryExpressionAst { Operator: TokenKind.Iin or TokenKind.Cin or TokenKind.Inotin or TokenKind.Cnotin }:
                    found.Add(At(node, "-in / -notin"));
                    break;
                case BinaryExpressionAst { Operator: TokenKind.Shl or TokenKind.Shr or TokenKind.QuestionQuestion }:
                    found.Add(At(node, "-shl / -shr / ??"));
                    break;
                case TernaryExpressionAst or PipelineChainAst:
                    found.Add(At(node, "?: / && / ||"));
                    break;
                case MemberExpressionAst { NullConditional: true }:
                    found.Add(At(node, "?."));
                    break;
                case VariableExpressionAst { VariablePath: var path } when path.UserPath.Equals("PSItem", StringComparison.OrdinalIgnoreCase) || path.DriveName?.Equals("using", StringComparison.OrdinalIgnoreCase) == true:
                    found.Add(At(node, "$" + path.UserPath));
                    break;
                case CommandAst command:
                    found.AddRange(NewerParameters(command).Select(what => At(node, what)));
                    break;
            }
        }

        return found;
    }

    private static string TypeName(Ast node) => node switch
    {
        TypeConstraintAst constraint => constraint.TypeName.FullName,
        TypeExpressionAst expression => expression.TypeName.FullName,
        _ => "",
    };

    private static IEnumerable<string> NewerParameters(CommandAst command)
    {
        var name = command.GetCommandName() ?? "";
        var parameters = command.CommandElements.OfType<CommandParameterAst>().Select(p => p.ParameterName).ToList();
        if (parameters.Any(p => p.Equals("Directory", StringComparison.OrdinalIgnoreCase) || p.Equals("File", StringComparison.OrdinalIgnoreCase)) && name.Equals("Get-ChildItem", StringComparison.OrdinalIgnoreCase))
        {
            yield return "-Directory / -File";
        }

        for (var i = 0; i < command.CommandElements.Count - 1; i++)
        {
            if (command.CommandElements[i] is CommandParameterAst { ParameterName: var p } && p.Equals("ErrorAction", StringComparison.OrdinalIgnoreCase)
                && command.CommandElements[i + 1].Extent.Text.Trim('\'', '"').Equals("Ignore", StringComparison.OrdinalIgnoreCase))
            {
                yield return "-ErrorAction Ignore";
            }
        }

        if (name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase) && parameters.Any(p => p.Equals("MemberName", StringComparison.OrdinalIgnoreCase)))
        {
            yield return "ForEach-Object -MemberName";
        }

        if ((name.Equals("Where-Object", StringComparison.OrdinalIgnoreCase) || name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase))
            && !command.CommandElements.Skip(1).Any(e => e is ScriptBlockExpressionAst) && !parameters.Any(p => p.Equals("Process", StringComparison.OrdinalIgnoreCase) || p.Equals("FilterScript", StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{name} without a script block";
        }
    }
}
