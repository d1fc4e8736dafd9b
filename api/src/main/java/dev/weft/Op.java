package dev.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose every call becomes a traced call (a span) when the Weft agent is installed:
 * inputs are the arguments by parameter name, output is the return value, and calls nest the way the
 * code ran. The Java counterpart of Weave's {@code @weave.op}.
 *
 * <p>Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Op {

  /** The op name; empty means {@code SimpleClassName.method}. */
  String name() default "";

  /** What kind of step this is; shown by Weave as the call's kind. */
  Kind kind() default Kind.NONE;

  /** A human-friendly name shown instead of the op name; empty means none. */
  String displayName() default "";

  /** Whether the arguments are captured as the call's inputs. */
  boolean captureInputs() default true;

  /** Whether the return value is captured as the call's output. */
  boolean captureOutput() default true;
}
