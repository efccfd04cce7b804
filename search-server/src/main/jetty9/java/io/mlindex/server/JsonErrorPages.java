package io.mlindex.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty 9.4: the errors Jetty answers before Spark sees a request (a request line or headers too
 * large, a malformed request) as our JSON error, with the security headers.
 */
final class JsonErrorPages extends ErrorHandler {
  private final int maxHeaderBytes;

  JsonErrorPages(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    fields.put("Content-Security-Policy", RequestGuard.CONTENT_SECURITY_POLICY);
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put("X-Frame-Options", "DENY");
    return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json; charset=utf-8");
    response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
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
