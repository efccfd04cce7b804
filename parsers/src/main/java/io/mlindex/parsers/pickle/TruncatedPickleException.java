package io.mlindex.parsers.pickle;

import java.io.IOException;

/** The pickle stream ended before its STOP opcode. */
final class TruncatedPickleException extends IOException {
  TruncatedPickleException(String message) {
    super(message);
  }
}
