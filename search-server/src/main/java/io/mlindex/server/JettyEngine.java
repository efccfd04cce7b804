package io.mlindex.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * The Jetty that Spark runs, with our limits: connections idle past {@link
 * ServerOptions#idleTimeout()} are closed (Spark's own default is an hour, which lets slow
 * clients hold threads), request headers are bounded, the server's version is not announced, and
 * errors that Jetty answers itself (oversized headers, malformed request lines) are JSON (see
 * {@link JsonErrorPages}, the one class written per Jetty version). Uses only API that Jetty 9.4
 * and 12 share.
 */
final class JettyEngine {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private JettyEngine() {}

  /** Registers an engine with these limits; returns the identifier to give Spark. */
  static Object register(ServerOptions options) {
    String id = "mlindex-jetty-" + SERVERS.incrementAndGet();
    EmbeddedServers.add(id, new EmbeddedJettyFactory(new Factory(options)));
    return id;
  }

  private static final class Factory implements JettyServerFactory {
    private final ServerOptions options;

    Factory(ServerOptions options) {
      this.options = options;
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
      QueuedThreadPool pool = new QueuedThreadPool(maxThreads, minThreads, threadTimeoutMillis);
      pool.setName("mlindex-http");
      return create(pool);
    }

    @Override
    public Server create(ThreadPool pool) {
      return new LimitedServer(pool, options);
    }
  }

  /** Applies the limits to the connectors Spark adds, just before starting. */
  private static final class LimitedServer extends Server {
    private final ServerOptions options;

    LimitedServer(ThreadPool pool, ServerOptions options) {
      super(pool);
      this.options = options;
    }

    @Override
    protected void doStart() throws Exception {
      for (Connector c : getConnectors()) {
        if (c instanceof AbstractConnector connector) {
          connector.setIdleTimeout(options.idleTimeout().toMillis());
        }
        for (ConnectionFactory f : c.getConnectionFactories()) {
          if (f instanceof HttpConnectionFactory http) {
            HttpConfiguration config = http.getHttpConfiguration();
            config.setRequestHeaderSize(options.maxHeaderBytes());
            config.setSendServerVersion(false);
            config.setSendXPoweredBy(false);
          }
        }
      }
      setErrorHandler(new JsonErrorPages(options.maxHeaderBytes()));
      super.doStart();
    }
  }
}
