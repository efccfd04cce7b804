package io.mlindex.parsers.pickle;

import java.io.IOException;

/** The scan reached one of its bounds (bytes, opcodes, stack, marks) and stopped there. */
final class ScanLimitException extends IOException {
  ScanLimitException(String message) {
    super(message);
  }
}
