/**
 * Not public API. Byte Buddy instrumentation: one class per target, advice bodies of a few lines that
 * call the bootstrap bridge.
 */
package dev.weft.agent.instrumentation;
