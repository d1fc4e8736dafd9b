package dev.weft.server;

import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyTest {

  @TempDir static Path dir;
  static TestServer server;
  static final byte[] BODY = body("keyed");
  static final byte[] DENIED = body("denied");

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, config -> config.addApiKey("first-key").addApiKey("second-key"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ingestWithoutAKeyIs401AndStoresNothing() {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", DENIED);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"weft\", charset=\"UTF-8\"");
    assertThat(TestServer.text(response)).isEqualTo(
        "an API key is required: send Authorization: Basic base64(\"api:\"+key) or the wandb-api-key header\n");
    assertThat(projects()).doesNotContain("acme/denied");
  }

  @Test
  void ingestWithAWrongKeyIs401() {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", DENIED, "Authorization", basic("api:nope"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestServer.text(response)).isEqualTo("wrong API key\n");
    assertThat(projects()).doesNotContain("acme/denied");
  }

  @Test
  void ingestAcceptsBasicAuthWithAnyOfTheKeysAndTheWandbHeader() {
    assertThat(server.post("application/x-protobuf", BODY, "Authorization", basic("api:first-key")).statusCode())
        .isEqualTo(200);
    assertThat(server.post("application/x-protobuf", BODY, "Authorization", basic("api:second-key")).statusCode())
        .isEqualTo(200);
    assertThat(server.post("application/x-protobuf", BODY, "wandb-api-key", "second-key").statusCode())
        .isEqualTo(200);
    assertThat(projects()).contains("acme/keyed");
  }

  @Test
  void theApiAndTheUiNeedTheKeyTooButTheHealthCheckDoesNot() {
    assertThat(server.send(server.request("/api/projects").GET()).statusCode()).isEqualTo(401);
    assertThat(server.send(server.request("/acme/keyed").GET()).statusCode()).isEqualTo(401);
    assertThat(server.send(server.request("/acme/keyed").header("Authorization", basic("api:first-key")).GET())
        .statusCode()).isEqualTo(200);
    assertThat(server.serving()).isTrue();
  }

  static String projects() {
    return TestServer.text(server.send(server.request("/api/projects").header("wandb-api-key", "first-key").GET()));
  }

  static byte[] body(String project) {
    return Otlp.request(Otlp.project("acme", project),
        span("op", "6bf92f3577b34da6a3ce929d0e0e4736", "0000000000000001", null, 0, 1)).toByteArray();
  }

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
