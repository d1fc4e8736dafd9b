package dev.weft.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.ingest.Ingest;
import dev.weft.server.ingest.Prices;
import dev.weft.server.store.CallPage;
import dev.weft.server.store.CallQuery;
import dev.weft.server.store.JdbcStore;
import dev.weft.server.store.StoredCall;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * The JSON query API under {@code /api}:
 * <pre>
 * GET /api/projects
 * GET /api/projects/{team}/{project}/calls?op=&amp;status=&amp;root=&amp;from=&amp;to=&amp;q=&amp;sort=&amp;limit=&amp;offset=
 * GET /api/projects/{team}/{project}/calls/{callId}
 * GET /api/projects/{team}/{project}/traces/{traceId}
 * GET /api/projects/{team}/{project}/ops
 * GET /api/projects/{team}/{project}/usage?from=&amp;to=&amp;bucket=
 * GET /api/projects/{team}/{project}/evaluations?evaluation=&amp;limit=
 * GET /api/projects/{team}/{project}/evaluations/{callId}
 * GET /api/projects/{team}/{project}/evaluations/compare?ids=a,b[,...]
 * GET /api/projects/{team}/{project}/leaderboards
 * GET /api/projects/{team}/{project}/leaderboard?name=|columns=
 * GET /api/prices
 * </pre>
 */
final class ApiRoutes {

  private final JdbcStore store;
  private final Prices prices;

  ApiRoutes(JdbcStore store, Prices prices) {
    this.store = store;
    this.prices = prices;
  }

  void handle(Exchange exchange) throws HttpError, SQLException {
    String[] parts = exchange.path().substring("/api/".length()).split("/", -1);
    if (parts.length == 1 && "projects".equals(parts[0])) {
      ObjectNode body = JsonViews.JSON.createObjectNode();
      ArrayNode projects = body.putArray("projects");
      store.projects().forEach(project -> projects.add(JsonViews.project(project)));
      send(exchange, body);
    } else if (parts.length == 1 && "prices".equals(parts[0])) {
      send(exchange, PriceViews.table(prices));
    } else if (parts.length >= 4 && "projects".equals(parts[0])) {
      String project = parts[1] + "/" + parts[2];
      if (Ingest.invalidProject(project) != null) {
        throw new HttpError(404, Ingest.invalidProject(project));
      }
      projectRoute(exchange, project, List.of(parts).subList(3, parts.length));
    } else {
      throw new HttpError(404, "no such API: " + exchange.path());
    }
  }

  private void projectRoute(Exchange exchange, String project, List<String> rest)
      throws HttpError, SQLException {
    String what = rest.get(0);
    if (rest.size() == 1 && "calls".equals(what)) {
      CallQuery query = QueryParams.callQuery(exchange);
      CallPage page = store.calls(project, query);
      ObjectNode body = JsonViews.JSON.createObjectNode();
      ArrayNode calls = body.putArray("calls");
      page.calls().forEach(call -> calls.add(JsonViews.summary(call)));
      body.put("total", page.total());
      body.put("limit", query.limit());
      body.put("offset", query.offset());
      send(exchange, body);
    } else if (rest.size() == 2 && "calls".equals(what)) {
      StoredCall call = store.call(project, rest.get(1));
      if (call == null) {
        throw new HttpError(404, "no call " + rest.get(1) + " in " + project);
      }
      send(exchange, JsonViews.full(call));
    } else if (rest.size() == 2 && "traces".equals(what)) {
      List<StoredCall> calls = store.trace(project, rest.get(1));
      if (calls.isEmpty()) {
        throw new HttpError(404, "no trace " + rest.get(1) + " in " + project);
      }
      ObjectNode body = JsonViews.JSON.createObjectNode();
      body.put("project", project);
      body.put("trace_id", rest.get(1));
      body.set("calls", JsonViews.tree(calls));
      send(exchange, body);
    } else if (rest.size() == 1 && "ops".equals(what)) {
      ObjectNode body = JsonViews.JSON.createObjectNode();
      ArrayNode ops = body.putArray("ops");
      store.opNames(project).forEach(ops::add);
      send(exchange, body);
    } else if (rest.size() == 1 && "usage".equals(what)) {
      send(exchange, UsageView.usage(exchange, store, project));
    } else if (rest.size() == 1 && "evaluations".equals(what)) {
      send(exchange, EvaluationViews.list(store, project, exchange));
    } else if (rest.size() == 2 && "evaluations".equals(what) && "compare".equals(rest.get(1))) {
      send(exchange, EvaluationViews.compare(store, project, exchange));
    } else if (rest.size() == 2 && "evaluations".equals(what)) {
      send(exchange, EvaluationViews.detail(store, project, rest.get(1)));
    } else if (rest.size() == 1 && "leaderboards".equals(what)) {
      send(exchange, LeaderboardView.published(store, project));
    } else if (rest.size() == 1 && "leaderboard".equals(what)) {
      send(exchange, LeaderboardView.leaderboard(store, project, exchange));
    } else {
      throw new HttpError(404, "no such API: " + exchange.path());
    }
  }

  static void send(Exchange exchange, JsonNode body) {
    try {
      exchange.setHeader("Cache-Control", "no-store");
      exchange.send(200, "application/json",
          JsonViews.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
