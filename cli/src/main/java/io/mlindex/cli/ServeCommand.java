package io.mlindex.cli;

import io.mlindex.config.RootSettings;
import io.mlindex.config.ServerSettings;
import io.mlindex.crawler.CrawlScheduler;
import io.mlindex.crawler.Crawler;
import io.mlindex.crawler.Trigger;
import io.mlindex.index.RecordIndex;
import io.mlindex.server.CrawlTrigger;
import io.mlindex.parsers.util.PosixPaths;
import io.mlindex.server.SearchServer;
import io.mlindex.server.ServerOptions;
import org.quartz.SchedulerException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the search API and web UI, and crawls the given folders in the background.",
      "Stop it with Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ROOT", arity = "0..*", description = "Folders to crawl (default: the roots of the settings file).")
  List<Path> roots;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: server.port, 7700; 0 for any free port).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: server.bind, 127.0.0.1).")
  String bind;

  /** Counted down to stop the server (by the shutdown hook, or by tests). */
  final CountDownLatch stop = new CountDownLatch(1);

  /** The running server, once started (for tests). */
  volatile SearchServer server;

  @Override
  public Integer call() throws Exception {
    Application app = main.application();
    ServerSettings s = app.settings().server();
    ServerSettings effective = s.withBindAndPort(bind == null ? s.bind() : bind, port == null ? s.port() : port);
    checkBind(effective);
    List<RootSettings> targets = app.roots(roots);
    PrintWriter err = spec.commandLine().getErr();
    try (RecordIndex index = app.openWritable()) {
      Crawler crawler = app.crawler(index);
      CrawlScheduler scheduler = new CrawlScheduler(crawler, targets, app.settings().crawl().schedule(), report -> {
        synchronized (err) {
          if (report.error != null) {
            err.println("mlindex: " + report.error);
          }
          err.println(report.summary());
          err.flush();
        }
      });
      CrawlTrigger trigger = names -> {
        try {
          return scheduler.trigger(names, Trigger.API);
        } catch (SchedulerException e) {
          throw new IllegalStateException("cannot start a crawl: " + e.getMessage(), e);
        }
      };
      List<String> rootPaths = targets.stream().map(r -> PosixPaths.of(r.path())).toList();
      try (SearchServer started = new SearchServer(index, effective, trigger, rootPaths, ServerOptions.defaults()).start()) {
        server = started;
        err.println("mlindex is serving " + started + " (index " + index.path() + "); Ctrl-C stops it");
        if (targets.isEmpty()) {
          err.println("No roots to crawl: give folders (mlindex serve ~/experiments) or list roots in a settings file.");
        } else {
          err.println("Crawling " + targets.size() + " root(s) now, then on schedule (" + app.settings().crawl().schedule() + ")");
        }
        err.flush();
        Thread hook = new Thread(stop::countDown, "mlindex-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        scheduler.start(true);
        try {
          stop.await();
        } finally {
          scheduler.close();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
          }
        }
      }
    }
    return ExitCodes.OK;
  }

  private static void checkBind(ServerSettings s) throws Exception {
    InetAddress address = InetAddress.getByName(s.bind());
    if (!address.isLoopbackAddress() && s.token() == null) {
      throw new UserFacingException(
          "binding " + s.bind() + " exposes the index to the network; set a token first (MLINDEX_TOKEN or"
              + " server.token in the settings), clients then send 'Authorization: Bearer <token>'",
          ExitCodes.USAGE);
    }
  }
}
