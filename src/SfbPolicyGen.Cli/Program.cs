return SfbPolicyGen.Cli.CliApp.Run(args, Console.Out, Console.Error);
