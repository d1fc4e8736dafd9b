package dev.weft.agent.core;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** A call between its start and end: the token the advice and the facade hand back to the core. */
final class ActiveCall {
  final Span span;
  /** The context the call's body runs in: what work it starts later (a subscription) runs in too. */
  final Context context;
  final Scope scope;
  final boolean captureOutput;
  final boolean returnsStage;
  /** What is left of the span's capture budget after its inputs. */
  final int outputBudget;

  ActiveCall(Span span, Context context, boolean captureOutput, boolean returnsStage, int outputBudget) {
    this.span = span;
    this.context = context;
    this.scope = context.makeCurrent();
    this.captureOutput = captureOutput;
    this.returnsStage = returnsStage;
    this.outputBudget = outputBudget;
  }
}
