using System.Management.Automation.Language;

namespace SfbPolicyGen.Tests.Support;

/// <summary>What a script uses that Windows PowerShell 2.0 (Windows 7, the Lync 2010 era) does not have,
/// found in PowerShell's own syntax tree. The constructs and the version that brought each come from
/// the about_ help of each version ("What's new in Windows PowerShell 3.0/4.0/5.0"): a checker that
/// knows them need not run PowerShell 2.0, which nothing here can run.</summary>
public static class PowerShellVersionCheck
{
    /// <summary>Each construct newer than <paramref name="version"/>, with where it is and the version it needs.</summary>
    public static IReadOnlyList<string> NewerThan(ScriptBlockAst script, int version) =>
        [.. Findings(script).Where(f => f.Version > version).Select(f => $"line {f.Ast.Extent.StartLineNumber}: {f.What} needs PowerShell {f.Version}.0 ({f.Ast.Extent.Text.Split('\n')[0].Trim()})")];

    /// <summary>The version the script's <c>#Requires -Version</c> states, or null.</summary>
    public static int? RequiredVersion(ScriptBlockAst script) => script.ScriptRequirements?.RequiredPSVersion?.Major;

    private static IEnumerable<(Ast Ast, string What, int Version)> Findings(ScriptBlockAst script)
    {
        foreach (var ast in script.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            switch (ast)
            {
                case InvokeMemberExpressionAst { Static: true, Member: StringConstantExpressionAst { Value: var name } } when name.Equals("new", StringComparison.OrdinalIgnoreCase):
                    yield return (ast, "[Type]::new()", 5);
                    break;
                case InvokeMemberExpressionAst { Static: false, Member: StringConstantExpressionAst { Value: var name }, Arguments: [ScriptBlockExpressionAst, ..] } when name is "ForEach" or "Where":
                    yield return (ast, $"the .{name}() method", 4);
                    break;
                case TypeExpressionAst or ConvertExpressionAst or TypeConstraintAst when TypeName(ast) is { } type && NewTypeAccelerators.TryGetValue(type, out var since):
                    yield return (ast, $"[{type}]", since);
                    break;
                case BinaryExpressionAst { Operator: TokenKind.In or TokenKind.Iin or TokenKind.Inotin or TokenKind.Cin or TokenKind.Cnotin }:
                    yield return (ast, "the -in / -notin operators", 3);
                    break;
                case VariableExpressionAst { VariablePath.UserPath: var variable } when variable.Equals("PSItem", StringComparison.OrdinalIgnoreCase):
                    yield return (ast, "$PSItem", 3);
                    break;
                case VariableExpressionAst { VariablePath.DriveName: var drive } when "using".Equals(drive, StringComparison.OrdinalIgnoreCase):
                    yield return (ast, "$using:", 3);
                    break;
                case TypeDefinitionAst:
                    yield return (ast, "class / enum", 5);
                    break;
                case UsingStatementAst:
                    yield return (ast, "using", 5);
                    break;
                case CommandParameterAst { ParameterName: var parameter } when parameter.Equals("PipelineVariable", StringComparison.OrdinalIgnoreCase) || parameter.Equals("pv", StringComparison.OrdinalIgnoreCase):
                    yield return (ast, "-PipelineVariable", 4);
                    break;
                case CommandAst command when command.GetCommandName() is { } name:
                    foreach (var finding in CommandFindings(command, name))
                    {
                        yield return finding;
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(Ast Ast, string What, int Version)> CommandFindings(CommandAst command, string name)
    {
        var parameters = command.CommandElements.OfType<CommandParameterAst>().Select(p => p.ParameterName).ToList();
        if ((name.Equals("Get-ChildItem", StringComparison.OrdinalIgnoreCase) || name is "dir" or "ls" or "gci")
            && parameters.FirstOrDefault(p => p is "Directory" or "File" or "Hidden" or "ReadOnly" or "System" or "Attributes" or "ad" or "af") is { } switchName)
        {
            yield return (command, $"Get-ChildItem -{switchName}", 3);
        }

        // Where-Object Name -eq x and ForEach-Object Name: the simplified syntax of 3.0, where 2.0
        // wants a script block (-FilterScript / -Process).
        if (name is "Where-Object" or "where" or "?" or "ForEach-Object" or "foreach" or "%"
            && command.CommandElements.Skip(1).FirstOrDefault() is { } first
            && first is not ScriptBlockExpressionAst
            && !(first is CommandParameterAst p && p.ParameterName is "FilterScript" or "Process" or "Begin" or "End" or "InputObject"))
        {
            yield return (command, $"{name} without a script block", 3);
        }
    }

    private static string? TypeName(Ast ast) => ast switch
    {
        TypeExpressionAst type => type.TypeName.FullName,
        ConvertExpressionAst convert => convert.Type.TypeName.FullName,
        TypeConstraintAst constraint => constraint.TypeName.FullName,
        _ => null,
    };

    /// <summary>Type accelerators 2.0 lacks: [ordered] and [pscustomobject] came with 3.0 (in 2.0,
    /// [pscustomobject]@{} silently makes a hashtable wrapper, not an object with those properties).</summary>
    private static readonly Dictionary<string, int> NewTypeAccelerators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ordered"] = 3,
        ["pscustomobject"] = 3,
    };
}
