package io.mlindex.cli;

import io.mlindex.config.SettingsException;
import io.mlindex.index.IndexUnavailableException;
import io.mlindex.index.QuerySyntaxException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code mlindex} command. */
@Command(
    name = "mlindex",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Makes every machine-learning experiment already on disk searchable.",
    subcommands = {
      CrawlCommand.class,
      SearchCommand.class,
      ShowCommand.class,
      ExportCommand.class,
      StatsCommand.class,
      CrawlsCommand.class,
      HistoryCommand.class,
      CompareCommand.class,
      ForgetCommand.class,
      ServeCommand.class,
      LineageCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (index unavailable, crawl failed, record not found)",
      "2:bad usage, settings or query (the message names the part)"
    })
public final class Main implements Callable<Integer> {
  @Option(
      names = "--index",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Index folder (default: $MLINDEX_HOME/index, else ~/.mlindex/index).")
  Path index;

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Settings file (YAML).")
  Path config;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean stacktrace;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Environment environment;
  private Application application;

  Main(Environment environment) {
    this.environment = environment;
  }

  /** The application for this invocation, built once from the global options. */
  Application application() {
    if (application == null) {
      application = new Application(environment, config, index);
    }
    return application;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    System.exit(run(Environment.system(), args));
  }

  /** Runs with the process's own streams. */
  static int run(Environment env, String... args) {
    return newCommandLine(env).execute(args);
  }

  /** A configured command line; tests call this with their own environment and writers. */
  static CommandLine newCommandLine(Environment env) {
    Main main = new Main(env);
    CommandLine cmd = new CommandLine(main);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int code = exitCodeOf(e);
          err.println("mlindex: " + messageOf(e));
          if (main.stacktrace) {
            e.printStackTrace(err);
          } else if (code == ExitCodes.FAILURE && !(e instanceof UserFacingException) && !(e instanceof IndexUnavailableException)) {
            err.println("(run again with --stacktrace for details)");
          }
          err.flush();
          return code;
        });
    cmd.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("mlindex: " + e.getMessage());
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          err.flush();
          return ExitCodes.USAGE;
        });
    return cmd;
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof QuerySyntaxException || e instanceof SettingsException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof UserFacingException u) {
      return u.exitCode();
    }
    return ExitCodes.FAILURE;
  }

  static String messageOf(Exception e) {
    if (e instanceof QuerySyntaxException) {
      return "bad query: " + e.getMessage();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
