/**
 * Not public API. Carries the trace context from the thread that hands work over to the thread that
 * runs it: one instrumentation class per JDK type, advice that only calls
 * {@link dev.weft.agent.bootstrap.ContextBridge}.
 */
package dev.weft.agent.instrumentation.concurrent;
