package dev.weft.testing;

import java.util.Map;
import java.util.Objects;

/**
 * A span event as {@link FakeWeave} decoded it.
 *
 * @param name the event name, e.g. {@code exception}
 * @param epochNanos when the event happened
 * @param attributes the event attributes (String, Long, Double, Boolean, List or Map values)
 */
public record ReceivedEvent(String name, long epochNanos, Map<String, Object> attributes) {

  /** Copies the attributes so the record stays immutable. */
  public ReceivedEvent {
    Objects.requireNonNull(name, "name");
    attributes = OtlpDecoding.immutable(attributes);
  }

  /** Returns the attribute named {@code key}, or null when absent. */
  public Object attr(String key) {
    return attributes.get(key);
  }
}
