package dev.weft.server.http;

/** An answer other than 2xx, with the reason shown to the client. */
final class HttpError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
