package io.mlindex.parsers.pickle;

import java.util.Set;

/**
 * Globals that let a pickle run commands or code when it is loaded: process and shell access,
 * dynamic evaluation and imports, file and network access. A pickle that references one is flagged;
 * it is never loaded here either way.
 */
public final class UnsafeGlobals {
  private static final Set<String> MODULES =
      Set.of(
          "os", "posix", "nt", "subprocess", "_posixsubprocess", "runpy", "pty", "socket", "shutil",
          "commands", "popen2", "ctypes", "importlib", "code", "codeop", "marshal", "webbrowser",
          "pickle", "_pickle", "cPickle", "dill", "timeit", "cProfile", "profile", "pdb", "bdb",
          "trace", "platform", "multiprocessing", "asyncio", "sys", "telnetlib", "ftplib",
          "smtplib", "zipimport");

  private static final Set<String> BUILTINS =
      Set.of(
          "eval", "exec", "execfile", "compile", "__import__", "getattr", "setattr", "delattr",
          "open", "file", "input", "raw_input", "globals", "locals", "vars", "breakpoint", "apply",
          "reload", "help", "exit", "quit");

  private static final Set<String> OPERATOR = Set.of("attrgetter", "methodcaller");

  private UnsafeGlobals() {}

  /** Whether {@code module.name} is a callable a hostile pickle would use. */
  public static boolean isUnsafe(String module, String name) {
    String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
    if (MODULES.contains(top)) {
      return true;
    }
    if (top.equals("builtins") || top.equals("__builtin__") || top.equals("__builtins__")) {
      return BUILTINS.contains(name);
    }
    if (top.equals("operator") || top.equals("_operator")) {
      return OPERATOR.contains(name);
    }
    return false;
  }
}
