package dev.weft.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * API keys, Weave's way: {@code Authorization: Basic base64("api:" + key)} (any user name), or the
 * {@code wandb-api-key} header, or {@code Authorization: Bearer key}. With no key configured
 * everything is open; with keys, every request but the health check needs one.
 */
final class Auth {

  private final List<byte[]> keys;

  Auth(List<String> keys) {
    this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
  }

  boolean required() {
    return !keys.isEmpty();
  }

  /** Throws 401 unless the exchange carries one of the keys. */
  void check(Exchange exchange) throws HttpError {
    if (keys.isEmpty()) {
      return;
    }
    String presented = presentedKey(exchange);
    if (presented == null) {
      throw new HttpError(401, "an API key is required: send Authorization: Basic base64(\"api:\"+key)"
          + " or the wandb-api-key header");
    }
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= MessageDigest.isEqual(key, bytes); // every key compared: no early exit
    }
    if (!match) {
      throw new HttpError(401, "wrong API key");
    }
  }

  private static String presentedKey(Exchange exchange) {
    String header = exchange.header("wandb-api-key");
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String authorization = exchange.header("Authorization");
    if (authorization == null) {
      return null;
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (parts.length != 2) {
      return null;
    }
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    if ("bearer".equals(scheme)) {
      return parts[1];
    }
    if (!"basic".equals(scheme)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
