package io.mlindex.cli;

/** An error whose message is complete advice for the user, with the exit code to end with. */
final class UserFacingException extends Exception {
  private final int exitCode;

  UserFacingException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
