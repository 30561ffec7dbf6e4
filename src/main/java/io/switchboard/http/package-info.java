/**
 * The HTTP port behind a reverse proxy or Ingress: which peers' forwarded headers
 * ({@code X-Forwarded-For}, {@code -Proto}, {@code -Port}) are believed.
 */
@NullMarked
package io.switchboard.http;

import org.jspecify.annotations.NullMarked;
