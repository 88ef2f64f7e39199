using System.CommandLine;

namespace ShowroomActors.Audit.Commands;

/// <summary>
/// <c>completion bash|zsh</c>: a script that makes the shell complete commands and options, by asking the program itself
/// through System.CommandLine's <c>[suggest:POSITION]</c> directive. Install: <c>source &lt;(showroom-audit completion bash)</c>.
/// </summary>
public static class CompletionCommand
{
    public static Command Build()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script: source <(showroom-audit completion bash)") { shell };
        command.SetAction(async (parsed, _) =>
        {
            await parsed.Out().WriteAsync(parsed.GetValue(shell) == "zsh" ? Zsh : Bash);
            return AuditCli.Ok;
        });
        return command;
    }

    // The command line after the program name, and the cursor's position in it, go to the suggest directive.
    private const string Bash = """
        _showroom_audit_complete() {
          local line="${COMP_LINE#* }" position=$(( COMP_POINT - ${#COMP_LINE} + ${#COMP_LINE#* } ))
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(showroom-audit "[suggest:${position}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -F _showroom_audit_complete showroom-audit

        """;

    private const string Zsh = """
        _showroom_audit_complete() {
          local line="${BUFFER#* }"
          local -a suggestions
          suggestions=("${(@f)$(showroom-audit "[suggest:${#line}]" "$line" 2>/dev/null)}")
          compadd -a suggestions
        }
        compdef _showroom_audit_complete showroom-audit

        """;
}
