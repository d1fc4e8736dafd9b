package dev.weft.server.http;

import dev.weft.server.ingest.Ingest;
import dev.weft.server.ingest.Prices;
import dev.weft.server.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every request of the server: OTLP ingest, the JSON API, the UI. Answers anything it cannot serve
 * with a 4xx naming the reason, and a failure of its own with a 500; never lets one request take the
 * server down.
 */
public final class WebHandler extends Handler.Abstract {

  private static final Logger LOG = Logger.getLogger(WebHandler.class.getName());

  private final Auth auth;
  private final IngestRoute ingest;
  private final ApiRoutes api;
  private final UiAssets ui = new UiAssets();

  /** Serves {@code store}; ingest and API need one of {@code apiKeys} when there are any. */
  public WebHandler(JdbcStore store, Prices prices, List<String> apiKeys, int maxBodyBytes) {
    this.auth = new Auth(apiKeys);
    this.ingest = new IngestRoute(new Ingest(prices), store, maxBodyBytes);
    this.api = new ApiRoutes(store, prices);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback);
    try {
      route(exchange);
    } catch (HttpError e) {
      answer(exchange, e);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "weft-server: " + exchange.method() + " " + exchange.path() + ": the store failed", e);
      answer(exchange, new HttpError(503, "the store failed: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendText(503, "the server is stopping");
    } catch (Throwable e) { // a bug or the store failing must not end the server
      LOG.log(Level.WARNING, "weft-server: " + exchange.method() + " " + exchange.path() + " failed", e);
      exchange.sendText(500, "internal error: " + e);
    }
    if (!exchange.sent()) {
      exchange.sendText(500, "internal error: no answer");
    }
    return true;
  }

  private void route(Exchange exchange) throws Exception {
    String path = exchange.path();
    String method = exchange.method();
    if ("/healthz".equals(path)) {
      exchange.sendText(200, "ok");
      return;
    }
    auth.check(exchange);
    if ("/otel/v1/traces".equals(path) || "/v1/traces".equals(path)) {
      allow(exchange, "POST");
      ingest.handle(exchange);
    } else if (path.startsWith("/api/")) {
      allow(exchange, "GET");
      api.handle(exchange);
    } else {
      allow(exchange, "GET");
      ui.handle(exchange);
    }
  }

  private static void allow(Exchange exchange, String method) throws HttpError {
    boolean head = "HEAD".equals(exchange.method()) && "GET".equals(method);
    if (!method.equals(exchange.method()) && !head) {
      exchange.setHeader("Allow", method);
      throw new HttpError(405, "use " + method + " on " + exchange.path());
    }
  }

  private static void answer(Exchange exchange, HttpError error) {
    if (error.status() == 401) {
      exchange.setHeader("WWW-Authenticate", "Basic realm=\"weft\", charset=\"UTF-8\"");
    }
    if (exchange.path().startsWith("/api/")) {
      String body = "{\"error\":" + JsonViews.JSON.getNodeFactory().textNode(error.getMessage()) + "}";
      exchange.send(error.status(), "application/json", body.getBytes(StandardCharsets.UTF_8));
    } else {
      exchange.sendText(error.status(), error.getMessage());
    }
  }
}
