package dev.weft.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.JdbcStore;
import dev.weft.server.store.Usage;
import dev.weft.server.store.UsagePoint;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage per model over time: {@code bucket} is {@code minute}, {@code hour} or {@code day}
 * (default: hour for ranges up to 3 days, else day); the range defaults to the last 7 days.
 */
final class UsageView {

  private static final long MINUTE = 60_000_000_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final int MAX_BUCKETS = 2000;

  private UsageView() {}

  static ObjectNode usage(Exchange exchange, JdbcStore store, String project)
      throws HttpError, SQLException {
    Long to = QueryParams.time(exchange, "to");
    long toNs = to == null ? System.currentTimeMillis() * 1_000_000L : to;
    Long from = QueryParams.time(exchange, "from");
    long fromNs = from == null ? toNs - 7 * DAY : from;
    if (fromNs >= toNs) {
      throw new HttpError(400, "from must be before to");
    }
    long bucket = bucket(exchange.query("bucket"), toNs - fromNs);
    if ((toNs - fromNs) / bucket > MAX_BUCKETS) {
      throw new HttpError(400, "too many buckets: use a larger bucket or a shorter range");
    }
    ObjectNode body = JsonViews.JSON.createObjectNode();
    body.put("project", project);
    body.put("from", JsonViews.iso(fromNs));
    body.put("to", JsonViews.iso(toNs));
    body.put("bucket_ms", bucket / 1_000_000L);
    ArrayNode points = body.putArray("points");
    Map<String, Usage> totals = new TreeMap<>();
    for (UsagePoint point : store.usage(project, fromNs, toNs, bucket)) {
      ObjectNode node = JsonViews.usage(point.usage());
      node.put("time", JsonViews.iso(point.bucketNs()));
      node.put("time_ms", point.bucketNs() / 1_000_000L);
      node.put("model", point.model());
      points.add(node);
      totals.merge(point.model(), point.usage(), Usage::plus);
    }
    body.set("models", JsonViews.usage(totals));
    return body;
  }

  private static long bucket(String name, long rangeNs) throws HttpError {
    if (name == null) {
      return rangeNs <= 3 * DAY ? HOUR : DAY;
    }
    switch (name) {
      case "minute":
        return MINUTE;
      case "hour":
        return HOUR;
      case "day":
        return DAY;
      default:
        throw new HttpError(400, "bucket must be minute, hour or day, got '" + name + "'");
    }
  }
}
