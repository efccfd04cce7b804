package io.mlindex.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12: the errors Jetty answers before Spark sees a request (a request line or headers too
 * large, a malformed request) as our JSON error, with the security headers.
 */
final class JsonErrorPages extends ErrorHandler {
  private final int maxHeaderBytes;

  JsonErrorPages(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    headers(fields);
    return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
      List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
    headers(response.getHeaders());
    response.write(true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  private static void headers(HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    fields.put("Content-Security-Policy", RequestGuard.CONTENT_SECURITY_POLICY);
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put("X-Frame-Options", "DENY");
  }

  private String body(int status, String reason) {
    String message = switch (status) {
      case 431 -> "the request headers are larger than " + maxHeaderBytes + " bytes; send fewer or smaller headers";
      case 414 -> "the URL is too long (request line and headers may have at most " + maxHeaderBytes + " bytes)";
      case 408 -> "the request was not received in time";
      default -> "malformed request" + (reason == null ? "" : ": " + reason);
    };
    return SearchServer.errorJson(status, message, 0);
  }
}
