/**
 * Not public API. The few classes the agent puts on the bootstrap class path so that code inlined into
 * any class (advice) and the {@code weft-api} facade can reach the tracing core. They use JDK types only
 * and do no work of their own: each call goes to a handler the core installs.
 */
package dev.weft.agent.bootstrap;
