package dev.weft;

import java.util.Objects;

/**
 * The traced call currently running on this thread: its id (the span id, which is also Weave's call
 * id), its trace id and a link to it. {@link #none()} when nothing is traced.
 */
public final class Call {
  private static final Call NONE = new Call("", "", "");

  private final String id;
  private final String traceId;
  private final String link;

  private Call(String id, String traceId, String link) {
    this.id = id;
    this.traceId = traceId;
    this.link = link;
  }

  static Call of(String id, String traceId, String link) {
    return new Call(
        Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(traceId, "traceId"),
        Objects.requireNonNull(link, "link"));
  }

  /** The call that stands for "no call": empty id, trace id and link. */
  public static Call none() {
    return NONE;
  }

  /** The call id (16 hex digits); empty when no call is running. */
  public String id() {
    return id;
  }

  /** The trace id (32 hex digits); empty when no call is running. */
  public String traceId() {
    return traceId;
  }

  /** A link to the call in Weave or the local UI; empty when no call is running. */
  public String link() {
    return link;
  }

  /** Whether this is a real call rather than {@link #none()}. */
  public boolean isValid() {
    return !id.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Call && ((Call) o).id.equals(id) && ((Call) o).traceId.equals(traceId);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + traceId.hashCode();
  }

  @Override
  public String toString() {
    return isValid() ? "Call{id=" + id + ", traceId=" + traceId + ", link=" + link + "}" : "Call{none}";
  }
}
