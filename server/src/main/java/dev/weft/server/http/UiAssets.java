package dev.weft.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI: static files from the jar ({@code /weft-ui/}) under {@code /assets/}, and the page
 * itself for every UI path, including the agent's call links {@code /<team>/<project>/r/call/<id>}.
 * The UI routes on the client; the server only knows which paths are pages.
 */
final class UiAssets {

  private static final String ROOT = "/weft-ui/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  private static final Pattern ASSET = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.(js|css|svg|png)");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
      "html", "text/html; charset=utf-8");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  void handle(Exchange exchange) throws HttpError {
    String path = exchange.path();
    if (path.startsWith("/assets/")) {
      String name = path.substring("/assets/".length());
      byte[] bytes = ASSET.matcher(name).matches() ? file(name) : null;
      if (bytes == null) {
        throw new HttpError(404, "no such asset: " + path);
      }
      exchange.setHeader("Cache-Control", "no-cache");
      exchange.send(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), bytes);
      return;
    }
    if ("/favicon.ico".equals(path)) {
      exchange.send(200, TYPES.get("svg"), file("favicon.svg"));
      return;
    }
    if (!isPage(path)) {
      throw new HttpError(404, "no such page: " + path);
    }
    exchange.setHeader("Cache-Control", "no-cache");
    exchange.send(200, TYPES.get("html"), file("index.html"));
  }

  /**
   * {@code /}, {@code /t/p}, {@code /t/p/usage}, {@code /t/p/r/call/ID}, {@code /t/p/traces/ID},
   * {@code /t/p/evaluations}, {@code /t/p/evaluations/ID} (and {@code /compare}), {@code /t/p/leaderboard}.
   */
  static boolean isPage(String path) {
    if ("/".equals(path) || path.isEmpty()) {
      return true;
    }
    String[] parts = (path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1))
        .split("/", -1);
    if (parts.length < 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
      return false;
    }
    switch (parts.length) {
      case 2:
        return true;
      case 3:
        return "usage".equals(parts[2]) || "evaluations".equals(parts[2]) || "leaderboard".equals(parts[2]);
      case 4:
        return ("traces".equals(parts[2]) || "evaluations".equals(parts[2])) && ID.matcher(parts[3]).matches();
      case 5:
        return "r".equals(parts[2]) && "call".equals(parts[3]) && ID.matcher(parts[4]).matches();
      default:
        return false;
    }
  }

  private byte[] file(String name) {
    return cache.computeIfAbsent(name, n -> {
      try (InputStream in = UiAssets.class.getResourceAsStream(ROOT + n)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
