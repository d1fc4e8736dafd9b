package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.testing.OpenAiStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WeftHttpClient} added by hand, without the agent: a pure pass-through. */
class WeftHttpClientTest {
  private static final String CHAT = "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\","
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a joke.\"}]}";
  private static final String STREAM = "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\","
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a joke.\"}],\"stream\":true}";

  private final OpenAiStandIn llm = OpenAiStandIn.start().chunkDelay(Duration.ZERO);
  private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newCachedThreadPool()).build();
  private final HttpClient wrapped = WeftHttpClient.wrap(plain);

  @AfterEach
  void stop() {
    llm.close();
  }

  @Test
  void wrapReturnsOneWrapperAndRejectsNull() {
    assertThat(wrapped).isInstanceOf(WeftHttpClient.class);
    assertThat(WeftHttpClient.wrap(wrapped)).isSameAs(wrapped);
    assertThatThrownBy(() -> WeftHttpClient.wrap(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("client");
  }

  @Test
  void withoutTheAgentNothingIsCaptured() {
    assertThat(HttpExchangeCapture.begin(post(CHAT), HttpResponse.BodyHandlers.ofString())).isNull();
  }

  @Test
  void sendGivesTheResponseTheWrappedClientGives() throws Exception {
    HttpResponse<String> direct = plain.send(post(CHAT), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> through = wrapped.send(post(CHAT), HttpResponse.BodyHandlers.ofString());
    assertThat(through.statusCode()).isEqualTo(direct.statusCode()).isEqualTo(200);
    assertThat(ids(through.body())).isEqualTo(ids(direct.body()));
    assertThat(through.headers().firstValue("content-type")).isEqualTo(direct.headers().firstValue("content-type"));
    assertThat(llm.requests()).extracting(OpenAiStandIn.Request::body).containsExactly(CHAT, CHAT);
  }

  @Test
  void streamsArriveLineByLineAndTheRequestIsNotRewritten() {
    List<String> direct = lines(plain);
    List<String> through = lines(wrapped);
    assertThat(through).isEqualTo(direct).contains("data: [DONE]");
    assertThat(String.join("\n", through)).doesNotContain("\"usage\"");
    assertThat(llm.requests()).extracting(OpenAiStandIn.Request::body).containsExactly(STREAM, STREAM);
  }

  @Test
  void anInputStreamClosedEarlyAndAPublisherBodyBehaveAsWithoutTheWrapper() throws Exception {
    HttpResponse<InputStream> response = wrapped.sendAsync(post(STREAM), HttpResponse.BodyHandlers.ofInputStream())
        .join();
    try (InputStream in = response.body()) {
      assertThat(new String(in.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("data: ");
    }
    HttpResponse<byte[]> bytes = wrapped.sendAsync(post(CHAT), HttpResponse.BodyHandlers.ofByteArray(),
        (initiating, push, accept) -> { }).join();
    assertThat(new String(bytes.body(), StandardCharsets.UTF_8)).contains("\"object\":\"chat.completion\"");
  }

  @Test
  void errorsAreTheWrappedClientsErrors() throws Exception {
    String unknown = "{\"model\":\"acme/none\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> notFound = wrapped.send(post(unknown), HttpResponse.BodyHandlers.ofString());
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("does not exist");

    HttpRequest refused = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + freePort() + "/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
    Class<? extends Throwable> direct = thrownBy(plain, refused);
    assertThat(thrownBy(wrapped, refused)).isEqualTo(direct).isEqualTo(java.net.ConnectException.class);
    Throwable async = catchAsync(wrapped, refused);
    assertThat(async).isInstanceOf(CompletionException.class);
    assertThat(async.getCause()).isExactlyInstanceOf(catchAsync(plain, refused).getCause().getClass());
  }

  @Test
  void settingsAreTheWrappedClients() {
    assertThat(wrapped.version()).isEqualTo(plain.version());
    assertThat(wrapped.followRedirects()).isEqualTo(plain.followRedirects());
    assertThat(wrapped.connectTimeout()).isEqualTo(plain.connectTimeout()).contains(Duration.ofSeconds(5));
    assertThat(wrapped.executor()).isEqualTo(plain.executor()).isPresent();
    assertThat(wrapped.proxy()).isEqualTo(plain.proxy());
    assertThat(wrapped.cookieHandler()).isEqualTo(plain.cookieHandler());
    assertThat(wrapped.authenticator()).isEqualTo(plain.authenticator());
    assertThat(wrapped.sslContext()).isSameAs(plain.sslContext());
    assertThat(wrapped.toString()).isEqualTo(plain.toString());
  }

  @Test
  void closeOfJdk21ReachesTheWrappedClient() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "HttpClient.close() is JDK 21+");
    HttpClient.class.getMethod("close").invoke(wrapped);
    assertThat((Boolean) HttpClient.class.getMethod("isTerminated").invoke(plain)).isTrue();
    assertThat((Boolean) HttpClient.class.getMethod("isTerminated").invoke(wrapped)).isTrue();
  }

  private List<String> lines(HttpClient client) {
    HttpResponse<Stream<String>> response = client.sendAsync(post(STREAM), HttpResponse.BodyHandlers.ofLines()).join();
    try (Stream<String> lines = response.body()) {
      return lines.map(WeftHttpClientTest::ids).collect(Collectors.toList());
    }
  }

  private HttpRequest post(String body) {
    return HttpRequest.newBuilder(URI.create(llm.baseUrl() + "/chat/completions"))
        .header("Authorization", "Bearer sk-test").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static Class<? extends Throwable> thrownBy(HttpClient client, HttpRequest request) throws InterruptedException {
    try {
      client.send(request, HttpResponse.BodyHandlers.ofString());
      return null;
    } catch (IOException e) {
      return e.getClass();
    }
  }

  private static Throwable catchAsync(HttpClient client, HttpRequest request) {
    try {
      client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
      return null;
    } catch (CompletionException e) {
      return e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String ids(String text) {
    return text.replaceAll("chatcmpl-standin-\\d+", "ID");
  }
}
