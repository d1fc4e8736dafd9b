package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.CallRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an OTLP export request into calls, Weave's way: the project from the {@code project_id}
 * header, else the resource's {@code wandb.entity}/{@code wandb.project}, else
 * {@link #DEFAULT_PROJECT}; each span converted on its own, a span that cannot be converted
 * rejected with a reason while the others go on.
 */
public final class Ingest {

  /** The project of spans that name none; the agent links to it when none is configured. */
  public static final String DEFAULT_PROJECT = "weft/default";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final int MAX_LISTED_ERRORS = 20;

  private final SpanConverter converter;

  /** Creates an ingest that costs usage with {@code prices}. */
  public Ingest(Prices prices) {
    this.converter = new SpanConverter(Objects.requireNonNull(prices, "prices"));
  }

  /** Returns why {@code project} is not a valid {@code team/project}, or null when it is. */
  public static String invalidProject(String project) {
    String[] parts = project.split("/", -1);
    if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
      return "project '" + SpanChecks.shortName(project) + "' is not team/project (letters, digits,"
          + " '.', '_', '-'; at most 128 each)";
    }
    return null;
  }

  /** Converts every span; {@code headerProject} (already valid) wins over resource attributes. */
  public Conversion convert(ExportTraceServiceRequest request, String headerProject) {
    List<CallRecord> calls = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String project = headerProject != null ? headerProject : project(resourceSpans);
      String problem = invalidProject(project);
      ObjectNode resource = null;
      try {
        resource = AttributeTree.expand(resourceSpans.getResource().getAttributesList());
      } catch (AttributeTree.PathConflict e) {
        problem = "resource: " + e.getMessage();
      }
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        ObjectNode scope = JsonNodeFactory.instance.objectNode()
            .put("name", scopeSpans.getScope().getName())
            .put("version", scopeSpans.getScope().getVersion());
        for (Span span : scopeSpans.getSpansList()) {
          String reason = problem;
          if (reason == null && !seen.add(project + " " + SpanChecks.hex(span.getSpanId()))) {
            reason = "span_id appears twice in this request";
          }
          try {
            if (reason == null) {
              calls.add(converter.convert(project, span, resource, scope));
              continue;
            }
          } catch (SpanConverter.Rejected e) {
            reason = e.getMessage();
          }
          rejections.add("Rejected span (name='" + SpanChecks.shortName(span.getName())
              + "' trace_id='" + SpanChecks.hex(span.getTraceId()) + "' span_id='"
              + SpanChecks.hex(span.getSpanId()) + "'): " + reason);
        }
      }
    }
    return new Conversion(calls, rejections);
  }

  private static String project(ResourceSpans resourceSpans) {
    String entity = null;
    String project = null;
    for (KeyValue kv : resourceSpans.getResource().getAttributesList()) {
      if ("wandb.entity".equals(kv.getKey())) {
        entity = kv.getValue().getStringValue();
      } else if ("wandb.project".equals(kv.getKey())) {
        project = kv.getValue().getStringValue();
      }
    }
    if (project == null || project.isEmpty()) {
      return DEFAULT_PROJECT;
    }
    if (project.contains("/") || entity == null || entity.isEmpty()) {
      return project.contains("/") ? project : DEFAULT_PROJECT.split("/")[0] + "/" + project;
    }
    return entity + "/" + project;
  }

  /**
   * The calls of a request and the reasons spans were rejected.
   *
   * @param calls the calls to store
   * @param rejections one line per rejected span, Weave's wording
   */
  public record Conversion(List<CallRecord> calls, List<String> rejections) {

    /** Returns the OTLP {@code partial_success.error_message}: the first 20 reasons. */
    public String errorMessage() {
      List<String> listed = rejections.subList(0, Math.min(MAX_LISTED_ERRORS, rejections.size()));
      return String.join("; ", listed) + (rejections.size() > MAX_LISTED_ERRORS ? "; ..." : "");
    }
  }
}
