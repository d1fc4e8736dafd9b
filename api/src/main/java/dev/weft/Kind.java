package dev.weft;

/** The kind of a traced call, as Weave shows it ({@code weave.span.kind}). */
public enum Kind {
  /** No particular kind. */
  NONE(""),
  /** A call to a language model. */
  LLM("llm"),
  /** A tool an agent can call. */
  TOOL("tool"),
  /** An agent: a loop of model and tool calls. */
  AGENT("agent"),
  /** A retrieval or search step. */
  SEARCH("search"),
  /** A check on inputs or outputs. */
  GUARDRAIL("guardrail");

  private final String wireName;

  Kind(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name sent to the backend; empty for {@link #NONE}. */
  public String wireName() {
    return wireName;
  }
}
