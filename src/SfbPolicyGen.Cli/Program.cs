// Colour and progress only for a person at a terminal: not when output is redirected (CI logs, pipes),
// nor with NO_COLOR set (no-color.org) or TERM=dumb.
var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected
    && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") != "dumb";
return SfbPolicyGen.Cli.CliApp.Run(args, Console.Out, Console.Error, interactive);
