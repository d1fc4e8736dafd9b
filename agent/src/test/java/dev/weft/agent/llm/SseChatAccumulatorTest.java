package dev.weft.agent.llm;

import static dev.weft.agent.llm.Fixtures.bytes;
import static dev.weft.agent.llm.Fixtures.compact;
import static dev.weft.agent.llm.Fixtures.utf8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseChatAccumulatorTest {
  private static final String CHAT = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\","
      + "\"created\":1694268190,\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_44709d6fcb\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"Hello! Ça va? 😀 How can I help?\"},\"finish_reason\":\"stop\"}]}";
  private static final String TOOLS = "{\"id\":\"chatcmpl-9cEL3\",\"object\":\"chat.completion\","
      + "\"created\":1718898609,\"model\":\"gpt-4o-2024-05-13\",\"system_fingerprint\":"
      + "\"fp_f4e629d0a5\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":null,\"tool_calls\":[{\"id\":\"call_boston\",\"type\":\"function\","
      + "\"function\":{\"name\":\"get_current_weather\",\"arguments\":"
      + "\"{\\\"location\\\": \\\"Boston, MA\\\"}\"}},{\"id\":\"call_paris\",\"type\":\"function\","
      + "\"function\":{\"name\":\"get_current_weather\",\"arguments\":"
      + "\"{\\\"location\\\": \\\"Paris, FR\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
      + "\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":27,\"total_tokens\":117}}";

  private final LlmCallParser parser = new LlmCallParser(Fixtures.IS_SECRET);

  @Test
  void aChatStreamBecomesOneChatCompletion() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(bytes("chat_stream.sse"));

    assertThat(utf8(accumulator.toJson())).isEqualTo(CHAT);
    assertThat(accumulator.isDone()).isTrue();
    assertThat(accumulator.hasContent()).isTrue();
    assertThat(accumulator.sawUsageOnlyChunk()).isFalse();
    assertThat(accumulator.eventCount()).isEqualTo(6);
    assertThat(accumulator.streamError()).isNull();
  }

  @Test
  void theUsageChunkGivesTokenCountsToTheAccumulatedCall() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(bytes("chat_stream_usage.sse"));

    assertThat(accumulator.sawUsageOnlyChunk()).isTrue();
    assertThat(parser.responseAttributes(200, accumulator.toJson(), 1_000_000)).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "chatcmpl-9cEL2tGY6V4efCUFlecqgb6HZOhpV"),
        entry("gen_ai.response.model", "meta-llama/Llama-3.1-8B-Instruct"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", 25L),
        entry("gen_ai.usage.output_tokens", 9L),
        entry("weft.output", "{\"id\":\"chatcmpl-9cEL2tGY6V4efCUFlecqgb6HZOhpV\",\"object\":"
            + "\"chat.completion\",\"created\":1718898608,\"model\":"
            + "\"meta-llama/Llama-3.1-8B-Instruct\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"Why did the scarecrow win an award?\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":25,"
            + "\"completion_tokens\":9,\"total_tokens\":34}}"));
  }

  @Test
  void toolCallsAreMergedByIndexWithTheirArgumentsConcatenated() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(bytes("chat_stream_tools.sse"));

    assertThat(utf8(accumulator.toJson())).isEqualTo(TOOLS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat_stream.sse", "chat_stream_usage.sse", "chat_stream_tools.sse",
      "responses_stream.sse", "completions_stream.sse"})
  void aStreamSplitAtAnyByteAccumulatesTheSame(String fixture) {
    for (byte[] stream : List.of(bytes(fixture), Fixtures.crlf(bytes(fixture)))) {
      String whole = accumulate(List.of(stream));
      for (int split = 0; split <= stream.length; split++) {
        assertThat(accumulate(List.of(Arrays.copyOfRange(stream, 0, split),
            Arrays.copyOfRange(stream, split, stream.length))))
            .as("split at %d", split).isEqualTo(whole);
      }
      List<byte[]> single = new ArrayList<>();
      for (byte b : stream) {
        single.add(new byte[] {b});
      }
      assertThat(accumulate(single)).as("byte by byte").isEqualTo(whole);
    }
  }

  @Test
  void feedReturnsTrueOnceForTheFirstChunkWithContent() {
    List<Boolean> firsts = feedEventByEvent(bytes("chat_stream.sse"));

    // The role chunk carries "" content: the first content is "Hello".
    assertThat(firsts).containsExactly(false, true, false, false, false, false);
  }

  @Test
  void aToolCallNameCountsAsFirstContent() {
    assertThat(feedEventByEvent(bytes("chat_stream_tools.sse")))
        .containsExactly(true, false, false, false, false, false, false, false, false, false);
  }

  @Test
  void aResponsesStreamGivesItsCompletedResponse() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    List<Boolean> firsts = feedEventByEvent(bytes("responses_stream.sse"), accumulator);

    assertThat(firsts)
        .containsExactly(false, false, false, false, true, false, false, false, false, false);
    assertThat(accumulator.isDone()).isTrue();
    assertThat(parser.responseAttributes(200, accumulator.toJson(), 1_000_000)).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "resp_123"),
        entry("gen_ai.response.model", "gpt-4.1-2025-04-14"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", 37L),
        entry("gen_ai.usage.output_tokens", 11L),
        entry("weft.output", "{\"id\":\"resp_123\",\"object\":\"response\",\"created_at\":"
            + "1741290958,\"status\":\"completed\",\"error\":null,\"model\":\"gpt-4.1-2025-04-14\","
            + "\"output\":[{\"id\":\"msg_123\",\"type\":\"message\",\"status\":\"completed\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
            + "\"Hi there!\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":37,"
            + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":11,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":48}}"));
  }

  @Test
  void aResponsesStreamClosedEarlyGivesTheTextSoFar() {
    String stream = utf8(bytes("responses_stream.sse"));
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(utf8(stream.substring(0, stream.indexOf("event: response.output_text.done"))));

    assertThat(accumulator.isDone()).isFalse();
    assertThat(utf8(accumulator.toJson())).isEqualTo("{\"id\":\"resp_123\",\"object\":\"response\","
        + "\"model\":\"gpt-4.1-2025-04-14\",\"status\":\"in_progress\",\"output\":[{\"type\":"
        + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
        + "\"text\":\"Hi there!\"}]}]}");
  }

  @Test
  void aLegacyCompletionStreamBecomesOneTextCompletion() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(bytes("completions_stream.sse"));

    assertThat(utf8(accumulator.toJson())).isEqualTo("{\"id\":\"cmpl-7iA7iJjj8V2zOkCGvWF2hAkDWBQZe\","
        + "\"object\":\"text_completion\",\"created\":1690759702,\"model\":"
        + "\"gpt-3.5-turbo-instruct\",\"choices\":[{\"index\":0,\"text\":\"This is a test.\","
        + "\"finish_reason\":\"stop\"}]}");
  }

  @Test
  void severalChoicesReasoningAndUnreadableEventsAreHandled() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(utf8(": keep-alive comment\n\n"
        + "data: {\"id\":\"c\",\"created\":1,\"model\":\"deepseek-ai/DeepSeek-R1-0528\",\"choices\":"
        + "[{\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Think\"},\"index\":1},"
        + "{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
        + "data: {not json}\n\n"
        + "data: {\"choices\":[{\"index\":1,\"delta\":{\"reasoning_content\":\"ing\","
        + "\"content\":\"B\"},\"finish_reason\":\"stop\"},{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"length\"}]}\n\n"));

    assertThat(utf8(accumulator.toJson())).isEqualTo("{\"id\":\"c\",\"object\":\"chat.completion\","
        + "\"created\":1,\"model\":\"deepseek-ai/DeepSeek-R1-0528\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"A\"},\"finish_reason\":\"length\"},"
        + "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"B\","
        + "\"reasoning_content\":\"Thinking\"},\"finish_reason\":\"stop\"}]}");
    assertThat(accumulator.isDone()).isFalse();
  }

  @Test
  void anErrorEventInTheStreamIsKept() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(utf8("data: {\"error\":{\"message\":\"Concurrency limit reached for requests\","
        + "\"type\":\"rate_limit_exceeded\"}}\n\n"));

    assertThat(accumulator.streamError()).isEqualTo("Concurrency limit reached for requests");

    SseChatAccumulator responses = new SseChatAccumulator();
    responses.feed(utf8("event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\","
        + "\"message\":\"The server had an error\",\"param\":null,\"sequence_number\":3}\n\n"));
    assertThat(responses.streamError()).isEqualTo("The server had an error");
  }

  @Test
  void finishCountsAnEventCutShortOfItsBlankLine() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    String first = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}";

    assertThat(accumulator.feed(utf8(first))).isFalse();
    assertThat(accumulator.finish()).isTrue();
    assertThat(utf8(accumulator.toJson())).isEqualTo("{\"id\":\"c\",\"object\":\"chat.completion\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
        + "\"finish_reason\":null}]}");
  }

  @Test
  void nothingReadGivesNoJson() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(utf8(": ping\n\n"));
    accumulator.finish();

    assertThat(accumulator.toJson()).isNull();
    assertThat(accumulator.eventCount()).isZero();
  }

  @Test
  void theFixtureAccumulationMatchesTheNonStreamedShape() {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    accumulator.feed(bytes("chat_stream_tools.sse"));

    Map<String, Object> attributes = parser.responseAttributes(200, accumulator.toJson(), 1_000_000);
    assertThat(attributes.get("gen_ai.response.finish_reasons")).isEqualTo(List.of("tool_calls"));
    assertThat(attributes.get("weft.output")).isEqualTo(compact(TOOLS));
  }

  private static String accumulate(List<byte[]> pieces) {
    SseChatAccumulator accumulator = new SseChatAccumulator();
    int firsts = 0;
    for (byte[] piece : pieces) {
      firsts += accumulator.feed(piece, 0, piece.length) ? 1 : 0;
    }
    firsts += accumulator.finish() ? 1 : 0;
    return utf8(accumulator.toJson()) + " firsts=" + firsts + " done=" + accumulator.isDone()
        + " usage=" + accumulator.sawUsageOnlyChunk() + " events=" + accumulator.eventCount();
  }

  private static List<Boolean> feedEventByEvent(byte[] stream) {
    return feedEventByEvent(stream, new SseChatAccumulator());
  }

  /** Feeds each event (up to and including its blank line) in its own call. */
  private static List<Boolean> feedEventByEvent(byte[] stream, SseChatAccumulator accumulator) {
    List<Boolean> firsts = new ArrayList<>();
    for (String event : utf8(stream).split("(?<=\n\n)")) {
      firsts.add(accumulator.feed(utf8(event)));
    }
    return firsts;
  }
}
