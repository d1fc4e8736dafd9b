package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.agent.llm.SseChatAccumulator.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the chunks of a chat (or legacy completion) stream have said so far. */
final class ChatState extends SseChatAccumulator.Writable {
  private String id;
  private String created;
  private String model;
  private String systemFingerprint;
  private String serviceTier;
  private String usage;
  private boolean legacy;
  private boolean used;
  private final List<Choice> choices = new ArrayList<>();

  boolean isUsed() {
    return used;
  }

  byte[] toJson() throws IOException {
    return SseChatAccumulator.write(this);
  }

  /** Reads a top-level chunk field it knows; false (nothing consumed) for the others. */
  boolean readField(JsonParser p, JsonToken t, String name, Chunk chunk) throws IOException {
    switch (name) {
      case "id":
        id = first(id, Json.string(p, t));
        break;
      case "object":
        legacy |= "text_completion".equals(Json.string(p, t));
        break;
      case "created":
        created = created != null || !t.isNumeric() ? created : p.getText();
        p.skipChildren();
        break;
      case "model":
        model = first(model, Json.string(p, t));
        break;
      case "system_fingerprint":
        systemFingerprint = first(systemFingerprint, Json.string(p, t));
        break;
      case "service_tier":
        serviceTier = first(serviceTier, Json.string(p, t));
        break;
      case "choices":
        readChoices(p, t, chunk);
        break;
      case "usage":
        if (t == JsonToken.START_OBJECT) {
          usage = SseChatAccumulator.raw(p);
          chunk.usageSeen = true;
        } else {
          p.skipChildren();
        }
        break;
      default:
        return false;
    }
    used = true;
    return true;
  }

  private void readChoices(JsonParser p, JsonToken t, Chunk chunk) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    chunk.choicesSeen = true;
    JsonToken item;
    while ((item = p.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item == JsonToken.START_OBJECT) {
        chunk.choices++;
        ChoiceDelta delta = ChoiceDelta.read(p);
        chunk.hasContent |= delta.hasContent();
        legacy |= delta.text != null;
        choice(delta.index).apply(delta);
      } else {
        p.skipChildren();
      }
    }
  }

  private Choice choice(int index) {
    while (choices.size() <= index) {
      choices.add(null);
    }
    Choice choice = choices.get(index);
    if (choice == null) {
      choice = new Choice(index);
      choices.set(index, choice);
    }
    return choice;
  }

  @Override
  void writeTo(JsonGenerator g) throws IOException {
    g.writeStartObject();
    writeIfPresent(g, "id", id);
    g.writeStringField("object", legacy ? "text_completion" : "chat.completion");
    if (created != null) {
      g.writeFieldName("created");
      g.writeNumber(created);
    }
    writeIfPresent(g, "model", model);
    writeIfPresent(g, "system_fingerprint", systemFingerprint);
    writeIfPresent(g, "service_tier", serviceTier);
    g.writeArrayFieldStart("choices");
    for (Choice choice : choices) {
      if (choice != null) {
        choice.writeTo(g, legacy);
      }
    }
    g.writeEndArray();
    if (usage != null) {
      g.writeFieldName("usage");
      g.writeRawValue(usage);
    }
    g.writeEndObject();
  }

  static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static String first(String current, String next) {
    return current != null ? current : next;
  }

  /** One choice accumulated over its deltas. */
  private static final class Choice {
    private final int index;
    private String role;
    private StringBuilder content;
    private StringBuilder reasoning;
    private StringBuilder refusal;
    private StringBuilder text;
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private String functionName;
    private StringBuilder functionArguments;
    private String finishReason;

    Choice(int index) {
      this.index = index;
    }

    void apply(ChoiceDelta d) {
      role = d.role != null ? d.role : role;
      content = append(content, d.content);
      reasoning = append(reasoning, d.reasoning);
      refusal = append(refusal, d.refusal);
      text = append(text, d.text);
      finishReason = d.finishReason != null ? d.finishReason : finishReason;
      functionName = d.functionName != null ? d.functionName : functionName;
      functionArguments = append(functionArguments, d.functionArguments);
      for (ChoiceDelta.ToolDelta tool : d.tools) {
        toolCall(tool).apply(tool);
      }
    }

    /** By index; a delta without one continues the last call unless it starts a new id. */
    private ToolCall toolCall(ChoiceDelta.ToolDelta tool) {
      int i = tool.index;
      if (i < 0) {
        int last = toolCalls.size() - 1;
        boolean startsNew = last < 0 || (tool.id != null && toolCalls.get(last) != null
            && toolCalls.get(last).id != null && !tool.id.equals(toolCalls.get(last).id));
        i = startsNew ? last + 1 : last;
      }
      while (toolCalls.size() <= i) {
        toolCalls.add(null);
      }
      if (toolCalls.get(i) == null) {
        toolCalls.set(i, new ToolCall());
      }
      return toolCalls.get(i);
    }

    private static StringBuilder append(StringBuilder sb, String piece) {
      if (piece == null) {
        return sb;
      }
      return sb == null ? new StringBuilder(piece) : sb.append(piece);
    }

    void writeTo(JsonGenerator g, boolean legacy) throws IOException {
      g.writeStartObject();
      g.writeNumberField("index", index);
      if (legacy) {
        g.writeStringField("text", text == null ? "" : text.toString());
      } else {
        writeMessage(g);
      }
      g.writeFieldName("finish_reason");
      if (finishReason == null) {
        g.writeNull();
      } else {
        g.writeString(finishReason);
      }
      g.writeEndObject();
    }

    private void writeMessage(JsonGenerator g) throws IOException {
      g.writeObjectFieldStart("message");
      g.writeStringField("role", role == null ? "assistant" : role);
      g.writeFieldName("content");
      if (content == null) {
        g.writeNull();
      } else {
        g.writeString(content.toString());
      }
      if (reasoning != null) {
        g.writeStringField("reasoning_content", reasoning.toString());
      }
      if (refusal != null) {
        g.writeStringField("refusal", refusal.toString());
      }
      if (hasToolCalls()) {
        g.writeArrayFieldStart("tool_calls");
        for (ToolCall call : toolCalls) {
          if (call != null) {
            call.writeTo(g);
          }
        }
        g.writeEndArray();
      }
      if (functionName != null || functionArguments != null) {
        g.writeObjectFieldStart("function_call");
        writeIfPresent(g, "name", functionName);
        g.writeStringField("arguments",
            functionArguments == null ? "" : functionArguments.toString());
        g.writeEndObject();
      }
      g.writeEndObject();
    }

    private boolean hasToolCalls() {
      for (ToolCall call : toolCalls) {
        if (call != null) {
          return true;
        }
      }
      return false;
    }
  }

  /** One tool call merged from its deltas. */
  private static final class ToolCall {
    private String id;
    private String type;
    private String name;
    private final StringBuilder arguments = new StringBuilder();

    void apply(ChoiceDelta.ToolDelta d) {
      id = d.id != null ? d.id : id;
      type = d.type != null ? d.type : type;
      name = d.name != null ? d.name : name;
      if (d.arguments != null) {
        arguments.append(d.arguments);
      }
    }

    void writeTo(JsonGenerator g) throws IOException {
      g.writeStartObject();
      writeIfPresent(g, "id", id);
      g.writeStringField("type", type == null ? "function" : type);
      g.writeObjectFieldStart("function");
      writeIfPresent(g, "name", name);
      g.writeStringField("arguments", arguments.toString());
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
