package dev.weft.agent.core;

import java.util.Arrays;

/** What the agent knows about one traced method, fixed when its class is instrumented. */
public final class OpSpec {
  final String name;
  final String kind;
  final String displayName;
  final String[] parameterNames;
  final boolean captureInputs;
  final boolean captureOutput;
  final boolean returnsVoid;
  final boolean returnsStage;

  /**
   * @param kind Weave span kind or empty
   * @param displayName display name or empty
   */
  public OpSpec(String name, String kind, String displayName, String[] parameterNames,
      boolean captureInputs, boolean captureOutput, boolean returnsVoid, boolean returnsStage) {
    this.name = name;
    this.kind = kind;
    this.displayName = displayName;
    this.parameterNames = parameterNames.clone();
    this.captureInputs = captureInputs;
    this.captureOutput = captureOutput;
    this.returnsVoid = returnsVoid;
    this.returnsStage = returnsStage;
  }

  @Override
  public String toString() {
    return "OpSpec{" + name + Arrays.toString(parameterNames) + (kind.isEmpty() ? "" : ", kind=" + kind) + "}";
  }
}
