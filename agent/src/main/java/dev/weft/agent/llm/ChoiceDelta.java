package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a chunk's {@code choices}, read whole before it is applied because its fields
 * may come in any order ({@code index} after {@code delta}).
 */
final class ChoiceDelta {
  int index;
  String role;
  String content;
  /** {@code reasoning_content} (or {@code reasoning}) of reasoning models served by vLLM and others. */
  String reasoning;
  String refusal;
  /** Legacy completions stream {@code text} instead of a delta. */
  String text;
  String finishReason;
  String functionName;
  String functionArguments;
  final List<ToolDelta> tools = new ArrayList<>();

  /** Reads the object whose START_OBJECT is current. */
  static ChoiceDelta read(JsonParser p) throws IOException {
    ChoiceDelta d = new ChoiceDelta();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("index")) {
        Long index = Json.integer(p, t);
        d.index = index == null || index < 0 || index > 1_000 ? 0 : index.intValue();
      } else if (name.equals("delta") && t == JsonToken.START_OBJECT) {
        d.readDelta(p);
      } else if (name.equals("text")) {
        d.text = Json.string(p, t);
      } else if (name.equals("finish_reason")) {
        d.finishReason = Json.string(p, t);
      } else {
        p.skipChildren();
      }
    }
    return d;
  }

  boolean hasContent() {
    if (nonEmpty(content) || nonEmpty(reasoning) || nonEmpty(refusal) || nonEmpty(text)
        || functionName != null || nonEmpty(functionArguments)) {
      return true;
    }
    for (ToolDelta tool : tools) {
      if (tool.name != null || nonEmpty(tool.arguments)) {
        return true;
      }
    }
    return false;
  }

  private void readDelta(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "role":
          role = Json.string(p, t);
          break;
        case "content":
          content = Json.string(p, t);
          break;
        case "reasoning_content":
        case "reasoning":
          reasoning = Json.string(p, t);
          break;
        case "refusal":
          refusal = Json.string(p, t);
          break;
        case "tool_calls":
          readToolCalls(p, t);
          break;
        case "function_call":
          readFunctionCall(p, t);
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void readToolCalls(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken item;
    while ((item = p.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item == JsonToken.START_OBJECT) {
        tools.add(ToolDelta.read(p));
      } else {
        p.skipChildren();
      }
    }
  }

  private void readFunctionCall(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("name")) {
        functionName = Json.string(p, value);
      } else if (name.equals("arguments")) {
        functionArguments = Json.string(p, value);
      } else {
        p.skipChildren();
      }
    }
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /** One element of {@code delta.tool_calls}. */
  static final class ToolDelta {
    /** -1 when the server sent none. */
    int index = -1;
    String id;
    String type;
    String name;
    String arguments;

    static ToolDelta read(JsonParser p) throws IOException {
      ToolDelta d = new ToolDelta();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("index")) {
          Long index = Json.integer(p, t);
          d.index = index == null || index < 0 || index > 1_000 ? -1 : index.intValue();
        } else if (field.equals("id")) {
          d.id = Json.string(p, t);
        } else if (field.equals("type")) {
          d.type = Json.string(p, t);
        } else if (field.equals("function") && t == JsonToken.START_OBJECT) {
          d.readFunction(p);
        } else {
          p.skipChildren();
        }
      }
      return d;
    }

    private void readFunction(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("name")) {
          name = Json.string(p, t);
        } else if (field.equals("arguments")) {
          arguments = Json.string(p, t);
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
