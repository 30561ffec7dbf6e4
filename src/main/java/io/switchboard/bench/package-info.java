/**
 * The load generator ({@code java -jar switchboard.jar bench}): plain Java, no Spring
 * context.
 */
@NullMarked
package io.switchboard.bench;

import org.jspecify.annotations.NullMarked;
