package io.mlindex.server;

/** An error the API reports as JSON with an HTTP status: {@code {"error": "...", "position": N}}. */
final class ApiError extends RuntimeException {
  final int status;
  final int position;

  ApiError(int status, String message) {
    this(status, message, 0);
  }

  ApiError(int status, String message, int position) {
    super(message);
    this.status = status;
    this.position = position;
  }
}
