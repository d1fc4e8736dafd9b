package dev.weft.server;

import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  @TempDir Path dir;

  @Test
  void callsOlderThanTheRetentionDaysAreDeletedAndNewerOnesKept() {
    try (TestServer server = TestServer.start(dir, config -> config.setRetentionDays(30))) {
      long now = System.currentTimeMillis() * 1_000_000L;
      Span.Builder recent = span("recent", "11111111111111111111111111111111", "0000000000000001", null, 0, 1)
          .setStartTimeUnixNano(now - 86_400_000_000_000L).setEndTimeUnixNano(now - 86_399_000_000_000L);
      server.export(Otlp.request(Otlp.project("acme", "kept"), recent,
          span("old", "22222222222222222222222222222222", "0000000000000002", null, 0, 1)));

      server.server().applyRetention();

      assertThat(server.get("/api/projects/acme/kept/calls").get("calls"))
          .extracting(call -> call.get("op_name").asText()).containsExactly("recent");
    }
  }
}
