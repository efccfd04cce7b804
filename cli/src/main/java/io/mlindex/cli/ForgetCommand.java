package io.mlindex.cli;

import io.mlindex.index.RecordIndex;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.record.UnitKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Removes everything indexed from the given roots.",
        "A crawl never does this for a root that is missing (an unmounted disk must not wipe the index)."})
final class ForgetCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ROOT", arity = "1..*", description = "Roots to forget.")
  List<Path> roots;

  @Override
  public Integer call() throws Exception {
    try (RecordIndex index = main.application().openWritable()) {
      for (Path root : roots) {
        String posix = PosixPaths.of(main.application().environment().workingDir().resolve(root));
        index.forgetRoot(UnitKeys.encode(posix));
        spec.commandLine().getErr().println("Forgot " + posix);
      }
    }
    spec.commandLine().getErr().flush();
    return ExitCodes.OK;
  }
}
