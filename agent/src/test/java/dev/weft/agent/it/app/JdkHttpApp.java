package dev.weft.agent.it.app;

import dev.weft.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Raw {@code java.net.http.HttpClient} model calls, each under an {@code @Op}. Prints everything it
 * sees (status, bodies, lines, exceptions), so runs with and without the agent can be compared.
 * Arguments: the stand-in's base URL, then {@code calls} or {@code errors}.
 */
public class JdkHttpApp {
  public static final String KEY = "sk-jdk-very-secret";
  public static final String WRONG_KEY = "sk-jdk-wrong-secret";
  public static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  public static final String CHAT = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Tell me a joke.\"}],\"temperature\":0.5}";
  public static final String STREAM = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Tell me a joke.\"}],\"stream\":true}";
  public static final String UNKNOWN_MODEL = "{\"model\":\"acme/no-such-model\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Hi\"}]}";

  private final String baseUrl;

  JdkHttpApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) throws Exception {
    JdkHttpApp app = new JdkHttpApp(args[0]);
    if (args[1].equals("wrapped")) {
      app.wrappedSend();
      app.wrappedStream();
    } else if (args[1].equals("calls")) {
      app.sendString();
      app.sendAsyncString();
      app.streamLines();
      app.streamInputStream();
      app.streamPublisher();
      app.streamClosedEarly();
    } else {
      app.tooManyRequests();
      app.serverError();
      app.wrongKey();
      app.unknownModel();
      app.refused();
      app.cancelled();
    }
  }

  @Op
  void sendString() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(post(CHAT, KEY),
        HttpResponse.BodyHandlers.ofString());
    print("sendString", response.statusCode(), response.body());
  }

  @Op
  void sendAsyncString() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response = client.sendAsync(post(CHAT, KEY), HttpResponse.BodyHandlers.ofString()).join();
    print("sendAsyncString", response.statusCode(), response.body());
  }

  @Op
  void streamLines() {
    HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
        .sendAsync(post(STREAM, KEY), HttpResponse.BodyHandlers.ofLines()).join();
    System.out.println("streamLines status=" + response.statusCode());
    try (Stream<String> lines = response.body()) {
      lines.forEach(line -> System.out.println("streamLines line: " + line));
    }
  }

  @Op
  void streamInputStream() throws IOException {
    HttpResponse<InputStream> response = HttpClient.newHttpClient()
        .sendAsync(post(STREAM, KEY), HttpResponse.BodyHandlers.ofInputStream()).join();
    try (InputStream in = response.body()) {
      print("streamInputStream", response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Op
  void streamPublisher() throws Exception {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = HttpClient.newHttpClient()
        .send(post(STREAM, KEY), HttpResponse.BodyHandlers.ofPublisher());
    StringBuilder seen = new StringBuilder();
    CompletableFuture<String> done = new CompletableFuture<>();
    response.body().subscribe(new Flow.Subscriber<List<ByteBuffer>>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
          seen.append(StandardCharsets.UTF_8.decode(b));
        }
        subscription.request(1);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(seen.toString());
      }
    });
    print("streamPublisher", response.statusCode(), done.join());
  }

  @Op
  void streamClosedEarly() throws IOException {
    HttpResponse<InputStream> response = HttpClient.newHttpClient()
        .sendAsync(post(STREAM, KEY), HttpResponse.BodyHandlers.ofInputStream()).join();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      System.out.println("streamClosedEarly first: " + reader.readLine());
    }
  }

  /** A client the app wrapped by hand (weft-http on its class path) under the agent too. */
  @Op
  void wrappedSend() throws Exception {
    HttpResponse<String> response = dev.weft.http.WeftHttpClient.wrap(HttpClient.newHttpClient())
        .send(post(CHAT, KEY), HttpResponse.BodyHandlers.ofString());
    print("wrappedSend", response.statusCode(), response.body());
  }

  @Op
  void wrappedStream() {
    HttpResponse<Stream<String>> response = dev.weft.http.WeftHttpClient.wrap(HttpClient.newHttpClient())
        .sendAsync(post(STREAM, KEY), HttpResponse.BodyHandlers.ofLines()).join();
    try (Stream<String> lines = response.body()) {
      lines.forEach(line -> System.out.println("wrappedStream line: " + line));
    }
  }

  @Op
  void tooManyRequests() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(post(CHAT, KEY),
        HttpResponse.BodyHandlers.ofString());
    print("tooManyRequests", response.statusCode(), response.body());
  }

  @Op
  void serverError() {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .sendAsync(post(STREAM, KEY), HttpResponse.BodyHandlers.ofString()).join();
    print("serverError", response.statusCode(), response.body());
  }

  @Op
  void wrongKey() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(post(CHAT, WRONG_KEY),
        HttpResponse.BodyHandlers.ofString());
    print("wrongKey", response.statusCode(), response.body());
  }

  @Op
  void unknownModel() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(post(UNKNOWN_MODEL, KEY),
        HttpResponse.BodyHandlers.ofString());
    print("unknownModel", response.statusCode(), response.body());
  }

  @Op
  void refused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + KEY)
        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
    try {
      HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.out.println("refused send: " + e.getClass().getName() + ": " + e.getMessage());
    }
    try {
      HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    } catch (CompletionException e) {
      System.out.println("refused sendAsync: " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
    }
  }

  @Op
  void cancelled() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
      CompletableFuture<HttpResponse<String>> future = HttpClient.newHttpClient()
          .sendAsync(request, HttpResponse.BodyHandlers.ofString());
      try (Socket accepted = silent.accept()) { // the request is on its way and will get no answer
        // whether isCancelled() then holds is a race inside the JDK client: not printed
        System.out.println("cancelled: " + future.cancel(true) + " " + future.isCompletedExceptionally());
      }
    }
  }

  private HttpRequest post(String body, String key) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .header("OpenAI-Project", "team/jdk-project")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void print(String what, int status, String body) {
    System.out.println(what + " status=" + status + " body=" + body);
  }
}
