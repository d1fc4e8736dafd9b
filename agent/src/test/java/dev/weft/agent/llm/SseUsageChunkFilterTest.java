package dev.weft.agent.llm;

import static dev.weft.agent.llm.Fixtures.bytes;
import static dev.weft.agent.llm.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseUsageChunkFilterTest {
  private static final String USAGE_EVENT = "data: {\"id\":\"chatcmpl-9cEL2tGY6V4efCUFlecqgb6HZOhpV\","
      + "\"object\":\"chat.completion.chunk\",\"created\":1718898608,"
      + "\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":9,\"total_tokens\":34}}\n\n";

  @Test
  void exactlyTheUsageOnlyEventIsRemoved() {
    String stream = utf8(bytes("chat_stream_usage.sse"));
    SseUsageChunkFilter filter = new SseUsageChunkFilter();

    String out = utf8(filter.filter(utf8(stream))) + utf8(filter.finish());

    assertThat(stream).contains(USAGE_EVENT);
    assertThat(out).isEqualTo(stream.replace(USAGE_EVENT, "").replace(",\"usage\":null}", "}"));
    assertThat(out).endsWith("\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
    assertThat(filter.removedCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat_stream_usage.sse", "chat_stream_tools.sse"})
  void aStreamSplitAtAnyByteIsFilteredTheSame(String fixture) {
    for (boolean crlf : List.of(false, true)) {
      byte[] stream = crlf ? Fixtures.crlf(bytes(fixture)) : bytes(fixture);
      String expected = filterAll(List.of(stream));
      assertThat(expected).doesNotContain("\"choices\":[]").contains("data: [DONE]");
      assertThat(expected.length()).isLessThan(stream.length);
      for (int split = 0; split <= stream.length; split++) {
        assertThat(filterAll(List.of(Arrays.copyOfRange(stream, 0, split),
            Arrays.copyOfRange(stream, split, stream.length))))
            .as("split at %d, crlf %s", split, crlf).isEqualTo(expected);
      }
      byte[][] single = new byte[stream.length][];
      for (int i = 0; i < stream.length; i++) {
        single[i] = new byte[] {stream[i]};
      }
      assertThat(filterAll(List.of(single))).as("byte by byte").isEqualTo(expected);
    }
  }

  @Test
  void withCrlfTheWholeUsageEventAndItsBlankLineGo() {
    byte[] stream = Fixtures.crlf(bytes("chat_stream_usage.sse"));

    assertThat(filterAll(List.of(stream))).isEqualTo(utf8(stream)
        .replace(USAGE_EVENT.replace("\n", "\r\n"), "").replace(",\"usage\":null}", "}"));
  }

  @Test
  void aStreamWithoutAUsageOnlyChunkPassesByteForByte() {
    for (String fixture : List.of("chat_stream.sse", "responses_stream.sse",
        "completions_stream.sse")) {
      byte[] stream = bytes(fixture);
      SseUsageChunkFilter filter = new SseUsageChunkFilter();

      assertThat(utf8(filter.filter(stream)) + utf8(filter.finish())).isEqualTo(utf8(stream));
      assertThat(filter.removedCount()).isZero();
    }
  }

  @Test
  void usageOnAChunkWithChoicesIsKept() {
    String event = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
        + "\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\n";
    String nullUsage = "data: {\"id\":\"c\",\"choices\":[],\"usage\":null}\n\n";

    assertThat(filterAll(List.of(utf8(event + nullUsage))))
        .isEqualTo(event + "data: {\"id\":\"c\",\"choices\":[]}\n\n");
  }

  @Test
  void theNullUsageAddedToEveryChunkOnceUsageIsAskedForIsRemoved() {
    assertThat(filterAll(List.of(utf8("data: {\"id\": \"c\", \"choices\": [], \"usage\": null}\n\n"))))
        .isEqualTo("data: {\"id\": \"c\", \"choices\": []}\n\n");
    assertThat(filterAll(List.of(utf8("data: {\"usage\":null,\"id\":\"c\"}\n\n"))))
        .isEqualTo("data: {\"id\":\"c\"}\n\n");
    assertThat(filterAll(List.of(utf8("data: {\"usage\":null}\n\n")))).isEqualTo("data: {\"usage\":null}\n\n");
    assertThat(filterAll(List.of(utf8("data: {\"content\":\"\\\"usage\\\":null\"}\n\n"))))
        .isEqualTo("data: {\"content\":\"\\\"usage\\\":null\"}\n\n");
  }

  @Test
  void anEventIsHeldOnlyUntilItsBlankLineAndBytesBetweenEventsAreNot() {
    SseUsageChunkFilter filter = new SseUsageChunkFilter();
    String event = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}";

    assertThat(utf8(filter.filter(utf8("\n")))).isEqualTo("\n");
    assertThat(utf8(filter.filter(utf8(event)))).isEmpty();
    assertThat(utf8(filter.filter(utf8("\n")))).isEmpty();
    assertThat(utf8(filter.filter(utf8("\n: ping")))).isEqualTo(event + "\n\n");
    assertThat(utf8(filter.filter(utf8("\n\n")))).isEqualTo(": ping\n\n");
    assertThat(utf8(filter.filter(utf8("\n")))).isEqualTo("\n");
  }

  @Test
  void finishReturnsAnUnfinishedEventUnlessItIsTheUsageChunk() {
    SseUsageChunkFilter kept = new SseUsageChunkFilter();
    kept.filter(utf8("data: [DONE]"));
    assertThat(utf8(kept.finish())).isEqualTo("data: [DONE]");

    SseUsageChunkFilter dropped = new SseUsageChunkFilter();
    dropped.filter(utf8(USAGE_EVENT.trim()));
    assertThat(dropped.finish()).isEmpty();
    assertThat(dropped.removedCount()).isEqualTo(1);
  }

  @Test
  void multiLineDataAndAnOffsetIntoTheInputAreHandled() {
    String event = "event: message\ndata: {\"choices\": [ ],\ndata:  \"usage\": {\"total_tokens\": 1}}\n\n";
    byte[] padded = utf8("xx" + event + "data: [DONE]\n\nyy");
    SseUsageChunkFilter filter = new SseUsageChunkFilter();

    byte[] out = filter.filter(padded, 2, padded.length - 4);

    assertThat(utf8(out)).isEqualTo("data: [DONE]\n\n");
  }

  private static String filterAll(List<byte[]> pieces) {
    SseUsageChunkFilter filter = new SseUsageChunkFilter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      out.writeBytes(filter.filter(piece, 0, piece.length));
    }
    out.writeBytes(filter.finish());
    return utf8(out.toByteArray());
  }
}
