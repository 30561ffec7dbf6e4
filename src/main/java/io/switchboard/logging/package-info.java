/**
 * The log format: plain text or one of Spring Boot's structured formats.
 */
@NullMarked
package io.switchboard.logging;

import org.jspecify.annotations.NullMarked;
