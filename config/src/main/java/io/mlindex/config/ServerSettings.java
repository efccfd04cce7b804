package io.mlindex.config;

import java.util.List;

/**
 * The HTTP server.
 *
 * @param bind address to listen on; anything but loopback requires a token
 * @param port TCP port, 0 for any free port
 * @param token bearer token clients must send (null: none; mutating endpoints are then refused)
 * @param corsOrigins origins allowed to call the API from a browser; empty: CORS off
 */
public record ServerSettings(String bind, int port, String token, List<String> corsOrigins) {
  public ServerSettings {
    corsOrigins = List.copyOf(corsOrigins);
  }

  public ServerSettings withBindAndPort(String newBind, int newPort) {
    return new ServerSettings(newBind, newPort, token, corsOrigins);
  }
}
