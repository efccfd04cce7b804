package io.mlindex.parsers.pickle;

import java.io.IOException;

/** The bytes are not a well-formed pickle (unknown opcode, stack underflow, bad length). */
final class MalformedPickleException extends IOException {
  MalformedPickleException(String message) {
    super(message);
  }
}
