package io.switchboard.core;

/**
 * What flood control says about one message.
 */
public enum FloodVerdict {

	/** Within the rate. */
	PASS,

	/** Over the rate: drop it. */
	REFUSE,

	/** Over the rate: drop it and say {@code ERR slow down} (at most once a second). */
	REFUSE_AND_WARN,

	/** Flooding for good: disconnect. */
	DISCONNECT

}
