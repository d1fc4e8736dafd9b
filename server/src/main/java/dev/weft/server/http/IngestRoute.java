package dev.weft.server.http;

import dev.weft.server.ingest.Ingest;
import dev.weft.server.ingest.OtlpBodies;
import dev.weft.server.store.JdbcStore;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /otel/v1/traces}, Weave's OTLP ingest contract: protobuf or JSON, plain or gzip; the
 * spans of one request stored in one transaction; rejected spans reported in the OTLP
 * {@code partial_success}. Errors are {@code google.rpc.Status} bodies in the request's encoding.
 */
final class IngestRoute {

  private static final Logger LOG = Logger.getLogger(IngestRoute.class.getName());
  // Bodies are held in memory while decoded: a few at a time keeps a burst from exhausting the heap.
  private static final int CONCURRENT_BODIES = 4;

  private final Ingest ingest;
  private final JdbcStore store;
  private final int maxBodyBytes;
  private final Semaphore bodies = new Semaphore(CONCURRENT_BODIES, true);

  IngestRoute(Ingest ingest, JdbcStore store, int maxBodyBytes) {
    this.ingest = ingest;
    this.store = store;
    this.maxBodyBytes = maxBodyBytes;
  }

  void handle(Exchange exchange) throws HttpError, IOException, InterruptedException {
    String mediaType = OtlpBodies.mediaType(exchange.header("Content-Type"));
    if (mediaType == null) {
      throw new HttpError(415, "use Content-Type application/x-protobuf or application/json, got '"
          + exchange.header("Content-Type") + "'");
    }
    if (!bodies.tryAcquire(30, TimeUnit.SECONDS)) {
      answerError(exchange, mediaType, 503, "the server is busy; retry later");
      return;
    }
    try {
      ingest(exchange, mediaType);
    } catch (HttpError e) {
      answerError(exchange, mediaType, e.status(), e.getMessage());
    } catch (OtlpBodies.BodyError e) {
      answerError(exchange, mediaType, e.status(), e.getMessage());
    } finally {
      bodies.release();
    }
  }

  private void ingest(Exchange exchange, String mediaType)
      throws HttpError, IOException, OtlpBodies.BodyError {
    String headerProject = exchange.header("project_id");
    if (headerProject != null) {
      headerProject = headerProject.trim();
      String problem = Ingest.invalidProject(headerProject);
      if (problem != null) {
        throw new HttpError(400, "project_id header: " + problem);
      }
    }
    byte[] body = exchange.body(maxBodyBytes);
    byte[] plain = OtlpBodies.decompress(exchange.header("Content-Encoding"), body, maxBodyBytes);
    ExportTraceServiceRequest request = OtlpBodies.parse(mediaType, plain);
    Ingest.Conversion conversion = ingest.convert(request, headerProject);
    try {
      store.insert(conversion.calls());
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "weft-server: storing " + conversion.calls().size()
          + " calls failed; none were stored", e);
      throw new HttpError(503, "the store failed, nothing was stored: " + e.getMessage());
    }
    if (!conversion.rejections().isEmpty()) {
      LOG.fine(() -> "weft-server: rejected " + conversion.rejections().size() + " spans: "
          + conversion.errorMessage());
    }
    exchange.send(200, mediaType, OtlpBodies.response(mediaType, conversion.rejections().size(),
        conversion.errorMessage()));
  }

  private static void answerError(Exchange exchange, String mediaType, int status, String message) {
    if (status == 503) {
      exchange.setHeader("Retry-After", "5");
    }
    exchange.send(status, mediaType, OtlpBodies.status(mediaType, grpcCode(status), message));
  }

  // google.rpc.Code for an HTTP status, as OTLP/HTTP pairs them.
  private static int grpcCode(int status) {
    switch (status) {
      case 401:
        return 16; // UNAUTHENTICATED
      case 413:
        return 8; // RESOURCE_EXHAUSTED
      case 503:
        return 14; // UNAVAILABLE
      default:
        return 3; // INVALID_ARGUMENT
    }
  }
}
