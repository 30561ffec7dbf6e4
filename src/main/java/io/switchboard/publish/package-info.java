/**
 * The publish API ({@code POST /api/rooms/{room}/messages}): services send chat lines to
 * rooms without being clients, with a bearer token or the admin's credentials.
 */
@NullMarked
package io.switchboard.publish;

import org.jspecify.annotations.NullMarked;
