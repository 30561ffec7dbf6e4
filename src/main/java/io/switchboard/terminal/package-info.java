/**
 * The terminal chat client ({@code ./switchboard client}): plain Java, no Spring context,
 * no listeners.
 */
@NullMarked
package io.switchboard.terminal;

import org.jspecify.annotations.NullMarked;
